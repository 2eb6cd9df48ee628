import NIOCore

extension MTOMMessage {
    /// Reads a whole message held in one buffer (see ``MTOMReader/readMessage(maxAttachmentBytes:)``).
    public static func read(
        contentType: MIMEContentType,
        body: ByteBuffer,
        limits: MultipartLimits = .default,
        maxAttachmentBytes: Int = 64 * 1024 * 1024
    ) async throws -> MTOMMessage {
        var reader = try MTOMReader(contentType: contentType, body: SingleBufferSequence(buffer: body), limits: limits)
        return try await reader.readMessage(maxAttachmentBytes: maxAttachmentBytes)
    }
}
