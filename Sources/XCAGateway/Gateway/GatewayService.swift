import Logging
import ServiceLifecycle
import XCAFederation
import XCATransport

/// The gateway as a long-lived `Service`: the mTLS listener in front of the ``Gateway`` pipeline, the pooled
/// outbound client and the audit trail's delivery, shut down together. Graceful shutdown stops accepting, lets busy
/// connections finish their response, then closes the community connections; audit delivery finishes the batch in
/// flight (what is not delivered yet stays durable in the outbox for the next start). With `admin` settings, a plain
/// HTTP admin listener serves `/metrics`, `/health/live` and `/health/ready` beside it (``GatewayObservability``).
package final class GatewayService: Service, Sendable {
    package let gateway: Gateway
    package let auditTrail: AuditTrail?
    /// Metrics and readiness of this gateway (served by the admin listener when there is one).
    package let observability: GatewayObservability
    private let server: HTTPSServer
    private let http: CommunityHTTPClient
    private let admin: AdminServer?
    private let listener: ListenerStatus

    package init(
        settings: GatewaySettings,
        links: [CommunityLink],
        transport: HTTPSServerConfiguration,
        outbound: CommunityHTTPClient.Configuration = .init(),
        circuitBreaker: CircuitBreaker.Configuration = .init(),
        audit: AuditTrail? = nil,
        admin: AdminListenerSettings? = nil,
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
        let listener = ListenerStatus()
        let gateway: Gateway
        do {
            gateway = try Gateway(
                settings: settings,
                links: links,
                http: http,
                breakers: CircuitBreakerRegistry(configuration: circuitBreaker, logger: logger),
                audit: audit?.audit,
                logger: logger
            )
            self.server = try HTTPSServer(configuration: transport, logger: logger, onListening: { port in
                listener.started()
                await onListening?(port)
            }) { request in
                try await gateway.handle(request)
            }
        } catch {
            try? await http.shutdown()
            throw error
        }
        self.gateway = gateway
        self.http = http
        self.auditTrail = audit
        self.listener = listener
        let observability = GatewayObservability(
            gateway: gateway,
            statistics: server.statistics,
            outbox: audit?.outbox,
            listener: listener,
            serverTLS: transport.tls,
            certificateWarningDays: admin?.certificateWarningDays ?? 30
        )
        self.observability = observability
        self.admin = admin.map { admin in
            AdminServer(host: admin.host, port: admin.port, logger: logger, onListening: admin.onListening) { path in
                await observability.respond(to: path)
            }
        }
    }

    package var statistics: ConnectionStatistics { server.statistics }

    private enum Part: Sendable { case listener, delivery, admin }

    package func run() async throws {
        let server = self.server
        let http = self.http
        let auditTrail = self.auditTrail
        let admin = self.admin
        let listener = self.listener
        do {
            try await withThrowingTaskGroup(of: Part.self) { group in
                if let auditTrail {
                    group.addTask {
                        await auditTrail.run()
                        return .delivery
                    }
                }
                if let admin {
                    group.addTask {
                        try await admin.run()
                        return .admin
                    }
                }
                group.addTask {
                    do {
                        try await server.run()
                    } catch {
                        listener.stopped()
                        try? await http.shutdown()
                        throw error
                    }
                    listener.stopped()
                    try? await http.shutdown()
                    return .listener
                }
                // Delivery and the admin listener may end first (graceful shutdown: after its batch in flight); the
                // listener drains its connections meanwhile. Once the listener has ended, the others are stopped too.
                while let part = try await group.next() {
                    if part == .listener { group.cancelAll() }
                }
            }
        } catch {
            await auditTrail?.close()
            throw error
        }
        await auditTrail?.close()
    }
}
