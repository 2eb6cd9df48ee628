import NIOCore

/// A message body behind one iterator that an ``MTOMReader`` and its owner share: after the reader has met the
/// multipart close delimiter, the owner pulls what is left (an epilogue, the end of the stream) so that the HTTP
/// client sees the body end and can keep or release the connection. The gateway's retrieve relay and the client's
/// retrieve both read answers this way.
///
/// Not thread-safe: used by one task at a time (it may move between tasks with its reader).
public final class MTOMBodyStream: AsyncSequence {
    public typealias Element = ByteBuffer
    public typealias Failure = any Error

    /// Most bytes ``drain()`` reads after the close delimiter before giving up (senders send no epilogue).
    public static let maxEpilogueBytes = 64 << 10

    private let pull: () async throws -> ByteBuffer?
    /// Whether the body has reported its end.
    public private(set) var ended = false

    public init<Body: AsyncSequence>(_ body: Body) where Body.Element == ByteBuffer {
        var iterator = body.makeAsyncIterator()
        pull = { try await iterator.next() }
    }

    /// The next chunk of the body, nil at (and after) its end.
    public func next() async throws -> ByteBuffer? {
        guard !ended else { return nil }
        if let chunk = try await pull() { return chunk }
        ended = true
        return nil
    }

    /// Pulls the rest of the body up to ``maxEpilogueBytes``, so the sequence reaches its end; beyond that it stops
    /// and leaves the rest to the transport.
    public func drain() async throws {
        var epilogue = 0
        while epilogue <= Self.maxEpilogueBytes, let chunk = try await next() { epilogue += chunk.readableBytes }
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let body: MTOMBodyStream
        public func next() async throws -> ByteBuffer? { try await body.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(body: self) }
}
