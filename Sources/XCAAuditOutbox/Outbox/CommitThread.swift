import Dispatch
import Foundation
import Synchronization
import XCAAudit

/// The outbox's writer: a thread of its own that owns the commits (group commit, stack.md §6). `record` calls queue
/// their envelopes and suspend; the thread takes everything queued, hands it to `commit` as one batch (one
/// transaction, one WAL sync), resumes every caller of the batch after COMMIT returned, then takes what queued up
/// meanwhile — so the busier the gateway, the more requests share a sync. It blocks in SQLite and in `fdatasync`
/// without holding a thread of the Swift concurrency pool, and a commit is a call on this thread, not a hop to
/// another queue and back. After a batch, `idle` runs (checkpoints) before the thread sleeps or takes the next
/// batch.
final class CommitThread: Sendable {
    /// One `record` call waiting for its commit.
    struct Job {
        let envelopes: [AuditEnvelope]
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var jobs: [Job] = []
        var closed = false
        var sleeping = false
        var finished = false
        var closeWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)

    init() {}

    /// Starts the thread. `commit` makes one batch durable (or fails it as a whole); `afterCommit` runs on the
    /// thread once the batch's callers were resumed (housekeeping that must not delay them). The thread holds this
    /// object until ``close()`` or ``stop()``: its owner must call one of them.
    func start(
        name: String,
        commit: @escaping @Sendable ([Job]) -> Result<Void, any Error>,
        afterCommit: @escaping @Sendable () -> Void
    ) {
        let thread = Thread { self.run(commit: commit, afterCommit: afterCommit) }
        thread.name = name
        thread.start()
    }

    /// Queues `job`; false when the thread was closed (the job was not taken).
    func submit(_ job: Job) -> Bool {
        let (accepted, wakeUp) = state.withLock { state -> (Bool, Bool) in
            guard !state.closed else { return (false, false) }
            state.jobs.append(job)
            defer { state.sleeping = false }
            return (true, state.sleeping)
        }
        if wakeUp { wake.signal() }
        return accepted
    }

    /// Refuses new jobs and lets the thread stop once it has committed what is queued, without waiting for it.
    func stop() {
        let wakeUp = state.withLock { state -> Bool in
            state.closed = true
            defer { state.sleeping = false }
            return state.sleeping
        }
        if wakeUp { wake.signal() }
    }

    /// Refuses new jobs, lets the thread commit what is queued, and returns once it has stopped.
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let (done, wakeUp) = state.withLock { state -> (Bool, Bool) in
                state.closed = true
                guard !state.finished else { return (true, false) }
                state.closeWaiters.append(continuation)
                defer { state.sleeping = false }
                return (false, state.sleeping)
            }
            if wakeUp { wake.signal() }
            if done { continuation.resume() }
        }
    }

    private func run(commit: ([Job]) -> Result<Void, any Error>, afterCommit: () -> Void) {
        var batch: [Job] = []
        while true {
            let closing = state.withLock { state -> [CheckedContinuation<Void, Never>]? in
                if state.jobs.isEmpty {
                    guard state.closed else {
                        state.sleeping = true
                        return nil
                    }
                    state.finished = true
                    defer { state.closeWaiters.removeAll() }
                    return state.closeWaiters
                }
                swap(&batch, &state.jobs)
                return nil
            }
            if let closing {
                for waiter in closing { waiter.resume() }
                return
            }
            guard !batch.isEmpty else {
                wake.wait()
                continue
            }
            let result = commit(batch)
            for job in batch { job.continuation.resume(with: result) }
            batch.removeAll(keepingCapacity: true)
            afterCommit()
        }
    }
}
