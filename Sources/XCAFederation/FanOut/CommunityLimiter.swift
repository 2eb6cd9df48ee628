import Synchronization
import XCAModel

/// An async semaphore per community: at most `limit` legs to one community in flight, across all requests together.
/// Waiters are served first come, first served; a waiter whose task is cancelled leaves the queue at once and takes
/// no slot with it.
public final class CommunityLimiter: Sendable {
    private struct Waiter {
        var token: UInt64
        var limit: Int
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct Slots {
        var inFlight = 0
        var waiters: [Waiter] = []
    }

    private struct State {
        var communities: [HomeCommunityID: Slots] = [:]
        var nextToken: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Waits for a slot of this community (`limit` below 1 counts as 1). Throws `CancellationError` when the task is
    /// cancelled before a slot is granted; then no slot is held. After a normal return the caller holds one slot and
    /// must `release` it exactly once.
    public func acquire(_ id: HomeCommunityID, limit: Int) async throws {
        let limit = max(1, limit)
        // The common case, a free slot and nobody waiting: taken without a continuation or a cancellation handler.
        enum Fast { case granted, cancelled, wait(UInt64) }
        let fast = state.withLock { state -> Fast in
            if Task.isCancelled { return .cancelled }
            if let slots = state.communities[id] {
                if slots.waiters.isEmpty && slots.inFlight < limit {
                    state.communities[id]?.inFlight += 1
                    return .granted
                }
            } else {
                state.communities[id] = Slots(inFlight: 1)
                return .granted
            }
            defer { state.nextToken &+= 1 }
            return .wait(state.nextToken)
        }
        let token: UInt64
        switch fast {
        case .granted: return
        case .cancelled: throw CancellationError()
        case .wait(let next): token = next
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Action { case granted, cancelled, queued }
                let action = state.withLock { state -> Action in
                    // Checked under the lock: a cancellation after this point finds the waiter queued below.
                    if Task.isCancelled { return .cancelled }
                    var slots = state.communities[id, default: Slots()]
                    defer { state.communities[id] = slots }
                    if slots.waiters.isEmpty && slots.inFlight < limit {
                        slots.inFlight += 1
                        return .granted
                    }
                    slots.waiters.append(Waiter(token: token, limit: limit, continuation: continuation))
                    return .queued
                }
                switch action {
                case .granted: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .queued: break
                }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard var slots = state.communities[id],
                    let position = slots.waiters.firstIndex(where: { $0.token == token })
                else { return nil }
                let waiter = slots.waiters.remove(at: position)
                state.communities[id] = slots
                return waiter
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Gives back a slot taken by `acquire`; the longest waiter (if its limit allows) gets it.
    public func release(_ id: HomeCommunityID) {
        let granted = state.withLock { state -> [Waiter] in
            guard var slots = state.communities[id], slots.inFlight > 0 else { return [] }
            slots.inFlight -= 1
            var granted: [Waiter] = []
            while let first = slots.waiters.first, slots.inFlight < first.limit {
                slots.waiters.removeFirst()
                slots.inFlight += 1
                granted.append(first)
            }
            if slots.inFlight == 0 && slots.waiters.isEmpty {
                state.communities[id] = nil
            } else {
                state.communities[id] = slots
            }
            return granted
        }
        for waiter in granted { waiter.continuation.resume() }
    }

    /// The slots of this community held now.
    public func inFlight(_ id: HomeCommunityID) -> Int {
        state.withLock { $0.communities[id]?.inFlight ?? 0 }
    }

    /// The legs of this community waiting for a slot now.
    public func waiting(_ id: HomeCommunityID) -> Int {
        state.withLock { $0.communities[id]?.waiters.count ?? 0 }
    }
}
