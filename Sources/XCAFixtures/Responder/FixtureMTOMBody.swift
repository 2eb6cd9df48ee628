import NIOCore
import XCASOAP

/// A retrieve response as an MTOM package (SOAP 1.2 MTOM, XOP 1.0; ITI TF-2 Appendix V), written as a stream: the
/// root part (the SOAP envelope, with an `xop:Include` per document), then each attachment read from its
/// ``FixtureContent`` in bounded chunks, so a study of any size is never held in memory. The exact length is known
/// before the first byte.
public struct FixtureMTOMBody: Sendable {
    /// The boundary, root Content-ID and content types of the package.
    public let writer: MTOMWriter
    /// The SOAP envelope (the root part's content).
    public let envelope: [UInt8]
    public let attachments: [FixtureAttachment]
    /// The exact number of bytes ``write(chunkSize:into:)`` emits.
    public let contentLength: Int

    private let rootHead: ByteBuffer
    private let attachmentHeads: [ByteBuffer]

    /// - Parameter action: the SOAP action of the response, repeated in the package's and the root part's
    ///   Content-Type.
    public init(envelope: [UInt8], attachments: [FixtureAttachment], action: String?) throws(MultipartError) {
        let writer = try MTOMWriter(action: action)
        self.writer = writer
        self.envelope = envelope
        self.attachments = attachments
        rootHead = writer.rootPartHead()
        attachmentHeads = attachments.map {
            writer.attachmentHead(contentID: $0.contentID, contentType: $0.contentType)
        }
        contentLength =
            rootHead.readableBytes + envelope.count
            + zip(attachmentHeads, attachments).reduce(0) { $0 + $1.0.readableBytes + $1.1.content.size }
            + writer.close().readableBytes
    }

    /// The HTTP Content-Type: `multipart/related; type="application/xop+xml"; boundary=…; start="<…>";
    /// start-info="application/soap+xml"; action="…"`.
    public var contentType: MIMEContentType { writer.contentType }

    /// Emits the package: the root part head and envelope as one buffer, then per attachment its head and its
    /// content in chunks of at most `chunkSize` bytes, then the close delimiter.
    public func write(chunkSize: Int = 64 * 1024, into sink: (ByteBuffer) async throws -> Void) async throws {
        var root = ByteBufferAllocator().buffer(capacity: rootHead.readableBytes + envelope.count)
        root.writeImmutableBuffer(rootHead)
        root.writeBytes(envelope)
        try await sink(root)
        for (head, attachment) in zip(attachmentHeads, attachments) {
            try await sink(head)
            try await attachment.content.read(chunkSize: chunkSize) { chunk in try await sink(chunk) }
        }
        try await sink(writer.close())
    }
}
