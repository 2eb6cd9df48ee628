/// When the outbox's writer commits what is queued (group commit, stack.md §6; performance.md S5).
///
/// A commit costs about the same whether it holds one request's events or fifty: the transaction, the WAL write of
/// its last pages and above all the sync (`fdatasync`, and in a VM the device notification and its interrupt), a
/// few hundred microseconds of CPU. Committing whatever is queued the moment the writer is free keeps latency
/// lowest, and while the CPU has time to spare that is what the writer does. Once the CPU is saturated, every commit
/// saved is CPU given back to the requests, and waiting costs nothing as long as the CPU has other work meanwhile:
/// the requests still in progress. So under saturation the writer waits while those requests still hold more CPU
/// work than ``cover`` commits take (their number × the CPU a request takes ÷ the CPUs), then commits, so that the
/// next batch forms while this one syncs. Never longer than ``maximumDelay`` after the first request of the batch
/// queued; at once when nothing else is in progress.
package struct CommitPolicy: Sendable, Hashable {
    package enum Decision: Sendable, Hashable {
        case commit
        /// Wait at most `delay`, or until no more than `inProgress` requests are in progress.
        case wait(Duration, inProgress: Int)
    }

    /// What the writer measured lately.
    package struct Load: Sendable, Hashable {
        /// The process's CPU use as a share of the CPUs it may use (``CPUUtilisation``).
        package var utilisation: Double
        /// Process CPU time per request committed.
        package var cpuPerRequest: Duration
        /// Wall time of a commit (the transaction and its sync).
        package var commitDuration: Duration
        package var cpus: Int

        package init(utilisation: Double, cpuPerRequest: Duration, commitDuration: Duration, cpus: Int) {
            self.utilisation = utilisation
            self.cpuPerRequest = cpuPerRequest
            self.commitDuration = commitDuration
            self.cpus = cpus
        }
    }

    /// The longest a queued request waits for others to share its commit.
    package var maximumDelay: Duration
    /// The share of the CPUs from which the process counts as saturated.
    package var saturation: Double
    /// How many commits' worth of CPU work the requests in progress must hold for the writer to wait for them.
    package var cover: Double
    /// The load to assume instead of the one measured (tests).
    package var assumedLoad: Load?

    package init(maximumDelay: Duration = .milliseconds(50), saturation: Double = 0.6, cover: Double = 2, assumedLoad: Load? = nil) {
        self.maximumDelay = maximumDelay
        self.saturation = saturation
        self.cover = cover
        self.assumedLoad = assumedLoad
    }

    /// `queued`: requests whose events wait for the commit; `inProgress`: requests begun whose events have not been
    /// queued yet; `waited`: how long the first queued one has waited.
    package func decide(queued: Int, inProgress: Int, waited: Duration, load measured: Load) -> Decision {
        let load = assumedLoad ?? measured
        guard queued > 0, inProgress > 0, load.utilisation >= saturation, load.cpuPerRequest > .zero,
            waited < maximumDelay
        else { return .commit }
        // The most requests in progress whose CPU work a commit in flight covers.
        let covered = Int(min(1e6, load.commitDuration * cover * Double(max(1, load.cpus)) / load.cpuPerRequest))
        guard inProgress > covered else { return .commit }
        return .wait(maximumDelay - waited, inProgress: covered)
    }
}
