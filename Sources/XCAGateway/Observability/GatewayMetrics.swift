import CoreMetrics
import Prometheus
import Synchronization
import XCAFederation
import XCAModel

/// The request-path metrics of one gateway instance, in its own ``PrometheusCollectorRegistry`` (tests run many
/// gateways in one process; nothing goes through `MetricsSystem.bootstrap`). The hot path stays cheap: every
/// metric object a request or leg touches is made in advance, so recording is an array lookup (a dictionary one per
/// leg) and an atomic add or a histogram lock — no label strings are built per request.
package final class GatewayMetrics: Sendable {
    package let registry: PrometheusCollectorRegistry
    let factory: GatewayMetricsFactory
    /// `xca_requests_total` by transaction slot and outcome (nil: a combination that cannot happen).
    private let requests: [CoreMetrics.Counter?]
    /// `xca_request_duration_seconds` by transaction slot.
    private let durations: [CoreMetrics.Timer]
    /// Per community name.
    private let upstream = Mutex<[String: UpstreamInstruments]>([:])

    package init() {
        let registry = PrometheusCollectorRegistry()
        let factory = GatewayMetricsFactory(registry: registry)
        var requests: [CoreMetrics.Counter?] = []
        var durations: [CoreMetrics.Timer] = []
        for slot in 0..<Self.transactionSlots {
            let transaction = Self.transactionLabel(slot: slot)
            for outcome in RequestOutcome.allCases {
                // A request whose transaction was never read can only have been refused or faulted.
                let possible = slot < Transaction.allCases.count || outcome == .fault || outcome == .refused
                requests.append(
                    possible
                        ? CoreMetrics.Counter(
                            label: GatewayMetric.requests.name,
                            dimensions: [("transaction", transaction), ("outcome", outcome.rawValue)],
                            factory: factory
                        ) : nil
                )
            }
            durations.append(
                CoreMetrics.Timer(
                    label: GatewayMetric.requestDuration.name,
                    dimensions: [("transaction", transaction)],
                    factory: factory
                )
            )
        }
        self.registry = registry
        self.factory = factory
        self.requests = requests
        self.durations = durations
    }

    /// The Prometheus text exposition of everything registered.
    package func exposition() -> [UInt8] { registry.emitToBuffer() }

    // MARK: Requests

    /// Transactions plus one slot for requests whose transaction could not be read (`transaction="unknown"`).
    private static let transactionSlots = Transaction.allCases.count + 1

    private static func slot(_ transaction: Transaction?) -> Int {
        switch transaction {
        case .iti38: 0
        case .iti39: 1
        case .rad69: 2
        case .rad75: 3
        case nil: 4
        }
    }

    private static func transactionLabel(slot: Int) -> String {
        slot < Transaction.allCases.count ? Transaction.allCases[slot].rawValue : "unknown"
    }

    /// Counts one answered request and its duration.
    func request(_ transaction: Transaction?, _ outcome: RequestOutcome, elapsed: Duration) {
        let slot = Self.slot(transaction)
        requests[slot * RequestOutcome.allCases.count + outcome.index]?.increment()
        durations[slot].recordNanoseconds(Self.nanoseconds(elapsed))
    }

    // MARK: Legs

    /// Counts one call to `community` (and its duration, when it was attempted).
    func leg(_ community: Community, _ transaction: Transaction, _ outcome: UpstreamOutcome, elapsed: Duration?) {
        let instruments = self.instruments(community.name)
        instruments.count(transaction, outcome)
        if let elapsed { instruments.time(transaction, nanoseconds: Self.nanoseconds(elapsed)) }
    }

    /// Makes the upstream series of these communities now, so that they are scraped (at zero) before their first
    /// call.
    package func prepare(_ communities: [Community]) {
        for community in communities { _ = instruments(community.name) }
    }

    private func instruments(_ name: String) -> UpstreamInstruments {
        upstream.withLock { instruments in
            if let existing = instruments[name] { return existing }
            let made = UpstreamInstruments(community: name, factory: factory)
            instruments[name] = made
            return made
        }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

extension GatewayMetrics {
    /// Counts a fan-out leg to `community` as it ended (`judged` is what ``LegClassification`` made of it).
    func leg<Value>(
        _ community: Community,
        _ transaction: Transaction,
        leg: LegOutcome<Value>,
        judged: CommunityOutcome
    ) {
        let elapsed: Duration? =
            switch leg {
            case .completed(_, let elapsed), .failed(_, let elapsed), .timedOut(let elapsed): elapsed
            case .rejected: nil
            }
        self.leg(community, transaction, UpstreamOutcome.of(leg, judged: judged), elapsed: elapsed)
    }
}
