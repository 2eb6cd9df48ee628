import CoreMetrics
import Foundation
import Synchronization
import XCAAuditOutbox
import XCAFederation
import XCATransport

/// What the admin listener serves for one ``GatewayService``: `/metrics` (the request-path metrics of
/// ``GatewayMetrics`` plus the state gauges, computed at scrape time: circuits, audit outbox, certificates,
/// connections), `/health/live` and `/health/ready` (``Readiness``).
package final class GatewayObservability: Sendable {
    package let metrics: GatewayMetrics
    /// Certificates ending within this many days are a readiness warning.
    package let certificateWarningDays: Int
    private let gateway: Gateway
    private let statistics: ConnectionStatistics
    private let outbox: AuditOutbox?
    private let serverCertificates: Mutex<[ObservedCertificate]>
    /// PARS' client identity and trust anchors (read at start: the audit section needs a restart).
    private let parsCertificates: [ObservedCertificate]
    private let listener: ListenerStatus
    private let state: Mutex<ScrapeState>

    /// The scrape-time gauges, and the last shed count seen (the shed counter advances by the difference).
    private struct ScrapeState {
        var inFlight: CoreMetrics.Gauge
        var connections: CoreMetrics.Gauge
        var writable: CoreMetrics.Gauge?
        var shed: CoreMetrics.Counter
        var shedSeen = 0
        var circuits = LabelledGauges(GatewayMetric.circuitState)
        var backlog = LabelledGauges(GatewayMetric.auditBacklog)
        var oldestPending = LabelledGauges(GatewayMetric.auditOldestPendingAge)
        var quarantined = LabelledGauges(GatewayMetric.auditQuarantined)
        var lastDelivery = LabelledGauges(GatewayMetric.auditLastDelivery)
        var certificates = LabelledGauges(GatewayMetric.certificateExpiry)
    }

    init(
        gateway: Gateway,
        statistics: ConnectionStatistics,
        outbox: AuditOutbox?,
        listener: ListenerStatus,
        serverTLS: HTTPSServerConfiguration.TLS,
        parsTLS: CommunityTLS? = nil,
        certificateWarningDays: Int
    ) {
        let metrics = gateway.metrics
        let factory = metrics.factory
        self.metrics = metrics
        self.certificateWarningDays = certificateWarningDays
        self.gateway = gateway
        self.statistics = statistics
        self.outbox = outbox
        self.listener = listener
        self.serverCertificates = Mutex(ObservedCertificate.server(serverTLS))
        self.parsCertificates = ObservedCertificate.pars(parsTLS)
        self.state = Mutex(
            ScrapeState(
                inFlight: CoreMetrics.Gauge(label: GatewayMetric.requestsInFlight.name, factory: factory),
                connections: CoreMetrics.Gauge(label: GatewayMetric.connectionsOpen.name, factory: factory),
                writable: outbox.map { _ in
                    CoreMetrics.Gauge(label: GatewayMetric.auditOutboxWritable.name, factory: factory)
                },
                shed: CoreMetrics.Counter(label: GatewayMetric.requestsShed.name, factory: factory)
            )
        )
        metrics.prepare(gateway.directory.communities.filter(\.isEnabled))
    }

    /// The admin listener's answer to `GET path`.
    package func respond(to path: String) async -> AdminResponse {
        switch path {
        case "/metrics":
            AdminResponse(status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: await scrape())
        case "/health/live":
            .text(.ok, "live\n")
        case "/health/ready":
            readiness().response
        default:
            .text(.notFound, "no such endpoint: /metrics, /health/live, /health/ready\n")
        }
    }

    // MARK: Scrape

    /// Updates the state gauges and returns the Prometheus text exposition of all metrics.
    package func scrape(now: Date = Date()) async -> [UInt8] {
        var health: AuditOutbox.Health?
        if let outbox {
            health = try? await outbox.health()
        }
        let communities = enabledCommunities
        metrics.prepare(communities)
        let levels = circuitLevels(communities)
        let circuits = Dictionary(
            zip(communities, levels).map { ([$0.name], Double($1.rawValue)) },
            uniquingKeysWith: { first, _ in first }
        )
        var certificates: [[String]: Double] = [:]
        for certificate in self.certificates() {
            // Two certificates with one use and subject (a CA being rolled over): the one ending first.
            let days = certificate.validity.daysLeft(at: now)
            let key = [certificate.use, certificate.validity.subject]
            certificates[key] = min(certificates[key] ?? days, days)
        }
        let connections = statistics.snapshot
        let writable = outbox?.isWritable
        let factory = metrics.factory
        state.withLock { state in
            state.inFlight.record(connections.inFlight)
            state.connections.record(connections.open)
            if connections.shed > state.shedSeen {
                state.shed.increment(by: connections.shed - state.shedSeen)
                state.shedSeen = connections.shed
            }
            state.circuits.set(circuits, factory: factory)
            state.certificates.set(certificates, factory: factory)
            if let writable { state.writable?.record(writable ? 1 : 0) }
            if let sinks = health?.sinks {
                func values(_ value: (AuditSinkStatus) -> Double) -> [[String]: Double] {
                    Dictionary(sinks.map { ([$0.name], value($0)) }, uniquingKeysWith: { first, _ in first })
                }
                state.backlog.set(values { Double($0.backlog) }, factory: factory)
                state.oldestPending.set(values { $0.oldestPendingAge(at: now) ?? 0 }, factory: factory)
                state.quarantined.set(values { Double($0.quarantined) }, factory: factory)
                state.lastDelivery.set(values { $0.lastDelivery?.timeIntervalSince1970 ?? 0 }, factory: factory)
            }
        }
        return metrics.exposition()
    }

    // MARK: Readiness

    /// The readiness verdict now (cheap: no I/O).
    package func readiness(now: Date = Date()) -> Readiness {
        var checks: [Readiness.Check] = []
        let communities = enabledCommunities
        let total = gateway.directory.communities.count
        checks.append(
            communities.isEmpty
                ? .problem("configuration", "no community is enabled: requests reach no one")
                : .ok("configuration", "\(total) communities, \(communities.count) enabled")
        )
        let listenerCheck: Readiness.Check =
            switch listener.current {
            case .bound: .ok("listener", "the mutual-TLS listener is bound")
            case .draining: .problem("listener", "shutting down: no new connections; requests in flight are finishing")
            case .notListening: .problem("listener", "the mutual-TLS listener is not listening")
            }
        checks.append(listenerCheck)
        if let outbox {
            checks.append(
                outbox.isWritable
                    ? .ok("audit", "the audit outbox is writable")
                    : .problem("audit", "the audit outbox cannot be written: requests are refused (no audit, no access)")
            )
        } else {
            checks.append(.ok("audit", "auditing is off"))
        }
        checks.append(circuitCheck(communities))
        checks.append(certificateCheck(now: now))
        return Readiness(checks: checks)
    }

    private func circuitCheck(_ communities: [Community]) -> Readiness.Check {
        let open = zip(communities, circuitLevels(communities)).filter { $1 == .open }.map(\.0.name)
        if !communities.isEmpty, open.count == communities.count {
            return .problem("circuits", "every enabled community's circuit is open: \(open.joined(separator: ", "))")
        }
        let detail = "\(communities.count - open.count) of \(communities.count) communities reachable"
        return .ok("circuits", detail, warning: open.isEmpty ? nil : "circuit open: \(open.joined(separator: ", "))")
    }

    private func certificateCheck(now: Date) -> Readiness.Check {
        var problems: [String] = []
        var warnings: [String] = []
        let certificates = self.certificates()
        for certificate in certificates {
            let name = "\(certificate.use) (\(certificate.validity.subject))"
            let days = certificate.validity.daysLeft(at: now)
            if certificate.validity.notValidAfter <= now {
                problems.append("\(name) expired \(Self.days(-days)) ago")
            } else if certificate.validity.notValidBefore > now {
                problems.append("\(name) is not valid yet")
            } else if days < Double(certificateWarningDays) {
                warnings.append("\(name) expires in \(Self.days(days))")
            }
        }
        guard problems.isEmpty else { return .problem("certificates", problems.joined(separator: "; ")) }
        return .ok(
            "certificates",
            "\(certificates.count) certificates valid",
            warning: warnings.isEmpty ? nil : warnings.joined(separator: "; ")
        )
    }

    private static func days(_ days: Double) -> String {
        days < 1 ? "less than a day" : "\(Int(days)) day\(Int(days) == 1 ? "" : "s")"
    }

    // MARK: State

    /// The communities requests fan out to now.
    private var enabledCommunities: [Community] {
        gateway.directory.communities.filter(\.isEnabled)
    }

    /// Every certificate in use now: the listener's (as last loaded) and each enabled community's (as loaded).
    func certificates() -> [ObservedCertificate] {
        serverCertificates.withLock { $0 } + ObservedCertificate.communities(gateway.federation.links.values)
            + parsCertificates
    }

    /// The listener's TLS material after a reload (SIGHUP) swapped it in.
    package func serverTLSReloaded(_ tls: HTTPSServerConfiguration.TLS) {
        let observed = ObservedCertificate.server(tls)
        serverCertificates.withLock { $0 = observed }
    }

    /// `xca_circuit_state`: 0 closed, 1 half-open, 2 open.
    enum CircuitLevel: Int {
        case closed = 0
        case halfOpen = 1
        case open = 2
    }

    /// The circuit of each community, in order. An open circuit whose open period has passed counts as half-open:
    /// the next call to the community is its trial. (Reporting it open would keep an idle gateway out of service
    /// for good: no traffic, no trial.)
    func circuitLevels(_ communities: [Community]) -> [CircuitLevel] {
        let states = gateway.breakers.snapshot()
        let now = ContinuousClock.now
        return communities.map { community in
            switch states[community.homeCommunityID] {
            case nil, .closed: .closed
            case .halfOpen: .halfOpen
            case .open(let until): until <= now ? .halfOpen : .open
            }
        }
    }
}

extension Readiness {
    /// 200 when ready, 503 when not, with the JSON body.
    var response: AdminResponse {
        .json(isReady ? .ok : .serviceUnavailable, json)
    }
}
