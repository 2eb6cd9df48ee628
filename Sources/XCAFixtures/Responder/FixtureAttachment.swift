import XCASOAP

/// One MTOM attachment of a retrieve response: the Content-ID its `xop:Include` names, the part's Content-Type
/// (the document's mimeType) and the fixture bytes, streamed when the body is written.
public struct FixtureAttachment: Sendable {
    public let contentID: ContentID
    public let contentType: MIMEContentType
    public let content: FixtureContent

    public init(contentID: ContentID, contentType: MIMEContentType, content: FixtureContent) {
        self.contentID = contentID
        self.contentType = contentType
        self.content = content
    }

    /// An attachment with a fresh Content-ID; a mimeType that is not a valid media type is sent as
    /// `application/octet-stream`.
    init(mimeType: String, content: FixtureContent) {
        self.init(
            contentID: .random(),
            contentType: (try? MIMEContentType(parsing: mimeType)) ?? .octetStream,
            content: content
        )
    }
}
