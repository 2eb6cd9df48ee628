import NIOCore

/// An answer's body behind one iterator that the ``MTOMReader`` and the client share, so that after the close
/// delimiter the client can pull the end of the stream (an epilogue, the final empty read) and let the HTTP client
/// keep the connection for the next call. Used by one task at a time.
final class AnswerBody: AsyncSequence {
    typealias Element = ByteBuffer
    typealias Failure = any Error

    /// Most bytes read after the close delimiter before giving up on the connection (senders send no epilogue).
    static let maxEpilogueBytes = 64 << 10

    private let pull: () async throws -> ByteBuffer?
    private var ended = false

    init<Body: AsyncSequence>(_ body: Body) where Body.Element == ByteBuffer {
        var iterator = body.makeAsyncIterator()
        pull = { try await iterator.next() }
    }

    func next() async throws -> ByteBuffer? {
        guard !ended else { return nil }
        if let chunk = try await pull() { return chunk }
        ended = true
        return nil
    }

    /// Reads what follows the multipart close delimiter, up to ``maxEpilogueBytes``.
    func drain() async throws {
        var epilogue = 0
        while epilogue <= Self.maxEpilogueBytes, let chunk = try await next() { epilogue += chunk.readableBytes }
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let body: AnswerBody
        func next() async throws -> ByteBuffer? { try await body.next() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(body: self) }
}
