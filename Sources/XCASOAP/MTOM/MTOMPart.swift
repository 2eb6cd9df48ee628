import NIOCore

/// The root part of an MTOM package, read into memory: the SOAP envelope as an XOP document (XOP 1.0 §4.1), or the
/// whole body when the message is not multipart.
public struct MTOMPart: Sendable, Hashable {
    /// The part's header fields (for a non-multipart body: just its `Content-Type`).
    public let headers: MIMEHeaders
    /// The part's `Content-Type` (``MIMEContentType/mimeDefault`` when it has none): `application/xop+xml` for
    /// MTOM, `application/soap+xml` for a plain SOAP body.
    public let contentType: MIMEContentType
    /// The `Content-ID` without `<>`, nil when the part has none (a plain SOAP body never has one).
    public let contentID: ContentID?
    /// The part's bytes.
    public let body: ByteBuffer

    public init(headers: MIMEHeaders, contentType: MIMEContentType, contentID: ContentID?, body: ByteBuffer) {
        self.headers = headers
        self.contentType = contentType
        self.contentID = contentID
        self.body = body
    }
}
