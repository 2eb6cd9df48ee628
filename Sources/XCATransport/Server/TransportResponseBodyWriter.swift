import NIOCore
import NIOHTTP1

/// Writes a streamed response body to the connection, one buffer at a time, waiting while the socket is not
/// writable (back-pressure from the caller).
package struct TransportResponseBodyWriter: Sendable {
    private let outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    private let discardsBody: Bool
    /// Body bytes written so far.
    package private(set) var bytesWritten = 0

    init(outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>, discardsBody: Bool) {
        self.outbound = outbound
        self.discardsBody = discardsBody
    }

    package mutating func write(_ buffer: ByteBuffer) async throws {
        guard buffer.readableBytes > 0 else { return }
        bytesWritten += buffer.readableBytes
        if discardsBody { return }
        try await outbound.write(.body(.byteBuffer(buffer)))
    }
}
