import NIOCore

/// An attachment held in memory: for small messages, fixtures and ``MTOMWriter/message(root:attachments:)``.
public struct MTOMAttachment: Sendable, Hashable {
    public let contentID: ContentID
    public let contentType: MIMEContentType
    /// Header fields beyond Content-Type, Content-Transfer-Encoding and Content-ID (which the writer adds itself);
    /// when read, all header fields of the part.
    public let headers: MIMEHeaders
    public let body: ByteBuffer

    public init(
        contentID: ContentID,
        contentType: MIMEContentType,
        headers: MIMEHeaders = MIMEHeaders(),
        body: ByteBuffer
    ) {
        self.contentID = contentID
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    init(header: MTOMAttachmentHeader, body: ByteBuffer) {
        self.init(contentID: header.contentID, contentType: header.contentType, headers: header.headers, body: body)
    }

    var header: MTOMAttachmentHeader {
        MTOMAttachmentHeader(contentID: contentID, contentType: contentType, headers: headers)
    }
}
