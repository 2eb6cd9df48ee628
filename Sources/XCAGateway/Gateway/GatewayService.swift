import Logging
import ServiceLifecycle
import Synchronization
import XCAAuditOutbox
import XCAFederation
import XCATransport

/// The gateway as a long-lived `Service`: the mTLS listener in front of the ``Gateway`` pipeline, the pooled
/// outbound client and the audit trail's delivery, shut down together.
///
/// Graceful shutdown (SIGTERM/SIGINT through the ServiceGroup) drains: the listener stops accepting at once, idle
/// connections close, busy ones finish their response; requests still in flight when ``Shutdown/drainTimeout``
/// passes are cancelled (their events record them as aborted). Audit delivery runs on meanwhile; once the listener
/// has ended it flushes the backlog until nothing is pending or ``Shutdown/flushTimeout`` passes — what is left
/// stays durable in the outbox for the next start — and the outbox is closed. ``cutShort()`` (a second signal)
/// ends the drain and the flush at once.
///
/// With `admin` settings, a plain HTTP admin listener serves `/metrics`, `/health/live` and `/health/ready` beside it
/// (``GatewayObservability``). It keeps serving through the drain and the flush — readiness answers 503 "draining"
/// from the first signal, so a load balancer stops sending new work while requests in flight finish — and stops
/// with the service.
package final class GatewayService: Service, Sendable {
    /// How long shutdown waits, for requests in flight and then for audit delivery.
    package struct Shutdown: Sendable, Hashable {
        /// Requests in flight get this long to finish after shutdown begins (`gateway.shutdown.drainTimeout`).
        package var drainTimeout: Duration
        /// Audit delivery then gets this long to empty the outbox (`audit.shutdownFlushTimeout`).
        package var flushTimeout: Duration

        package init(drainTimeout: Duration = .seconds(30), flushTimeout: Duration = .seconds(10)) {
            self.drainTimeout = drainTimeout
            self.flushTimeout = flushTimeout
        }
    }

    package let gateway: Gateway
    package let auditTrail: AuditTrail?
    package let shutdown: Shutdown
    /// Metrics and readiness of this gateway (served by the admin listener when there is one).
    package let observability: GatewayObservability
    /// Connections the outbound pool opens per community endpoint (at least the largest community cap at start).
    package let outboundConnectionsPerEndpoint: Int
    let server: HTTPSServer
    private let http: CommunityHTTPClient
    private let admin: AdminServer?
    private let listener: ListenerStatus
    private let logger: Logger
    private let shutdownBegan = Doorbell()
    private let isShuttingDown = Atomic<Bool>(false)
    private let cutShortBell = Doorbell()
    private let isCutShort = Atomic<Bool>(false)

    package init(
        settings: GatewaySettings,
        links: [CommunityLink],
        transport: HTTPSServerConfiguration,
        outbound: CommunityHTTPClient.Configuration = .init(),
        circuitBreaker: CircuitBreaker.Configuration = .init(),
        audit: AuditTrail? = nil,
        shutdown: Shutdown = Shutdown(),
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
        self.shutdown = shutdown
        self.outboundConnectionsPerEndpoint = outbound.maxConnectionsPerEndpoint
        self.logger = logger
        self.listener = listener
        let observability = GatewayObservability(
            gateway: gateway,
            statistics: server.statistics,
            outbox: audit?.outbox,
            listener: listener,
            serverTLS: transport.tls,
            parsTLS: audit?.parsTLS,
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

    /// Ends a shutdown in progress at once (what a second SIGTERM/SIGINT asks for): the requests still in flight
    /// are cancelled (audited as aborted) and the outbox is closed without waiting for delivery — undelivered
    /// events stay durable for the next start.
    package func cutShort() {
        isCutShort.store(true, ordering: .relaxed)
        cutShortBell.ring()
    }

    package func run() async throws {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                if let admin {
                    // A detached task does not see the graceful shutdown that stops the mTLS listener, so the admin
                    // listener answers probes and scrapes through the drain and the flush; it is stopped once the
                    // gateway has. A bind failure ends the service like the main listener's.
                    let task = Task.detached { try await admin.run() }
                    group.addTask {
                        try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
                    }
                }
                group.addTask { try await self.serve() }
                try await group.next()
                await admin?.stop()
                try await group.waitForAll()
            }
        } catch {
            await close()
            throw error
        }
        await close()
    }

    /// The mTLS listener, audit delivery, the drain and the flush.
    private func serve() async throws {
        let auditTrail = self.auditTrail
        let listener = self.listener
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                // Delivery does not stop at graceful shutdown: the drained requests' events join its backlog.
                if let auditTrail { group.addTask { await auditTrail.deliver() } }
                do {
                    try await listen()
                } catch {
                    listener.stopped()
                    try? await http.shutdown()
                    throw error
                }
                listener.stopped()
                try? await http.shutdown()
                if let auditTrail {
                    try await flush(auditTrail, delivery: &group)
                }
            }
        } onGracefulShutdown: {
            listener.draining()
            self.isShuttingDown.store(true, ordering: .relaxed)
            self.shutdownBegan.ring()
        }
    }

    /// Runs the listener until it has drained after graceful shutdown; cancels it when the drain deadline passes
    /// (or shutdown is cut short) with requests still in flight.
    private func listen() async throws {
        enum End: Sendable { case listener, deadline }
        let server = self.server
        try await withThrowingTaskGroup(of: End.self) { group in
            group.addTask {
                try await server.run()
                return .listener
            }
            group.addTask {
                await self.waitForShutdown()
                guard !Task.isCancelled else { return .listener }
                self.logger.notice(
                    "shutting down: no new connections; requests in flight may finish",
                    metadata: [
                        "xca.shutdown.inFlight": "\(server.statistics.snapshot.inFlight)",
                        "xca.shutdown.drainTimeout": "\(ConfigurationSyntax.format(self.shutdown.drainTimeout))",
                    ]
                )
                await self.waitUnlessCutShort(until: .now + self.shutdown.drainTimeout)
                return Task.isCancelled ? .listener : .deadline
            }
            if try await group.next() == .deadline {
                self.logger.warning(
                    isCutShort.load(ordering: .relaxed)
                        ? "shutdown cut short: cancelling the requests still in flight (audited as aborted)"
                        : "drain deadline passed: cancelling the requests still in flight (audited as aborted)",
                    metadata: ["xca.shutdown.inFlight": "\(server.statistics.snapshot.inFlight)"]
                )
            }
            group.cancelAll()
            while try await group.next() != nil {}
        }
    }

    /// Lets delivery empty the outbox until it is done, `flushTimeout` passes or shutdown is cut short.
    private func flush(_ auditTrail: AuditTrail, delivery group: inout ThrowingTaskGroup<Void, any Error>) async throws {
        guard !isCutShort.load(ordering: .relaxed), !Task.isCancelled else {
            group.cancelAll()
            return
        }
        let undelivered = await auditTrail.undelivered()
        if undelivered != 0 {
            logger.notice(
                "flushing the audit outbox",
                metadata: [
                    "xca.audit.undelivered": "\(undelivered.map(String.init) ?? "unknown")",
                    "xca.shutdown.flushTimeout": "\(ConfigurationSyntax.format(shutdown.flushTimeout))",
                ]
            )
        }
        auditTrail.finishDelivery(by: .now + shutdown.flushTimeout)
        group.addTask { await self.waitUnlessCutShort(until: .now + .seconds(86_400 * 365)) }
        // Delivery has flushed (or reached its deadline), or shutdown was cut short.
        try await group.next()
        group.cancelAll()
    }

    /// Logs what the outbox still holds and closes it.
    private func close() async {
        guard let auditTrail else { return }
        if let undelivered = await auditTrail.undelivered(), undelivered > 0 {
            logger.warning(
                "audit events not yet delivered stay in the outbox for the next start",
                metadata: ["xca.audit.undelivered": "\(undelivered)"]
            )
        }
        await auditTrail.close()
    }

    /// Returns once graceful shutdown has begun (or the task is cancelled).
    private func waitForShutdown() async {
        while !isShuttingDown.load(ordering: .relaxed), !Task.isCancelled {
            await shutdownBegan.wait(until: .now + .seconds(3_600))
        }
    }

    /// Returns at `deadline`, when shutdown is cut short, or when the task is cancelled.
    private func waitUnlessCutShort(until deadline: ContinuousClock.Instant) async {
        while !isCutShort.load(ordering: .relaxed), !Task.isCancelled, ContinuousClock.now < deadline {
            await cutShortBell.wait(until: deadline)
        }
    }
}
