/// When the outbox's writer commits what is queued (group commit, stack.md §6; performance.md S5).
///
/// A commit costs the same whether it holds one request's events or fifty: the transaction, the WAL write of its
/// last pages and above all the sync (`fdatasync`, and in a VM the device notification and its interrupt), a few
/// hundred microseconds of CPU. Committing whatever is queued the moment the writer is free keeps latency lowest,
/// and while the CPU has time to spare that is what the writer does. Once the CPU is saturated every commit saved
/// is CPU given back to the requests, and waiting is free: the CPU is busy with the requests still in progress
/// meanwhile. So under saturation the writer waits until at least as many requests wait for this commit as are
/// still in progress (half of the requests in the gateway share each sync: 16 at 32 concurrent requests, 32 at
/// 64), never longer than ``maximumDelay`` after the first of them queued. Nothing in progress: it commits at once.
package struct CommitPolicy: Sendable, Hashable {
    package enum Decision: Sendable, Hashable {
        case commit
        /// Wait at most this long for more requests (the writer decides again when one queues).
        case wait(Duration)
    }

    /// The longest a queued request waits for others to share its commit.
    package var maximumDelay: Duration
    /// The share of the CPUs the process may use (``CPUUtilisation``) from which it counts as saturated.
    package var saturation: Double

    package init(maximumDelay: Duration = .milliseconds(50), saturation: Double = 0.6) {
        self.maximumDelay = maximumDelay
        self.saturation = saturation
    }

    /// `queued`: requests whose events wait for the commit; `inProgress`: requests begun whose events have not been
    /// queued yet; `waited`: how long the first queued one has waited; `utilisation`: the process's recent CPU use.
    package func decide(queued: Int, inProgress: Int, waited: Duration, utilisation: Double) -> Decision {
        guard queued > 0, inProgress > 0, utilisation >= saturation, queued < inProgress, waited < maximumDelay else {
            return .commit
        }
        return .wait(maximumDelay - waited)
    }
}
