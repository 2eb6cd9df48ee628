import Logging
import Synchronization
import XCAModel

/// The circuit breakers of all communities, shared by every request (a breaker per homeCommunityId, created closed on
/// first use). Every state change is logged: opening at `.warning`, half-opening and closing at `.notice`, with
/// metadata `xca.community` (the homeCommunityId) and `xca.circuit.state`.
public final class CircuitBreakerRegistry: Sendable {
    private let breakers: Mutex<[HomeCommunityID: CircuitBreaker]>
    private let configuration: CircuitBreaker.Configuration
    private let logger: Logger

    public init(configuration: CircuitBreaker.Configuration = .init(), logger: Logger = Logger(label: "xca.circuit")) {
        self.configuration = configuration
        self.logger = logger
        self.breakers = Mutex([:])
    }

    /// `CircuitBreaker.permit(at:)` for this community.
    public func permit(_ id: HomeCommunityID, at now: ContinuousClock.Instant) -> CircuitBreaker.Decision {
        let (decision, change) = update(id) { $0.permit(at: now) }
        log(change, id)
        return decision
    }

    /// `recordSuccess(at:)` or `recordFailure(at:)` for this community.
    public func record(_ id: HomeCommunityID, success: Bool, at now: ContinuousClock.Instant) {
        let ((), change) = update(id) { breaker in
            if success { breaker.recordSuccess(at: now) } else { breaker.recordFailure(at: now) }
        }
        log(change, id)
    }

    /// `recordAbandoned()` for this community.
    public func abandon(_ id: HomeCommunityID) {
        let ((), change) = update(id) { $0.recordAbandoned() }
        log(change, id)
    }

    /// The state of every community that has been asked about, for operators (status endpoint, metrics).
    public func snapshot() -> [HomeCommunityID: CircuitBreaker.State] {
        breakers.withLock { $0.mapValues(\.state) }
    }

    /// Drops the breakers of every community not in `communities` (a configuration reload removed them); the
    /// others keep their state. A community added back later starts closed.
    public func retain(only communities: Set<HomeCommunityID>) {
        breakers.withLock { breakers in
            breakers = breakers.filter { communities.contains($0.key) }
        }
    }

    /// Applies `body` to the community's breaker; returns its result and the new state when its kind changed.
    private func update<T>(
        _ id: HomeCommunityID,
        _ body: (inout CircuitBreaker) -> T
    ) -> (T, CircuitBreaker.State?) {
        breakers.withLock { breakers in
            var breaker = breakers[id] ?? CircuitBreaker(configuration: configuration)
            let before = Self.kind(of: breaker.state)
            let result = body(&breaker)
            breakers[id] = breaker
            return (result, Self.kind(of: breaker.state) == before ? nil : breaker.state)
        }
    }

    private func log(_ change: CircuitBreaker.State?, _ id: HomeCommunityID) {
        guard let change else { return }
        let kind = Self.kind(of: change)
        let metadata: Logger.Metadata = ["xca.community": "\(id.rawValue)", "xca.circuit.state": "\(kind)"]
        switch change {
        case .open:
            logger.warning(
                "circuit opened: community is not contacted for \(configuration.openDuration)",
                metadata: metadata
            )
        case .halfOpen:
            logger.notice("circuit half-open: one probe leg decides", metadata: metadata)
        case .closed:
            logger.notice("circuit closed", metadata: metadata)
        }
    }

    /// The state without its payload: `closed`, `open`, `half-open`.
    private static func kind(of state: CircuitBreaker.State) -> String {
        switch state {
        case .closed: "closed"
        case .open: "open"
        case .halfOpen: "half-open"
        }
    }
}
