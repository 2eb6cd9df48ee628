import Synchronization
import Testing
import XCAFederation
import XCAModel

extension LegOutcome {
    var value: Value? {
        if case .completed(let value, _) = self { return value }
        return nil
    }

    var timedOutAfter: Duration? {
        if case .timedOut(let elapsed) = self { return elapsed }
        return nil
    }

    var error: (any Error)? {
        if case .failed(let error, _) = self { return error }
        return nil
    }

    var retryAt: ContinuousClock.Instant? {
        if case .rejected(let retryAt) = self { return retryAt }
        return nil
    }
}

@Suite("FanOut", .timeLimit(.minutes(1)))
struct FanOutTests {
    let recorder = LogRecorder()

    func fanOut(_ configuration: CircuitBreaker.Configuration = .init()) -> FanOut {
        FanOut(
            breakers: CircuitBreakerRegistry(configuration: configuration, logger: recorder.logger),
            limiter: CommunityLimiter()
        )
    }

    /// Far enough away never to be the reason a test ends.
    var farDeadline: ContinuousClock.Instant { .now + .seconds(30) }

    @Test func noLegsNoOutcomes() async {
        let outcomes = await fanOut().run([Int](), community: { Sample.community($0) }, deadline: farDeadline) {
            leg,
            _ in leg
        }
        #expect(outcomes.isEmpty)
    }

    @Test(arguments: [false, true])
    func allLegsRunAtOnce(_ sameCommunity: Bool) async {
        // Each leg waits for all the others to have started: this completes only if every leg runs concurrently.
        let legs = Array(0..<8)
        let gate = Gate(parties: legs.count)
        let outcomes = await fanOut().run(
            legs,
            community: { Sample.community(sameCommunity ? 1 : $0, timeout: .seconds(5), maxConcurrentRequests: 8) },
            deadline: farDeadline
        ) { leg, _ in
            try await gate.arriveAndWait()
            return leg * 10
        }
        #expect(outcomes.map(\.value) == legs.map { $0 * 10 })
    }

    @Test func outcomesFollowLegOrderNotCompletionOrder() async {
        // Leg n finishes only after leg n + 1 has: completion order is the reverse of leg order.
        let latches = (0...5).map { _ in Latch() }
        let outcomes = await fanOut().run(Array(0..<5), community: { Sample.community($0) }, deadline: farDeadline) {
            leg,
            _ in
            if leg < 4 { try await latches[leg + 1].wait() }
            latches[leg].open()
            return leg
        }
        #expect(outcomes.map(\.value) == [0, 1, 2, 3, 4])
    }

    @Test func perLegTimeoutAndOverallDeadline() async throws {
        let fanOut = fanOut()
        let communities = [
            Sample.community(1, timeout: .seconds(2)),
            Sample.community(2, timeout: .seconds(60)),
            Sample.community(3, timeout: .seconds(60)),
        ]
        let cancelled = Counter()
        let legDeadlines = Mutex<[Int: ContinuousClock.Instant]>([:])
        let start = ContinuousClock.now
        // Leg deadlines count from the start of the fan-out, so the legs must have started before them even on a
        // loaded 2-core machine running the whole suite: 2 s and 6 s (with 300 ms, a leg task once started after its
        // deadline had passed, and was timed out without running).
        let deadline = start + .seconds(6)
        let outcomes = await fanOut.run([0, 1, 2], community: { communities[$0] }, deadline: deadline) {
            leg,
            legDeadline in
            legDeadlines.withLock { $0[leg] = legDeadline }
            guard leg < 2 else { return leg }
            do {
                try await Latch().wait()  // never opened: cooperative, ends only when cancelled
            } catch {
                cancelled.increment()
                throw error
            }
            return leg
        }
        let end = ContinuousClock.now

        let first = try #require(outcomes[0].timedOutAfter, "the 2 s leg times out on its own timeout")
        #expect(first >= .seconds(2))
        let second = try #require(outcomes[1].timedOutAfter, "the 60 s leg is cut short by the overall deadline")
        #expect(second > first)
        #expect(outcomes[2].value == 2)
        #expect(end >= deadline)
        // The operations never end unless cancelled, so any bound proves the cancellation; a wide one, because a
        // loaded 2-core machine running the whole suite has delayed this fan-out's timers by seconds.
        #expect(end - start < .seconds(30))
        #expect(cancelled.value == 2, "both timed-out operations saw cancellation")

        let deadlines = legDeadlines.withLock { $0 }
        #expect(deadlines[1] == deadline)
        let firstDeadline = try #require(deadlines[0])
        #expect(firstDeadline >= start + .seconds(2) && firstDeadline < deadline)

        #expect(
            fanOut.breakers.snapshot() == [
                Sample.home(1): .closed(consecutiveFailures: 1),  // exceeded its own timeout: a failure
                Sample.home(2): .closed(consecutiveFailures: 0),  // cut short by the overall deadline: no verdict
                Sample.home(3): .closed(consecutiveFailures: 0),
            ]
        )
    }

    @Test func deadlineAlreadyPassedTimesOutAtOnceWithoutContactingAnything() async {
        let fanOut = fanOut()
        let calls = Counter()
        let outcomes = await fanOut.run([1, 2], community: { Sample.community($0) }, deadline: .now - .milliseconds(1))
        { leg, _ in
            calls.increment()
            return leg
        }
        #expect(outcomes.map(\.timedOutAfter) == [.zero, .zero])
        #expect(calls.value == 0)
        #expect(fanOut.breakers.snapshot().isEmpty)
    }

    @Test func thrownErrorIsAFailure() async throws {
        let fanOut = fanOut()
        let outcomes = await fanOut.run([1], community: { Sample.community($0) }, deadline: farDeadline) {
            (_, _) async throws -> Int in
            throw FakeFailure()
        }
        #expect(try #require(outcomes.first?.error) is FakeFailure)
        #expect(fanOut.breakers.snapshot() == [Sample.home(1): .closed(consecutiveFailures: 1)])
    }

    @Test func valueJudgedAFailureCountsAgainstTheBreaker() async {
        let fanOut = fanOut(.init(failureThreshold: 2, openDuration: .seconds(30)))
        for _ in 0..<2 {
            let outcomes = await fanOut.run(
                [1],
                community: { Sample.community($0) },
                deadline: farDeadline,
                isFailure: { $0 < 0 }
            ) { _, _ in -1 }
            #expect(outcomes.first?.value == -1, "the value is still returned")
        }
        guard case .open = fanOut.breakers.snapshot()[Sample.home(1)] else {
            Issue.record("two failing answers open the circuit")
            return
        }
        let good = await fanOut.run(
            [2],
            community: { Sample.community($0) },
            deadline: farDeadline,
            isFailure: { $0 < 0 }
        ) { _, _ in 1 }
        #expect(good.first?.value == 1)
        #expect(fanOut.breakers.snapshot()[Sample.home(2)] == .closed(consecutiveFailures: 0))
    }

    @Test func parentCancellationCancelsEveryLeg() async throws {
        let fanOut = fanOut(.init(failureThreshold: 1, openDuration: .seconds(30)))
        // Community 4 is half-open: its leg is the probe, which cancellation must free.
        fanOut.breakers.record(Sample.home(4), success: false, at: .now - .seconds(60))
        let started = Gate(parties: 4)
        let cancelled = Counter()
        let task = Task {
            await fanOut.run([1, 2, 3, 4], community: { Sample.community($0) }, deadline: farDeadline) { leg, _ in
                started.arrive()
                do {
                    try await Latch().wait()
                } catch {
                    cancelled.increment()
                    throw error
                }
                return leg
            }
        }
        try await started.passed()
        #expect(fanOut.breakers.snapshot()[Sample.home(4)] == .halfOpen(probeInFlight: true))
        task.cancel()
        let outcomes = await task.value
        #expect(outcomes.count == 4)
        #expect(outcomes.allSatisfy { $0.error is CancellationError })
        #expect(cancelled.value == 4)
        #expect(
            fanOut.breakers.snapshot() == [
                Sample.home(1): .closed(consecutiveFailures: 0),
                Sample.home(2): .closed(consecutiveFailures: 0),
                Sample.home(3): .closed(consecutiveFailures: 0),
                Sample.home(4): .halfOpen(probeInFlight: false),
            ]
        )
        #expect(fanOut.limiter.inFlight(Sample.home(1)) == 0)
    }

    @Test func concurrencyCapIsRespected() async throws {
        let fanOut = fanOut()
        let id = Sample.home(1)
        let cap = 3
        let legs = Array(0..<12)
        let inFlight = Counter()
        let started = Gate(parties: cap)
        let release = Latch()
        async let outcomes = fanOut.run(
            legs,
            community: { _ in Sample.community(1, maxConcurrentRequests: cap) },
            deadline: farDeadline
        ) { leg, _ in
            inFlight.increment()
            defer { inFlight.decrement() }
            started.arrive()
            try await release.wait()
            return leg
        }
        // Once `cap` operations run and every leg holds a slot or waits for one, exactly `cap` hold a slot.
        try await started.passed()
        while fanOut.limiter.inFlight(id) + fanOut.limiter.waiting(id) < legs.count {
            try Task.checkCancellation()
            await Task.yield()
        }
        #expect(fanOut.limiter.inFlight(id) == cap)
        #expect(fanOut.limiter.waiting(id) == legs.count - cap)
        #expect(inFlight.value == cap)
        release.open()
        #expect(await outcomes.map(\.value) == legs)
        #expect(inFlight.maximum == cap)
        #expect(fanOut.limiter.inFlight(id) == 0)
    }

    @Test func legTimingOutWhileWaitingForASlotIsNotChargedAndLeaksNothing() async throws {
        let fanOut = fanOut()
        let id = Sample.home(1)
        // One request holds the community's only slot …
        let holding = Gate(parties: 1)
        let release = Latch()
        async let holder = fanOut.run(
            [0],
            // A timeout no loaded machine reaches before `release` opens (10 s once did, the suite in parallel).
            community: { _ in Sample.community(1, timeout: .seconds(120), maxConcurrentRequests: 1) },
            deadline: .now + .seconds(120)
        ) { leg, _ in
            holding.arrive()
            try await release.wait()
            return leg
        }
        try await holding.passed()
        // … so another request's leg waits for it until its own 100 ms timeout passes.
        let calls = Counter()
        let waiting = await fanOut.run(
            [1],
            community: { _ in Sample.community(1, timeout: .milliseconds(100), maxConcurrentRequests: 1) },
            deadline: farDeadline
        ) { leg, _ in
            calls.increment()
            return leg
        }
        #expect(try #require(waiting.first?.timedOutAfter) >= .milliseconds(100))
        #expect(calls.value == 0, "the waiting leg never got the slot")
        #expect(
            fanOut.breakers.snapshot() == [id: .closed(consecutiveFailures: 0)],
            "a leg that never reached the community is no verdict"
        )
        #expect(fanOut.limiter.inFlight(id) == 1)
        #expect(fanOut.limiter.waiting(id) == 0)
        release.open()
        #expect(await holder.first?.value == 0)
        #expect(fanOut.limiter.inFlight(id) == 0)
    }

    @Test func openCircuitRejectsWithoutCalling() async {
        let fanOut = fanOut(.init(failureThreshold: 1, openDuration: .seconds(30)))
        let t0 = ContinuousClock.now
        fanOut.breakers.record(Sample.home(1), success: false, at: t0)
        let calls = Counter()
        let outcomes = await fanOut.run([1, 1, 2], community: { Sample.community($0) }, deadline: farDeadline) {
            leg,
            _ in
            calls.increment()
            return leg
        }
        #expect(outcomes.map(\.retryAt) == [t0 + .seconds(30), t0 + .seconds(30), nil])
        #expect(outcomes[2].value == 2)
        #expect(calls.value == 1)
        #expect(fanOut.limiter.inFlight(Sample.home(1)) == 0)
    }

    @Test func halfOpenAdmitsOneProbeAcrossRequests() async throws {
        let fanOut = fanOut(.init(failureThreshold: 1, openDuration: .seconds(30)))
        fanOut.breakers.record(Sample.home(1), success: false, at: .now - .seconds(60))
        let probeStarted = Gate(parties: 1)
        let release = Latch()
        async let probe = fanOut.run([1], community: { Sample.community($0) }, deadline: farDeadline) { leg, _ in
            probeStarted.arrive()
            try await release.wait()
            return leg
        }
        try await probeStarted.passed()
        let calls = Counter()
        let others = await fanOut.run([1, 1], community: { Sample.community($0) }, deadline: farDeadline) { leg, _ in
            calls.increment()
            return leg
        }
        #expect(others.allSatisfy { $0.retryAt != nil }, "while the probe runs, other legs are rejected")
        #expect(calls.value == 0)
        release.open()
        #expect(await probe.first?.value == 1)
        #expect(fanOut.breakers.snapshot()[Sample.home(1)] == .closed(consecutiveFailures: 0))
        let after = await fanOut.run([1, 1], community: { Sample.community($0) }, deadline: farDeadline) { leg, _ in leg
        }
        #expect(after.map(\.value) == [1, 1])
    }

    @Test func failedProbeOpensTheCircuitAgain() async {
        let fanOut = fanOut(.init(failureThreshold: 1, openDuration: .seconds(30)))
        fanOut.breakers.record(Sample.home(1), success: false, at: .now - .seconds(60))
        let before = ContinuousClock.now
        let outcomes = await fanOut.run([1], community: { Sample.community($0) }, deadline: farDeadline) {
            (_, _) async throws -> Int in
            throw FakeFailure()
        }
        #expect(outcomes.first?.error is FakeFailure)
        guard case .open(let until) = fanOut.breakers.snapshot()[Sample.home(1)] else {
            Issue.record("a failed probe re-opens the circuit")
            return
        }
        #expect(until >= before + .seconds(30))
        #expect(
            recorder.recorded.map { $0.metadata["xca.circuit.state"]?.description } == ["open", "half-open", "open"]
        )
    }
}
