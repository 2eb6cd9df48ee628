import Dispatch
import Foundation
import Synchronization
import XCAAudit

/// The outbox's writer: a thread of its own that owns the commits (group commit, stack.md §6). `record` calls queue
/// their envelopes and suspend; the thread takes everything queued, hands it to `commit` as one batch (one
/// transaction, one WAL sync), resumes every caller of the batch after COMMIT returned, then takes what queued up
/// meanwhile — so the busier the gateway, the more requests share a sync. When to commit is ``CommitPolicy``'s
/// call: at once, unless the CPU is saturated and the requests still in progress (``requestBegan()``) hold more CPU
/// work than a couple of commits take; the thread measures both (process CPU per request, commit duration). It
/// blocks in SQLite and in `fdatasync` without holding a thread of the Swift concurrency pool, and a commit is a call
/// on this thread, not a hop to another queue and back. After a batch, `afterCommit` runs (it starts checkpoints)
/// before the thread sleeps or takes the next batch.
final class CommitThread: Sendable {
    /// What a job writes.
    enum Work {
        /// The events of one request (`record`).
        case record([AuditEnvelope])
        /// A sink's delivery verdicts (`settle`): written in the transaction of whatever records are queued, so
        /// under load they cost no sync of their own.
        case settle(sink: Int64, [AuditOutbox.Settlement], nowMilliseconds: Int64)
    }

    /// One `record` or `settle` call waiting for its commit.
    struct Job {
        let work: Work
        let continuation: CheckedContinuation<Void, any Error>
        let queued: ContinuousClock.Instant

        var isRecord: Bool {
            if case .record = work { return true }
            return false
        }
    }

    private struct State {
        var jobs: [Job] = []
        /// Requests begun whose `record` has not come yet.
        var inProgress = 0
        var closed = false
        var sleeping = false
        /// The thread sleeps waiting for more requests with `taken` queued already: a submit (or an abandoned
        /// request) wakes it only once no more than `wakeAt` requests are in progress (what ``CommitPolicy`` waits
        /// for), not at every request.
        var lingering = false
        var taken = 0
        var wakeAt = 0
        var finished = false
        var closeWaiters: [CheckedContinuation<Void, Never>] = []

        /// Whether to signal the thread now (it sleeps, and for a lingering thread, the wait is over); the
        /// signal's consumer is then the thread, so it no longer counts as sleeping.
        mutating func wakeUp(always: Bool = false) -> Bool {
            guard sleeping else { return false }
            guard always || !lingering || inProgress <= wakeAt else { return false }
            sleeping = false
            lingering = false
            return true
        }
    }

    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)
    private let policy: CommitPolicy

    init(policy: CommitPolicy = CommitPolicy()) {
        self.policy = policy
    }

    /// Starts the thread. `commit` makes one batch durable and says how each job fared (in order); `afterCommit`
    /// runs on the thread once the batch's callers were resumed (housekeeping that must not delay them). The thread
    /// holds this object until ``close()`` or ``stop()``: its owner must call one of them.
    func start(
        name: String,
        commit: @escaping @Sendable ([Job]) -> [Result<Void, any Error>],
        afterCommit: @escaping @Sendable () -> Void
    ) {
        let thread = Thread {
            // Named from inside: on Linux, naming a Thread before it starts does not reach the OS thread.
            Thread.current.name = name
            self.run(commit: commit, afterCommit: afterCommit)
        }
        thread.start()
    }

    /// Queues `job` — a record ends a request begun with ``requestBegan()`` if any is in progress; false when the
    /// thread was closed (the job was not taken).
    func submit(_ job: Job) -> Bool {
        let (accepted, wakeUp) = state.withLock { state -> (Bool, Bool) in
            if job.isRecord { state.inProgress = max(0, state.inProgress - 1) }
            guard !state.closed else { return (false, false) }
            state.jobs.append(job)
            return (true, state.wakeUp())
        }
        if wakeUp { wake.signal() }
        return accepted
    }

    /// A request began whose events will be submitted (or that ``requestAbandoned()`` ends).
    func requestBegan() {
        state.withLock { $0.inProgress += 1 }
    }

    /// A request that began will submit nothing.
    func requestAbandoned() {
        let wakeUp = state.withLock { state -> Bool in
            state.inProgress = max(0, state.inProgress - 1)
            return state.wakeUp()
        }
        if wakeUp { wake.signal() }
    }

    /// Requests begun whose events have not been submitted.
    var inProgress: Int { state.withLock { $0.inProgress } }

    /// Jobs submitted and not committed yet, as far as a submitter can see: queued, or held by the thread while it
    /// waits for more.
    var waiting: Int { state.withLock { $0.jobs.count + ($0.lingering ? $0.taken : 0) } }

    /// Refuses new jobs and lets the thread stop once it has committed what is queued, without waiting for it.
    func stop() {
        let wakeUp = state.withLock { state -> Bool in
            state.closed = true
            return state.wakeUp(always: true)
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
                return (false, state.wakeUp(always: true))
            }
            if wakeUp { wake.signal() }
            if done { continuation.resume() }
        }
    }

    private func run(commit: ([Job]) -> [Result<Void, any Error>], afterCommit: () -> Void) {
        var batch: [Job] = []
        var cpu = CPUUtilisation()
        var committed = 0
        var commitDuration = Duration.zero
        while true {
            let (closing, closed, inProgress) = state.withLock { state -> ([CheckedContinuation<Void, Never>]?, Bool, Int) in
                if state.jobs.isEmpty {
                    guard batch.isEmpty else { return (nil, state.closed, state.inProgress) }
                    guard state.closed else {
                        state.sleeping = true
                        return (nil, false, state.inProgress)
                    }
                    state.finished = true
                    defer { state.closeWaiters.removeAll() }
                    return (state.closeWaiters, true, state.inProgress)
                }
                if batch.isEmpty {
                    swap(&batch, &state.jobs)
                } else {
                    batch.append(contentsOf: state.jobs)
                    state.jobs.removeAll(keepingCapacity: true)
                }
                return (nil, state.closed, state.inProgress)
            }
            if let closing {
                for waiter in closing { waiter.resume() }
                return
            }
            guard let first = batch.first else {
                wake.wait()
                continue
            }
            let now = ContinuousClock.now
            cpu.update(now: now, requests: committed)
            let load = CommitPolicy.Load(
                utilisation: cpu.value,
                cpuPerRequest: cpu.cpuPerRequest,
                commitDuration: commitDuration,
                cpus: cpu.cpus
            )
            if !closed,
                case .wait(let delay, let wakeAt) = policy.decide(
                    queued: batch.count,
                    inProgress: inProgress,
                    waited: first.queued.duration(to: now),
                    load: load
                )
            {
                let sleep = state.withLock { state -> Bool in
                    guard state.jobs.isEmpty, !state.closed, state.inProgress > wakeAt else { return false }
                    state.sleeping = true
                    state.lingering = true
                    state.taken = batch.count
                    state.wakeAt = wakeAt
                    return true
                }
                if sleep {
                    _ = wake.wait(timeout: .now() + .nanoseconds(Self.nanoseconds(delay)))
                    state.withLock { state in
                        state.sleeping = false
                        state.lingering = false
                    }
                }
                continue
            }
            let started = ContinuousClock.now
            let results = commit(batch)
            let took = started.duration(to: .now)
            commitDuration = commitDuration == .zero ? took : (commitDuration * 3 + took) / 4
            committed += batch.count(where: \.isRecord)
            for (job, result) in zip(batch, results) { job.continuation.resume(with: result) }
            for job in batch.dropFirst(results.count) {
                job.continuation.resume(throwing: AuditOutboxError(.notWritable, "the commit gave no result"))
            }
            batch.removeAll(keepingCapacity: true)
            afterCommit()
        }
    }

    private static func nanoseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(0, Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
    }
}
