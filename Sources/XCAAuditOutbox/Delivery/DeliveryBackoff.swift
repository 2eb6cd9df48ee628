/// Exponential backoff with full jitter (audit.md §7: retries on network errors, 408, 429, 5xx): the n-th
/// consecutive failure waits a uniformly random time in `0...min(cap, base × 2^(n-1))`, so gateways that lost PARS
/// at the same moment do not come back in step.
package struct DeliveryBackoff: Sendable, Hashable {
    /// Default 0.5 s.
    package var base: Duration
    /// Default 60 s.
    package var cap: Duration

    package init(base: Duration = .milliseconds(500), cap: Duration = .seconds(60)) {
        self.base = base
        self.cap = max(base, cap)
    }

    /// The upper bound of the wait after `failures` consecutive failures (1 or more).
    package func ceiling(afterFailures failures: Int) -> Duration {
        let doublings = min(max(failures, 1) - 1, 62)
        // Past about 2^30 × base the cap has long been reached; stop doubling before Duration overflows.
        guard doublings < 30 else { return cap }
        return min(cap, base * (1 << doublings))
    }

    /// A random wait in `0...ceiling(afterFailures:)`.
    package func delay(afterFailures failures: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        ceiling(afterFailures: failures) * Double.random(in: 0...1, using: &generator)
    }

    package func delay(afterFailures failures: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(afterFailures: failures, using: &generator)
    }
}
