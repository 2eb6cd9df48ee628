import Synchronization

/// The one timer of a fan-out: it sleeps from one leg deadline to the next and cancels the task of every leg still
/// running when its deadline passes (``FanOut``). Each leg registers its task (``begin(_:task:)``) and deregisters
/// it (``finish(_:)``) before it ends; the timer cancels a task only under the lock and only while it is registered,
/// so the task it cancels is alive.
final class LegWatch: Sendable {
    private enum Slot {
        /// The leg has not begun its operation yet.
        case pending
        /// The operation runs in this task.
        case running(UnsafeCurrentTask)
        /// The deadline passed: the task (if any was registered) was cancelled.
        case expired
        /// The leg ended (or never needed the timer).
        case done
    }

    /// Wraps the task handles, which the lock confines: they are used only while their task is registered.
    private struct State: @unchecked Sendable {
        var slots: [Slot]
    }

    private let deadlines: [ContinuousClock.Instant]
    private let state: Mutex<State>

    /// `deadlines[i]` is leg i's deadline.
    init(deadlines: [ContinuousClock.Instant]) {
        self.deadlines = deadlines
        self.state = Mutex(State(slots: Array(repeating: .pending, count: deadlines.count)))
    }

    /// Leg `slot` starts its operation in `task` (the leg's own task). A leg whose deadline already passed is
    /// cancelled at once.
    func begin(_ slot: Int, task: UnsafeCurrentTask?) {
        state.withLock { state in
            switch state.slots[slot] {
            case .pending:
                if let task { state.slots[slot] = .running(task) }
            case .expired:
                task?.cancel()
            case .running, .done:
                break
            }
        }
    }

    /// Leg `slot` ended; returns whether its deadline passed first (its task was cancelled by the timer).
    func finish(_ slot: Int) -> Bool {
        state.withLock { state in
            defer { state.slots[slot] = .done }
            if case .expired = state.slots[slot] { return true }
            return false
        }
    }

    /// Leg `slot` ended without an operation (rejected, or past its deadline at the start).
    func skip(_ slot: Int) {
        state.withLock { state in state.slots[slot] = .done }
    }

    /// Sleeps until each distinct deadline in turn and expires the legs due by then. Returns when cancelled (the
    /// fan-out cancels it once every leg ended) or after the last deadline.
    func enforce() async {
        var remaining = Array(Set(deadlines)).sorted()
        remaining.reverse()
        while let next = remaining.popLast() {
            do {
                try await Task.sleep(until: next, clock: ContinuousClock())
            } catch {
                return
            }
            state.withLock { state in
                for index in state.slots.indices where deadlines[index] <= next {
                    switch state.slots[index] {
                    case .pending:
                        state.slots[index] = .expired
                    case .running(let task):
                        state.slots[index] = .expired
                        task.cancel()
                    case .expired, .done:
                        break
                    }
                }
            }
        }
    }
}
