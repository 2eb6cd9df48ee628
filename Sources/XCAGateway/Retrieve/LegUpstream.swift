import NIOCore

/// A community's answer body behind one iterator that the leg's ``MTOMReader`` (through ``LegBody``) and the relay
/// share, so that the relay can pull what the reader leaves after the close delimiter (an epilogue, the end of the
/// stream) and let the HTTP client release the connection.
///
/// Not thread-safe: it moves with the leg's reader (see ``LiveAttachments``) and is used by one task at a time.
final class LegUpstream {
    /// Most bytes read after the close delimiter before the relay stops pulling (senders send no epilogue).
    static let maxEpilogueBytes = 64 << 10

    private let pull: () async throws -> ByteBuffer?
    /// Whether the body sequence has reported its end.
    private(set) var ended = false

    init<Body: AsyncSequence>(_ body: Body) where Body.Element == ByteBuffer {
        var iterator = body.makeAsyncIterator()
        pull = { try await iterator.next() }
    }

    /// The next chunk of the body, nil at (and after) its end.
    func next() async throws -> ByteBuffer? {
        guard !ended else { return nil }
        if let chunk = try await pull() { return chunk }
        ended = true
        return nil
    }

    /// Pulls the rest of the body (after the MTOM close delimiter) up to ``maxEpilogueBytes``, so the sequence
    /// reaches its end; beyond that it stops and leaves the rest to the transport.
    func drain() async throws {
        var epilogue = 0
        while epilogue <= Self.maxEpilogueBytes, let chunk = try await next() { epilogue += chunk.readableBytes }
    }
}

/// ``LegUpstream`` as the `AsyncSequence` an ``MTOMReader`` reads.
struct LegBody: AsyncSequence {
    typealias Element = ByteBuffer
    typealias Failure = any Error

    let upstream: LegUpstream

    struct AsyncIterator: AsyncIteratorProtocol {
        let upstream: LegUpstream
        func next() async throws -> ByteBuffer? { try await upstream.next() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(upstream: upstream) }
}
