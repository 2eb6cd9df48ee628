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
    /// - Leg deadline = min(leg start + `community.timeout`, `deadline`); waiting for the community's concurrency slot
    ///   (`CommunityLimiter`, `maxConcurrentRequests`) counts against it. A leg whose deadline has already passed
    ///   when it starts is `.timedOut(elapsed: .zero)` without contacting the breaker.
    /// - When a leg's deadline passes its operation is cancelled and the leg is `.timedOut`. `run` returns no later
    ///   than the overall deadline plus the time the cancelled operations take to notice cancellation, so
    ///   operations must honour cancellation (async-http-client, `Task.sleep` and `Task.checkCancellation` do).
    ///   Each leg races its operation against its deadline in a two-child group of its own.
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
        return await withTaskGroup(of: (Int, LegOutcome<Value>).self) { group in
            for (index, leg) in legs.enumerated() {
                let community = community(leg)
                group.addTask {
                    let outcome = await runLeg(
                        leg,
                        community: community,
                        deadline: deadline,
                        isFailure: isFailure,
                        operation: operation
                    )
                    return (index, outcome)
                }
            }
            var outcomes = [LegOutcome<Value>?](repeating: nil, count: legs.count)
            for await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes.compactMap { $0 }
        }
    }

    /// How the race between a leg's operation and its deadline ended.
    private enum Race<Value: Sendable>: Sendable {
        /// The operation returned.
        case value(Value)
        /// The operation threw.
        case error(any Error)
        /// The slot wait was cancelled: the operation never ran.
        case notStarted
        /// The deadline timer fired.
        case deadlinePassed
        /// The deadline timer was cancelled (the operation finished first, or the caller cancelled).
        case timerCancelled
    }

    private func runLeg<Leg: Sendable, Value: Sendable>(
        _ leg: Leg,
        community: Community,
        deadline: ContinuousClock.Instant,
        isFailure: @escaping @Sendable (Value) -> Bool,
        operation: @escaping @Sendable (Leg, ContinuousClock.Instant) async throws -> Value
    ) async -> LegOutcome<Value> {
        let clock = ContinuousClock()
        let start = clock.now
        let ownDeadline = start.advanced(by: community.timeout)
        let legDeadline = min(ownDeadline, deadline)
        guard legDeadline > start else { return .timedOut(elapsed: .zero) }

        let id = community.homeCommunityID
        if case .reject(let retryAt) = breakers.permit(id, at: start) { return .rejected(retryAt: retryAt) }

        let limiter = self.limiter
        let limit = community.maxConcurrentRequests
        let result = await withTaskGroup(of: Race<Value>.self) { group -> Race<Value> in
            group.addTask {
                do { try await limiter.acquire(id, limit: limit) } catch { return .notStarted }
                defer { limiter.release(id) }
                do { return .value(try await operation(leg, legDeadline)) } catch { return .error(error) }
            }
            group.addTask {
                do {
                    try await Task.sleep(until: legDeadline, clock: ContinuousClock())
                    return .deadlinePassed
                } catch {
                    return .timerCancelled
                }
            }
            guard let first = await group.next() else { return .notStarted }
            group.cancelAll()
            switch first {
            case .deadlinePassed:
                // Wait for the cancelled operation; report whether it had reached the community.
                var started = true
                while let rest = await group.next() {
                    if case .notStarted = rest { started = false }
                }
                return started ? .deadlinePassed : .notStarted
            case .timerCancelled:
                // Only the caller cancels the timer before the operation ends: take the operation's result.
                var operationResult: Race<Value> = .notStarted
                while let rest = await group.next() { operationResult = rest }
                return operationResult
            case .value, .error, .notStarted:
                return first
            }
        }
        let now = clock.now
        let elapsed = now - start

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
        case .deadlinePassed:
            if ownDeadline <= deadline {
                breakers.record(id, success: false, at: now)
            } else {
                breakers.abandon(id)
            }
            return .timedOut(elapsed: elapsed)
        case .notStarted, .timerCancelled:
            breakers.abandon(id)
            if Task.isCancelled { return .failed(CancellationError(), elapsed: elapsed) }
            return .timedOut(elapsed: elapsed)
        }
    }
}
