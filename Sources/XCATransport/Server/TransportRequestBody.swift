import NIOCore

/// A request body as it arrives: `ByteBuffer` chunks read from the connection, with back-pressure (the socket is
/// not read faster than the handler consumes). It can be iterated once, and only while the handler runs; what the
/// handler leaves unread is discarded by the transport.
///
/// Errors: ``TransportError/Code/bodyTooLarge`` (over the server's body limit; the transport has already answered
/// 413), ``TransportError/Code/requestTimeout`` (408 sent), ``TransportError/Code/bodyTruncated`` (the connection
/// closed mid-body), ``TransportError/Code/bodyAlreadyConsumed``.
package struct TransportRequestBody: AsyncSequence, Sendable {
    package typealias Element = ByteBuffer
    package typealias Failure = any Error

    private let source: Source

    enum Source: Sendable {
        case connection(ConnectionReader, request: UInt64)
        case buffer(ByteBuffer)
    }

    init(reader: ConnectionReader, request: UInt64) {
        self.source = .connection(reader, request: request)
    }

    /// A body held in memory (tests, and handlers that call other handlers).
    package init(_ buffer: ByteBuffer) {
        self.source = .buffer(buffer)
    }

    package struct AsyncIterator: AsyncIteratorProtocol {
        fileprivate enum State {
            case connection(ConnectionReader, request: UInt64)
            case buffer(ByteBuffer?)
            case spent
        }

        fileprivate var state: State

        package mutating func next() async throws -> ByteBuffer? {
            switch state {
            case .connection(let reader, let request):
                return try await reader.nextBodyPart(of: request)
            case .buffer(let buffer):
                state = .buffer(nil)
                return buffer.flatMap { $0.readableBytes > 0 ? $0 : nil }
            case .spent:
                throw TransportError(.bodyAlreadyConsumed, "the request body can be read once")
            }
        }
    }

    package func makeAsyncIterator() -> AsyncIterator {
        switch source {
        case .connection(let reader, let request):
            AsyncIterator(state: reader.claimBody(of: request) ? .connection(reader, request: request) : .spent)
        case .buffer(let buffer):
            AsyncIterator(state: .buffer(buffer))
        }
    }

    /// The whole body in one buffer; throws ``TransportError/Code/bodyTooLarge`` past `maxBytes`.
    package func collect(upTo maxBytes: Int) async throws -> ByteBuffer {
        var collected = ByteBuffer()
        for try await chunk in self {
            guard collected.readableBytes + chunk.readableBytes <= maxBytes else {
                throw TransportError(.bodyTooLarge, "the request body exceeds \(maxBytes) bytes")
            }
            if collected.readableBytes == 0 && collected.capacity == 0 {
                collected = chunk
            } else {
                var chunk = chunk
                collected.writeBuffer(&chunk)
            }
        }
        return collected
    }
}
