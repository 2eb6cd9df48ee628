import NIOCore

extension MTOMReader {
    /// Reads the root part and every attachment into memory, attachment bodies up to `maxAttachmentBytes` in total
    /// (``MultipartError/Code/partTooLarge``). For small messages and fixtures; call instead of the other methods.
    public nonisolated(nonsending) mutating func readMessage(
        maxAttachmentBytes: Int = 64 * 1024 * 1024
    ) async throws
        -> MTOMMessage
    {
        let root = try await readRootPart()
        var attachments: [MTOMAttachment] = []
        var total = 0
        while let header = try await nextAttachment() {
            var body = ByteBuffer()
            while let chunk = try await nextAttachmentChunk() {
                total += chunk.readableBytes
                guard total <= maxAttachmentBytes else {
                    throw MultipartError(.partTooLarge, "the attachments exceed \(maxAttachmentBytes) bytes in total")
                }
                body.writeImmutableBuffer(chunk)
            }
            attachments.append(MTOMAttachment(header: header, body: body))
        }
        return MTOMMessage(root: root, attachments: attachments)
    }
}
