import XCAModel

/// What the metrics need to know of one request on its way through ``Gateway/handle(_:)``: its transaction once
/// read, how it is being answered, and when it arrived.
struct RequestTally: Sendable {
    /// nil until the request's transaction is known (a request refused unread counts as `unknown`).
    var transaction: Transaction?
    var outcome: RequestOutcome = .fault
    let received: ContinuousClock.Instant

    init(received: ContinuousClock.Instant) {
        self.received = received
    }

    /// Counts the request as answered now with `outcome`.
    func record(_ outcome: RequestOutcome, in metrics: GatewayMetrics) {
        metrics.request(transaction, outcome, elapsed: received.duration(to: .now))
    }
}
