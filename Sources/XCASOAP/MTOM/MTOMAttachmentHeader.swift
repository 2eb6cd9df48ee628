/// The headers of an attachment (a part other than the root), returned before its body is streamed.
public struct MTOMAttachmentHeader: Sendable, Hashable {
    /// The `Content-ID` without `<>`, the name `xop:Include/@href` uses (XOP 1.0 §4.1 requires one).
    public let contentID: ContentID
    /// The part's `Content-Type` (``MIMEContentType/mimeDefault`` when it has none).
    public let contentType: MIMEContentType
    /// All header fields of the part.
    public let headers: MIMEHeaders

    public init(contentID: ContentID, contentType: MIMEContentType, headers: MIMEHeaders) {
        self.contentID = contentID
        self.contentType = contentType
        self.headers = headers
    }
}
