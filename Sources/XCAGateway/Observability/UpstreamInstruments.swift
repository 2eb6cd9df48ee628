import CoreMetrics
import XCAModel

/// The upstream counters and timers of one community, by leg transaction (ITI-38, ITI-39, RAD-75: a RAD-69
/// request's legs are RAD-75) and outcome.
final class UpstreamInstruments: Sendable {
    static let transactions: [Transaction] = [.iti38, .iti39, .rad75]
    private let counters: [CoreMetrics.Counter]
    private let timers: [CoreMetrics.Timer]

    init(community: String, factory: GatewayMetricsFactory) {
        var counters: [CoreMetrics.Counter] = []
        var timers: [CoreMetrics.Timer] = []
        for transaction in Self.transactions {
            for outcome in UpstreamOutcome.allCases {
                counters.append(
                    CoreMetrics.Counter(
                        label: GatewayMetric.upstreamRequests.name,
                        dimensions: [
                            ("community", community), ("transaction", transaction.rawValue), ("outcome", outcome.rawValue),
                        ],
                        factory: factory
                    )
                )
            }
            timers.append(
                CoreMetrics.Timer(
                    label: GatewayMetric.upstreamDuration.name,
                    dimensions: [("community", community), ("transaction", transaction.rawValue)],
                    factory: factory
                )
            )
        }
        self.counters = counters
        self.timers = timers
    }

    private static func slot(_ transaction: Transaction) -> Int {
        switch transaction {
        case .iti38: 0
        case .iti39: 1
        case .rad69, .rad75: 2
        }
    }

    func count(_ transaction: Transaction, _ outcome: UpstreamOutcome) {
        counters[Self.slot(transaction) * UpstreamOutcome.allCases.count + outcome.index].increment()
    }

    func time(_ transaction: Transaction, nanoseconds: Int64) {
        timers[Self.slot(transaction)].recordNanoseconds(nanoseconds)
    }
}
