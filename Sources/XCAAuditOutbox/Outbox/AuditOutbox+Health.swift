import Foundation

extension AuditOutbox {
    /// Health facts for alarms and metrics.
    package struct Health: Sendable {
        /// See ``AuditOutbox/isWritable``.
        package var writable: Bool
        /// Per registered sink: backlog, oldest pending, quarantined, last delivery, last error.
        package var sinks: [AuditSinkStatus]
        /// Group-commit transactions and events inserted since the outbox was opened.
        package var transactions: Int
        package var events: Int
    }

    /// Reads the sinks' delivery state (a few indexed counts; not for the request path, where ``isWritable`` is
    /// the only thing to check).
    package func health() async throws -> Health {
        let statistics = commitStatistics
        do {
            let sinks = try await pool.read { db in try AuditSinkStatus.fetchAll(db) }
            return Health(
                writable: isWritable,
                sinks: sinks,
                transactions: statistics.transactions,
                events: statistics.events
            )
        } catch {
            throw AuditOutboxError(.read, "cannot read the delivery state of \(path): \(Self.describe(error))")
        }
    }
}

extension AuditOutbox {
    /// A pragma as the writer connection (the one that commits records) reads it, e.g. `synchronous` (2 = FULL).
    func writerPragma(_ name: String) async throws -> String? {
        try await pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }
}
