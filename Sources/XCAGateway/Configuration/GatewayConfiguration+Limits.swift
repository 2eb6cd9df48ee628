import XCATransport

extension GatewayConfiguration {
    /// What one caller may cost the inbound server (`gateway.limits`); the defaults are the transport's
    /// (`HTTPSServerConfiguration.Limits`, see `docs/transport.md` for what a caller sees over each).
    package struct Limits: Sendable, Hashable {
        private static let transport = HTTPSServerConfiguration.Limits()

        /// Request line plus header fields. Over: 431. Default 32 KiB.
        package var maxHeaderBytes: Int
        /// Request body, counted as it streams. Over: 413. Default 16 MiB.
        package var maxBodyBytes: Int
        /// From a request head to its last body byte. Over: 408. Default 30 s.
        package var requestTimeout: Duration
        /// A connection without a request (also bounds the TLS handshake). Default 60 s.
        package var idleTimeout: Duration
        /// Open connections; beyond it requests get 503. Default 1024.
        package var maxConnections: Int
        /// Requests handled at once over all connections; past it a request is answered 503 at once (a SOAP
        /// Receiver fault for SOAP) instead of queueing. Default 256.
        package var maxConcurrentRequests: Int

        package init(
            maxHeaderBytes: Int = transport.maxHeaderBytes,
            maxBodyBytes: Int = transport.maxBodyBytes,
            requestTimeout: Duration = transport.requestTimeout,
            idleTimeout: Duration = transport.idleTimeout,
            maxConnections: Int = transport.maxConnections,
            maxConcurrentRequests: Int = transport.maxConcurrentRequests
        ) {
            self.maxHeaderBytes = maxHeaderBytes
            self.maxBodyBytes = maxBodyBytes
            self.requestTimeout = requestTimeout
            self.idleTimeout = idleTimeout
            self.maxConnections = maxConnections
            self.maxConcurrentRequests = maxConcurrentRequests
        }
    }
}
