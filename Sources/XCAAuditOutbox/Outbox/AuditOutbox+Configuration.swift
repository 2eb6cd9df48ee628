import Foundation

extension AuditOutbox {
    /// How the outbox is opened.
    package struct Configuration: Sendable {
        /// The sinks events are queued for (delivery state is created per sink when an event is recorded).
        package var sinks: [AuditSinkRoute]
        /// The largest the database file may grow, in bytes: past it `record` fails (the spool's high-water mark,
        /// audit.md §7), so a PARS outage cannot fill the disk unnoticed. `nil`: only the disk limits it.
        package var maximumBytes: Int?
        /// When the writer commits (group commit under CPU saturation).
        package var commitPolicy: CommitPolicy

        package init(sinks: [AuditSinkRoute] = [], maximumBytes: Int? = nil, commitPolicy: CommitPolicy = CommitPolicy()) {
            self.sinks = sinks
            self.maximumBytes = maximumBytes
            self.commitPolicy = commitPolicy
        }
    }

    /// The outbox file by convention: `STATE/audit/outbox.sqlite`.
    package static func defaultURL(stateDirectory: URL) -> URL {
        stateDirectory.appendingPathComponent("audit", isDirectory: true)
            .appendingPathComponent("outbox.sqlite", isDirectory: false)
    }
}
