/// The circuit breaker of one community as a pure state machine (architecture rule 11): no clock, no I/O, instants
/// passed in. It stops the gateway from spending every request's deadline on a community that keeps failing
/// (protocol.md §6.1–6.2: one community's failure never fails the whole query).
///
/// ```
/// closed(n) ──failure, n+1 = threshold──▶ open(until: now + openDuration)
/// open ──permit at or after `until`──▶ halfOpen(probeInFlight: true)  (that one leg is the probe)
/// halfOpen ──success──▶ closed(0)      halfOpen ──failure──▶ open(until: now + openDuration)
/// halfOpen(true) ──abandoned──▶ halfOpen(false)  (the next permit is the new probe)
/// any ──success──▶ closed(0)
/// ```
///
/// A failure reported while open (a leg admitted before the circuit opened) does not extend the open period. The
/// breaker counts verdicts, not legs: an abandoned leg while half-open frees the probe even if it was not the probe.
public struct CircuitBreaker: Sendable, Hashable {
    /// When the circuit opens and for how long.
    public struct Configuration: Sendable, Hashable {
        /// Consecutive failures that open the circuit (values below 1 count as 1).
        public var failureThreshold: Int
        /// How long an open circuit rejects legs before it lets one probe through.
        public var openDuration: Duration

        public init(failureThreshold: Int = 5, openDuration: Duration = .seconds(30)) {
            self.failureThreshold = failureThreshold
            self.openDuration = openDuration
        }
    }

    public enum State: Sendable, Hashable {
        /// Legs pass; `consecutiveFailures` so far (below the threshold).
        case closed(consecutiveFailures: Int)
        /// Legs are rejected until `until`.
        case open(until: ContinuousClock.Instant)
        /// The open period has passed: one probe leg decides. `probeInFlight` while it runs.
        case halfOpen(probeInFlight: Bool)
    }

    /// What `permit` tells the caller.
    public enum Decision: Sendable, Hashable {
        /// Go ahead.
        case allow
        /// Go ahead: this leg is the probe of a half-open circuit; its verdict closes or re-opens it.
        case allowProbe
        /// Do not contact the community. `retryAt` is when the circuit will let a probe through (`now` while a
        /// probe is in flight: its verdict is due at any moment).
        case reject(retryAt: ContinuousClock.Instant)
    }

    public private(set) var state: State
    public let configuration: Configuration

    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
        self.state = .closed(consecutiveFailures: 0)
    }

    /// Asks to start a leg at `now`. An open circuit past `until` becomes half-open and admits this leg as its one
    /// probe; other legs are rejected until the probe's verdict.
    public mutating func permit(at now: ContinuousClock.Instant) -> Decision {
        switch state {
        case .closed:
            return .allow
        case .open(let until):
            guard now >= until else { return .reject(retryAt: until) }
            state = .halfOpen(probeInFlight: true)
            return .allowProbe
        case .halfOpen(let probeInFlight):
            guard !probeInFlight else { return .reject(retryAt: now) }
            state = .halfOpen(probeInFlight: true)
            return .allowProbe
        }
    }

    /// The community answered: the circuit closes and the failure count restarts.
    public mutating func recordSuccess(at now: ContinuousClock.Instant) {
        state = .closed(consecutiveFailures: 0)
    }

    /// The community failed (error, timeout, or an answer judged a failure). Closed: the threshold-th consecutive
    /// failure opens the circuit until `now + openDuration`. Half-open: the probe failed, the circuit opens again.
    /// Open: unchanged.
    public mutating func recordFailure(at now: ContinuousClock.Instant) {
        switch state {
        case .closed(let failures):
            if failures + 1 >= max(1, configuration.failureThreshold) {
                state = .open(until: now.advanced(by: configuration.openDuration))
            } else {
                state = .closed(consecutiveFailures: failures + 1)
            }
        case .open:
            break
        case .halfOpen:
            state = .open(until: now.advanced(by: configuration.openDuration))
        }
    }

    /// A leg ended without a verdict (the caller cancelled, or it never reached the community): a half-open circuit
    /// admits a new probe; otherwise nothing changes.
    public mutating func recordAbandoned() {
        if case .halfOpen(probeInFlight: true) = state {
            state = .halfOpen(probeInFlight: false)
        }
    }
}
