import HTTPTypes

/// Handles one inbound request. Hummingbird and NIO stay behind it: the fixture servers and the gateway see only
/// these types. Throwing before a response answers 500 (no detail is sent). The handler's task is cancelled when
/// the caller disconnects before the response is complete, so work done for it (legs to communities) stops too.
package typealias TransportHandler = @Sendable (TransportRequest) async throws -> TransportResponse

/// One inbound HTTP/1.1 request from a caller authenticated by mutual TLS.
package struct TransportRequest: Sendable {
    package var method: HTTPRequest.Method
    /// The request target as sent (path and query).
    package var path: String
    package var headerFields: HTTPFields
    /// The verified caller, the same value for every request of the connection.
    package var peer: PeerIdentity
    /// The caller's IP address (text), for audit records.
    package var remoteAddress: String?
    /// The body, streamed from the socket: iterate it once, while the handler runs.
    package var body: TransportRequestBody

    package init(
        method: HTTPRequest.Method,
        path: String,
        headerFields: HTTPFields,
        peer: PeerIdentity,
        remoteAddress: String?,
        body: TransportRequestBody
    ) {
        self.method = method
        self.path = path
        self.headerFields = headerFields
        self.peer = peer
        self.remoteAddress = remoteAddress
        self.body = body
    }
}
