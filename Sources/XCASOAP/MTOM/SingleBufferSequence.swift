import NIOCore

/// An async sequence of one buffer.
struct SingleBufferSequence: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    typealias Failure = Never

    let buffer: ByteBuffer

    struct AsyncIterator: AsyncIteratorProtocol, Sendable {
        var buffer: ByteBuffer?
        mutating func next() async -> ByteBuffer? {
            defer { buffer = nil }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(buffer: buffer) }
}
