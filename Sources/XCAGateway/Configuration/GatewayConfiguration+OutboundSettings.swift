import XCATransport

extension GatewayConfiguration {
    /// The outbound HTTPS client towards communities (the `outbound:` section); the defaults are
    /// `CommunityHTTPClient.Configuration`'s.
    package struct OutboundSettings: Sendable, Hashable {
        private static let transport = CommunityHTTPClient.Configuration()

        /// Time to establish a TCP connection. Default 5 s.
        package var connectTimeout: Duration
        /// How long an idle pooled connection is kept. Default 60 s.
        package var idleTimeout: Duration
        /// Concurrent connections to one community endpoint (connections are pooled per host, port and TLS
        /// identity); more requests queue. Default 16.
        package var maxConnectionsPerCommunity: Int

        package init(
            connectTimeout: Duration = transport.connectTimeout,
            idleTimeout: Duration = transport.idleTimeout,
            maxConnectionsPerCommunity: Int = transport.maxConnectionsPerEndpoint
        ) {
            self.connectTimeout = connectTimeout
            self.idleTimeout = idleTimeout
            self.maxConnectionsPerCommunity = maxConnectionsPerCommunity
        }
    }
}
