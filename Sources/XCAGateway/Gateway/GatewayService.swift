import Logging
import ServiceLifecycle
import XCAFederation
import XCATransport

/// The gateway as a long-lived `Service`: the mTLS listener in front of the ``Gateway`` pipeline and the pooled
/// outbound client, shut down together. Graceful shutdown stops accepting, lets busy connections finish their
/// response, then closes the community connections.
package final class GatewayService: Service, Sendable {
    package let gateway: Gateway
    private let server: HTTPSServer
    private let http: CommunityHTTPClient

    package init(
        settings: GatewaySettings,
        links: [CommunityLink],
        transport: HTTPSServerConfiguration,
        outbound: CommunityHTTPClient.Configuration = .init(),
        circuitBreaker: CircuitBreaker.Configuration = .init(),
        logger: Logger = Logger(label: "xca.gateway"),
        onListening: (@Sendable (Int) async -> Void)? = nil
    ) async throws {
        var outbound = outbound
        // A community may have up to its cap of legs in flight; the pool must allow as many connections or the
        // surplus would queue inside the client, unseen by the fan-out.
        outbound.maxConnectionsPerEndpoint = max(
            outbound.maxConnectionsPerEndpoint,
            links.map(\.community.maxConcurrentRequests).max() ?? 1
        )
        let http = CommunityHTTPClient(configuration: outbound)
        let gateway: Gateway
        do {
            gateway = try Gateway(
                settings: settings,
                links: links,
                http: http,
                breakers: CircuitBreakerRegistry(configuration: circuitBreaker, logger: logger),
                logger: logger
            )
            self.server = try HTTPSServer(configuration: transport, logger: logger, onListening: onListening) { request in
                try await gateway.handle(request)
            }
        } catch {
            try? await http.shutdown()
            throw error
        }
        self.gateway = gateway
        self.http = http
    }

    package var statistics: ConnectionStatistics { server.statistics }

    package func run() async throws {
        do {
            try await server.run()
        } catch {
            try? await http.shutdown()
            throw error
        }
        try? await http.shutdown()
    }
}
