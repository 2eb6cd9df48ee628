import NIOCore

/// The merged response's bytes on their way to the caller's socket. Attachment chunks go to the sink as the legs
/// give them (no copy, no re-buffering); the small pieces the relay makes itself (part heads, the close
/// delimiter) wait in ``pending`` and go out with the next chunk when that chunk is small enough to copy cheaply,
/// otherwise just before it.
struct RelayOutput {
    /// Chunks up to this size are copied behind a pending part head instead of costing a write of their own.
    static let coalescingLimit = 16 << 10

    private var pending: ByteBuffer
    /// Bytes handed to the sink so far.
    private(set) var bytesWritten = 0

    init(pending: ByteBuffer) { self.pending = pending }

    /// Queues bytes the relay produced (a part head, the close delimiter).
    mutating func queue(_ bytes: ByteBuffer) { pending.writeImmutableBuffer(bytes) }

    /// Sends a chunk of a part's body.
    mutating func send(_ chunk: ByteBuffer, to sink: (ByteBuffer) async throws -> Void) async throws {
        if pending.readableBytes > 0 {
            if chunk.readableBytes <= Self.coalescingLimit {
                pending.writeImmutableBuffer(chunk)
                try await flush(to: sink)
                return
            }
            try await flush(to: sink)
        }
        bytesWritten += chunk.readableBytes
        try await sink(chunk)
    }

    /// Sends whatever is queued.
    mutating func flush(to sink: (ByteBuffer) async throws -> Void) async throws {
        guard pending.readableBytes > 0 else { return }
        let bytes = pending
        pending = ByteBuffer()
        bytesWritten += bytes.readableBytes
        try await sink(bytes)
    }
}
