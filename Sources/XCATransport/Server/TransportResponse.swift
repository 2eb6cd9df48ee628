import HTTPTypes
import NIOCore

/// The handler's answer. The transport sets `Content-Length` (or chunked framing for a stream of unknown length)
/// and `Connection`; other header fields are sent as given.
package struct TransportResponse: Sendable {
    package enum Body: Sendable {
        /// A body held in memory.
        case bytes(ByteBuffer)
        /// A body written as it is produced. The writer's `write` waits while the socket is not writable. `length`
        /// (if known) becomes Content-Length and must match what the producer writes. A producer that throws aborts
        /// the connection mid-body: the caller sees a truncated response (no final chunk, or short of the length).
        case stream(length: Int?, producer: @Sendable (inout TransportResponseBodyWriter) async throws -> Void)
    }

    package var status: HTTPResponse.Status
    package var headerFields: HTTPFields
    package var body: Body

    package init(status: HTTPResponse.Status, headerFields: HTTPFields = [:], body: Body = .bytes(ByteBuffer())) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
    }
}
