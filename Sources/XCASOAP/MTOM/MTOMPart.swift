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

/// An attachment held in memory: for small messages, fixtures and ``MTOMWriter/message(root:attachments:)``.
public struct MTOMAttachment: Sendable, Hashable {
    public let contentID: ContentID
    public let contentType: MIMEContentType
    /// Header fields beyond Content-Type, Content-Transfer-Encoding and Content-ID (which the writer adds itself);
    /// when read, all header fields of the part.
    public let headers: MIMEHeaders
    public let body: ByteBuffer

    public init(contentID: ContentID, contentType: MIMEContentType, headers: MIMEHeaders = MIMEHeaders(), body: ByteBuffer) {
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

/// A whole MTOM package in memory (see ``MTOMReader/readMessage(maxAttachmentBytes:)``): for small messages and
/// tests only; production code streams attachments with ``MTOMReader``.
public struct MTOMMessage: Sendable, Hashable {
    public let root: MTOMPart
    public let attachments: [MTOMAttachment]

    public init(root: MTOMPart, attachments: [MTOMAttachment]) {
        self.root = root
        self.attachments = attachments
    }

    /// The Content-IDs of the attachments, the set ``XOPInclude/resolve(in:)`` checks against.
    public var attachmentContentIDs: Set<ContentID> { Set(attachments.map(\.contentID)) }

    /// The attachment an `xop:Include` names, or ``MultipartError/Code/unknownContentID``.
    public func attachment(for include: XOPInclude) throws(MultipartError) -> MTOMAttachment {
        guard let attachment = attachments.first(where: { $0.contentID == include.contentID }) else {
            throw MultipartError(
                .unknownContentID, "xop:Include names cid '\(include.contentID)', which no part of the package carries")
        }
        return attachment
    }
}
