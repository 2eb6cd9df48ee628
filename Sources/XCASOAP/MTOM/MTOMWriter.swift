import NIOCore

/// Writes an MTOM package (SOAP 1.2 MTOM §3, XOP 1.0 §4.1): a root part holding the SOAP envelope as
/// `application/xop+xml`, then binary attachments, streamed like ``MultipartWriter``.
///
///     let mtom = try MTOMWriter(action: "urn:ihe:iti:2007:CrossGatewayRetrieveResponse")
///     response.headers["Content-Type"] = mtom.contentType.description
///     send(mtom.rootPartHead()); send(envelope)
///     send(mtom.attachmentHead(contentID: id, contentType: type)); stream(document)
///     send(mtom.close())
public struct MTOMWriter: Sendable, Hashable {
    public let multipart: MultipartWriter
    /// The Content-ID of the root part, named by the `start` parameter.
    public let rootContentID: ContentID
    /// The HTTP `Content-Type` of the package (``MIMEContentType/mtom(boundary:startContentID:action:)``).
    public let contentType: MIMEContentType
    /// The `Content-Type` of the root part (``MIMEContentType/mtomRootPart(action:)``).
    public let rootContentType: MIMEContentType

    /// - Parameters:
    ///   - action: the SOAP action, repeated in both content types; nil leaves it out.
    ///   - rootContentID: the root part's Content-ID (random by default).
    ///   - multipart: the boundary writer (random boundary by default).
    public init(
        action: String?,
        rootContentID: ContentID = .random(),
        multipart: MultipartWriter = .random()
    )
        throws(MultipartError)
    {
        self.multipart = multipart
        self.rootContentID = rootContentID
        self.contentType = try .mtom(boundary: multipart.boundary, startContentID: rootContentID, action: action)
        self.rootContentType = try .mtomRootPart(action: action)
    }

    /// Opens the root part (always the first): `Content-ID`, `Content-Type: application/xop+xml; …`,
    /// `Content-Transfer-Encoding: binary`. The envelope bytes follow.
    public func rootPartHead() -> ByteBuffer {
        multipart.partHead(
            headers: MIMEHeaders(validated: [
                .init(name: "Content-ID", value: rootContentID.headerValue),
                .init(name: "Content-Type", value: rootContentType.description),
                .init(name: "Content-Transfer-Encoding", value: "binary"),
            ]),
            isFirst: true
        )
    }

    /// Opens an attachment: `Content-Type`, `Content-Transfer-Encoding: binary`, `Content-ID: <…>`, then any
    /// `extraHeaders`. The attachment's bytes follow, unchanged.
    public func attachmentHead(
        contentID: ContentID,
        contentType: MIMEContentType,
        extraHeaders: MIMEHeaders = MIMEHeaders()
    )
        -> ByteBuffer
    {
        var fields: [MIMEHeaders.Field] = [
            .init(name: "Content-Type", value: contentType.description),
            .init(name: "Content-Transfer-Encoding", value: "binary"),
            .init(name: "Content-ID", value: contentID.headerValue),
        ]
        for field in extraHeaders where !Self.isManaged(field.name) { fields.append(field) }
        return multipart.partHead(headers: MIMEHeaders(validated: fields), isFirst: false)
    }

    /// The close delimiter.
    public func close() -> ByteBuffer { multipart.close() }

    /// The whole package in one buffer, for small messages: root part, attachments in order, close delimiter.
    public func message(root: ByteBuffer, attachments: [MTOMAttachment]) -> ByteBuffer {
        var size = root.readableBytes + 256
        for attachment in attachments { size += attachment.body.readableBytes + 256 }
        var buffer = ByteBufferAllocator().buffer(capacity: size)
        var head = rootPartHead()
        buffer.writeBuffer(&head)
        buffer.writeImmutableBuffer(root)
        for attachment in attachments {
            var head = attachmentHead(
                contentID: attachment.contentID,
                contentType: attachment.contentType,
                extraHeaders: attachment.headers
            )
            buffer.writeBuffer(&head)
            buffer.writeImmutableBuffer(attachment.body)
        }
        multipart.writeClose(into: &buffer)
        return buffer
    }

    private static func isManaged(_ name: String) -> Bool {
        MIMEGrammar.equalsIgnoringCase(name, "Content-Type") || MIMEGrammar.equalsIgnoringCase(name, "Content-ID")
            || MIMEGrammar.equalsIgnoringCase(name, "Content-Transfer-Encoding")
    }
}
