import Foundation
import GRDB

/// The delivery health of one sink: what alarms and `audit status` report (audit.md §7: spool depth, oldest
/// record age, quarantined count).
package struct AuditSinkStatus: Sendable, Hashable {
    package var name: String
    /// Events not yet acknowledged by the sink.
    package var backlog: Int
    /// `recorded` of the oldest pending event.
    package var oldestPending: Date?
    /// Events the sink refused for good (kept with the server's OperationOutcome).
    package var quarantined: Int
    package var lastDelivery: Date?
    /// The last failure (retry reason or quarantine), without event content.
    package var lastError: String?
    package var lastErrorAt: Date?

    /// The age of the oldest pending event at `now`.
    package func oldestPendingAge(at now: Date = Date()) -> TimeInterval? {
        oldestPending.map { max(0, now.timeIntervalSince($0)) }
    }

    /// Every sink of the store, by name. Counts use the partial indexes on pending and quarantined deliveries.
    static func fetchAll(_ db: Database) throws -> [AuditSinkStatus] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.name, s.last_delivery_ms, s.last_error, s.last_error_ms,
                    (SELECT count(*) FROM deliveries d WHERE d.sink = s.id AND d.state = 0),
                    (SELECT e.recorded_ms FROM deliveries d JOIN events e ON e.seq = d.seq
                        WHERE d.sink = s.id AND d.state = 0 ORDER BY d.seq LIMIT 1),
                    (SELECT count(*) FROM deliveries d WHERE d.sink = s.id AND d.state = 2)
                FROM sinks s ORDER BY s.name
                """
        ).map { row in
            AuditSinkStatus(
                name: row[0],
                backlog: row[4],
                oldestPending: (row[5] as Int64?).map(Date.init(auditMilliseconds:)),
                quarantined: row[6],
                lastDelivery: (row[1] as Int64?).map(Date.init(auditMilliseconds:)),
                lastError: row[2],
                lastErrorAt: (row[3] as Int64?).map(Date.init(auditMilliseconds:))
            )
        }
    }
}
