import XCAModel

/// Sends the legs of one request to their communities at once, under one deadline (protocol.md §6.1; architecture
/// rule 9: one task group, no unstructured tasks), consulting each community's circuit breaker and concurrency cap.
///
/// Operations must honour cancellation: a leg whose deadline passes is cancelled and `run` waits for its operation to
/// return before it returns itself.
public struct FanOut: Sendable {
    public let breakers: CircuitBreakerRegistry
    public let limiter: CommunityLimiter

    public init(breakers: CircuitBreakerRegistry, limiter: CommunityLimiter) {
        self.breakers = breakers
        self.limiter = limiter
    }

    /// Runs every leg at once in ONE task group (architecture rule 9); returns outcomes in the order of `legs`.
    ///
    /// - Leg deadline = min(start of `run` + `community.timeout`, `deadline`); waiting for the community's concurrency
    ///   slot (`CommunityLimiter`, `maxConcurrentRequests`) counts against it. A leg whose deadline has already
    ///   passed when it starts is `.timedOut` without contacting the breaker (`elapsed` zero when the deadline had
    ///   passed before `run` began).
    /// - When a leg's deadline passes its task is cancelled and the leg is `.timedOut`. `run` returns no later than
    ///   the overall deadline plus the time the cancelled operations take to notice cancellation, so operations must
    ///   honour cancellation (async-http-client, `Task.sleep` and `Task.checkCancellation` do). One timer per `run`
    ///   (a child task of the same group, sleeping from one leg deadline to the next) enforces every leg's
    ///   deadline: legs of one request usually share it, so a fan-out costs one sleep, not one per leg.
    /// - Cancelling the calling task cancels every leg; those legs end `.failed(CancellationError(), …)` unless their
    ///   operation had already returned a value.
    /// - Circuit breaker: `permit` before starting (`.rejected` at once when open, no slot taken); then success for
    ///   a value, failure for a thrown error, for a value `isFailure` judges a failure, and for a timeout while the
    ///   operation ran with the community's own timeout as the binding deadline. No verdict (`abandon`, which frees a
    ///   half-open probe) when the caller cancelled, when the leg timed out still waiting for a concurrency slot
    ///   (the community was never contacted), or when the overall deadline, shorter than the community's timeout,
    ///   cut it short (the community did not exceed what it was allowed).
    public func run<Leg: Sendable, Value: Sendable>(
        _ legs: [Leg],
        community: @escaping @Sendable (Leg) -> Community,
        deadline: ContinuousClock.Instant,
        isFailure: @escaping @Sendable (Value) -> Bool = { _ in false },
        operation: @escaping @Sendable (Leg, _ legDeadline: ContinuousClock.Instant) async throws -> Value
    ) async -> [LegOutcome<Value>] {
        guard !legs.isEmpty else { return [] }
        let start = ContinuousClock.now
        let communities = legs.map(community)
        let deadlines = communities.map { min(start.advanced(by: $0.timeout), deadline) }
        let watch = LegWatch(deadlines: deadlines)
        return await withTaskGroup(of: (Int, LegOutcome<Value>)?.self) { group in
            for (index, leg) in legs.enumerated() {
                let community = communities[index]
                group.addTask {
                    let outcome = await runLeg(
                        leg,
                        slot: index,
                        community: community,
                        start: start,
                        deadline: deadline,
                        watch: watch,
                        isFailure: isFailure,
                        operation: operation
                    )
                    return (index, outcome)
                }
            }
            group.addTask {
                await watch.enforce()
                return nil
            }
            var outcomes = [LegOutcome<Value>?](repeating: nil, count: legs.count)
            var remaining = legs.count
            while let result = await group.next() {
                guard let (index, outcome) = result else { continue }
                outcomes[index] = outcome
                remaining -= 1
                // Every leg is done: the timer is not needed any more.
                if remaining == 0 { group.cancelAll() }
            }
            return outcomes.compactMap { $0 }
        }
    }

    /// How a leg's operation ended.
    private enum LegEnd<Value> {
        case value(Value)
        case error(any Error)
        /// The slot wait ended by cancellation: the operation never ran.
        case notStarted
    }

    private func runLeg<Leg: Sendable, Value: Sendable>(
        _ leg: Leg,
        slot: Int,
        community: Community,
        start: ContinuousClock.Instant,
        deadline: ContinuousClock.Instant,
        watch: LegWatch,
        isFailure: @escaping @Sendable (Value) -> Bool,
        operation: @escaping @Sendable (Leg, ContinuousClock.Instant) async throws -> Value
    ) async -> LegOutcome<Value> {
        let ownDeadline = start.advanced(by: community.timeout)
        let legDeadline = min(ownDeadline, deadline)
        let begun = ContinuousClock.now
        guard legDeadline > begun else {
            // Past before the fan-out began: at once; past by the time this leg's task ran: that long.
            watch.skip(slot)
            return .timedOut(elapsed: legDeadline > start ? begun - start : .zero)
        }

        let id = community.homeCommunityID
        if case .reject(let retryAt) = breakers.permit(id, at: ContinuousClock.now) {
            watch.skip(slot)
            return .rejected(retryAt: retryAt)
        }

        // From here until `finish`, the timer may cancel this task when the leg's deadline passes.
        withUnsafeCurrentTask { task in watch.begin(slot, task: task) }
        let result: LegEnd<Value>
        do {
            try await limiter.acquire(id, limit: community.maxConcurrentRequests)
            do {
                result = .value(try await operation(leg, legDeadline))
            } catch {
                result = .error(error)
            }
            limiter.release(id)
        } catch {
            result = .notStarted
        }
        let timedOut = watch.finish(slot)
        let now = ContinuousClock.now
        let elapsed = now - start

        if timedOut {
            switch result {
            case .notStarted:
                // Timed out waiting for a slot: the community was never contacted.
                breakers.abandon(id)
            case .value, .error:
                if ownDeadline <= deadline {
                    breakers.record(id, success: false, at: now)
                } else {
                    breakers.abandon(id)
                }
            }
            return .timedOut(elapsed: elapsed)
        }
        switch result {
        case .value(let value):
            breakers.record(id, success: !isFailure(value), at: now)
            return .completed(value, elapsed: elapsed)
        case .error(let error):
            if Task.isCancelled {
                breakers.abandon(id)
                return .failed(CancellationError(), elapsed: elapsed)
            }
            breakers.record(id, success: false, at: now)
            return .failed(error, elapsed: elapsed)
        case .notStarted:
            breakers.abandon(id)
            return .failed(CancellationError(), elapsed: elapsed)
        }
    }
}
