import Testing
import XCAFederation
import XCAModel

@Suite("CommunityLimiter", .timeLimit(.minutes(1)))
struct CommunityLimiterTests {
    let id = Sample.home(1)

    /// Waits (yielding, no sleep) until `count` acquirers are queued; gives up when the test's time limit cancels it.
    func waitUntilQueued(_ limiter: CommunityLimiter, _ count: Int) async throws {
        while limiter.waiting(id) < count {
            try Task.checkCancellation()
            await Task.yield()
        }
    }

    @Test func grantsUpToTheLimitPerCommunity() async throws {
        let limiter = CommunityLimiter()
        try await limiter.acquire(id, limit: 2)
        try await limiter.acquire(id, limit: 2)
        try await limiter.acquire(Sample.home(2), limit: 2)
        #expect(limiter.inFlight(id) == 2)
        #expect(limiter.inFlight(Sample.home(2)) == 1)
        limiter.release(id)
        limiter.release(id)
        limiter.release(Sample.home(2))
        #expect(limiter.inFlight(id) == 0 && limiter.inFlight(Sample.home(2)) == 0)
    }

    @Test func limitBelowOneCountsAsOne() async throws {
        let limiter = CommunityLimiter()
        try await limiter.acquire(id, limit: 0)
        async let second: Void = limiter.acquire(id, limit: 0)
        try await waitUntilQueued(limiter, 1)
        #expect(limiter.inFlight(id) == 1)
        limiter.release(id)
        try await second
        #expect(limiter.inFlight(id) == 1 && limiter.waiting(id) == 0)
        limiter.release(id)
    }

    @Test func waitersAreServedFirstComeFirstServed() async throws {
        let limiter = CommunityLimiter()
        try await limiter.acquire(id, limit: 1)
        let order = Recorded<Int>()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 1...4 {
                group.addTask {
                    try await limiter.acquire(id, limit: 1)
                    order.append(n)
                    limiter.release(id)
                }
                try await waitUntilQueued(limiter, n)
            }
            limiter.release(id)
            try await group.waitForAll()
        }
        #expect(order.values == [1, 2, 3, 4])
        #expect(limiter.inFlight(id) == 0)
    }

    @Test func cancelledWaiterLeavesNoLeakedSlot() async throws {
        let limiter = CommunityLimiter()
        try await limiter.acquire(id, limit: 1)
        let waiter = Task { try await limiter.acquire(id, limit: 1) }
        try await waitUntilQueued(limiter, 1)
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(limiter.waiting(id) == 0)
        #expect(limiter.inFlight(id) == 1, "only the holder's slot")
        limiter.release(id)
        #expect(limiter.inFlight(id) == 0)
        try await limiter.acquire(id, limit: 1)
        #expect(limiter.inFlight(id) == 1, "the slot is free again")
        limiter.release(id)
    }

    @Test func cancelledWaiterInTheMiddleIsSkipped() async throws {
        let limiter = CommunityLimiter()
        try await limiter.acquire(id, limit: 1)
        let order = Recorded<Int>()
        func waiter(_ n: Int) -> Task<Void, any Error> {
            Task {
                try await limiter.acquire(id, limit: 1)
                order.append(n)
                limiter.release(id)
            }
        }
        let first = waiter(1)
        try await waitUntilQueued(limiter, 1)
        let second = waiter(2)
        try await waitUntilQueued(limiter, 2)
        let third = waiter(3)
        try await waitUntilQueued(limiter, 3)
        second.cancel()
        await #expect(throws: CancellationError.self) { try await second.value }
        #expect(limiter.waiting(id) == 2)
        limiter.release(id)
        try await first.value
        try await third.value
        #expect(order.values == [1, 3])
        #expect(limiter.inFlight(id) == 0 && limiter.waiting(id) == 0)
    }

    @Test func alreadyCancelledTaskTakesNoSlot() async {
        let limiter = CommunityLimiter()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await limiter.acquire(id, limit: 4)
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(limiter.inFlight(id) == 0)
    }
}
