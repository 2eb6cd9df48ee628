import Foundation
import GRDB

/// Read-only access to an outbox file for operators (`xca-gateway audit status | export | report`). It opens its
/// own read-only connection, which is safe while the gateway runs: in WAL mode a reader sees the last committed
/// state and never blocks the writer.
package final class AuditStore: Sendable {
    package let path: String
    private let database: DatabaseQueue
    /// ``StoredEvent/columns``, or their v1 equivalent for an outbox no gateway has migrated to v2 yet (this
    /// connection is read-only: it does not migrate).
    private let eventColumns: String

    package init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw AuditOutboxError(.open, "no audit store at \(path) (the gateway creates it when it first runs)")
        }
        var options = GRDB.Configuration()
        options.readonly = true
        options.busyMode = .timeout(5)
        options.label = "xca.audit.store"
        do {
            database = try DatabaseQueue(path: path, configuration: options)
            let (isOutbox, isCompact) = try database.read { db in
                (
                    try db.tableExists("events") && db.tableExists("deliveries") && db.tableExists("sinks"),
                    try db.tableExists("payloads")
                )
            }
            guard isOutbox else { throw AuditOutboxError(.open, "\(path) is not an audit outbox") }
            eventColumns = isCompact ? StoredEvent.columns : StoredEvent.inlineColumns
        } catch let error as AuditOutboxError {
            throw error
        } catch {
            throw AuditOutboxError(.open, "cannot open the audit store \(path): \(AuditOutbox.describe(error))")
        }
        self.path = path
    }

    /// What `audit status` shows.
    package struct Status: Sendable {
        package var path: String
        /// Database plus WAL file size.
        package var bytes: Int64
        package var events: Int
        package var oldestRecorded: Date?
        package var newestRecorded: Date?
        package var sinks: [AuditSinkStatus]
    }

    package func status() throws -> Status {
        let (events, oldest, newest, sinks) = try read("status") { db in
            let totals = try Row.fetchOne(db, sql: "SELECT count(*), min(recorded_ms), max(recorded_ms) FROM events")
            return (
                totals?[0] as Int? ?? 0,
                (totals?[1] as Int64?).map(Date.init(auditMilliseconds:)),
                (totals?[2] as Int64?).map(Date.init(auditMilliseconds:)),
                try AuditSinkStatus.fetchAll(db)
            )
        }
        let bytes = [path, path + "-wal"].reduce(Int64(0)) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value
            return total + (size ?? 0)
        }
        return Status(path: path, bytes: bytes, events: events, oldestRecorded: oldest, newestRecorded: newest, sinks: sinks)
    }

    /// Which events `audit export` writes.
    package struct ExportFilter: Sendable, Hashable {
        package var since: Date?
        package var until: Date?
        package var patient: String?
        package var user: String?

        package init(since: Date? = nil, until: Date? = nil, patient: String? = nil, user: String? = nil) {
            self.since = since
            self.until = until
            self.patient = patient
            self.user = user
        }
    }

    /// Calls `line` with each matching AuditEvent's JSON (verbatim, without newline) in `recorded` order; returns
    /// how many. Streams from a cursor: memory stays flat however many events match. Every role is exported, so a
    /// patient or user filter reads the period through the recorded index (the patient and user indexes hold
    /// responder events only): give `since` for a quick export from a large store.
    @discardableResult
    package func export(_ filter: ExportFilter, line: ([UInt8]) throws -> Void) throws -> Int {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let since = filter.since {
            conditions.append("recorded_ms >= ?")
            arguments += [since.auditMilliseconds]
        }
        if let until = filter.until {
            conditions.append("recorded_ms < ?")
            arguments += [until.auditMilliseconds]
        }
        if let patient = filter.patient {
            conditions.append("patient = ?")
            arguments += [patient]
        }
        if let user = filter.user {
            conditions.append("user = ?")
            arguments += [user]
        }
        let condition = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT \(eventColumns) FROM events e \(condition) ORDER BY recorded_ms, seq"
        return try read("export") { db in
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            var stored = StoredEvent()
            var count = 0
            while let row = try rows.next() {
                try line(stored.json(row, at: 0, in: db))
                count += 1
            }
            return count
        }
    }

    /// The Patient or User Access Report for `from ..< to`, oldest first. By default only responder-role events
    /// count (the gateway answering the end user's request: what PARS receives, audit.md §8.1), so one request
    /// is one line however many communities it reached; they are found through the patient or user index.
    /// `includeInitiator` adds the outbound legs, which those indexes leave out: the period is scanned.
    package func accessReport(
        _ subject: AccessReportSubject,
        from: Date,
        to: Date,
        includeInitiator: Bool = false
    ) throws -> [AccessReportRow] {
        let (column, value) =
            switch subject {
            case .patient(let nhsNumber): ("patient", nhsNumber)
            case .user(let user): ("user", user)
            }
        // The literal `role = 'responder'` lets SQLite use the partial index; without it the recorded index ranges
        // over the period.
        let roles = includeInitiator ? "" : "AND role = 'responder'"
        let sql = """
            SELECT recorded_ms, txn, outcome, patient, user, organisation, request_id, id, \(eventColumns) FROM events e
            WHERE \(column) = ? AND recorded_ms >= ? AND recorded_ms < ? \(roles) ORDER BY recorded_ms, seq
            """
        return try read("report") { db in
            let rows = try Row.fetchCursor(db, sql: sql, arguments: [value, from.auditMilliseconds, to.auditMilliseconds])
            var stored = StoredEvent()
            var report: [AccessReportRow] = []
            while let row = try rows.next() {
                let facts = AuditEventFacts(json: Data(try stored.json(row, at: 8, in: db)))
                report.append(
                    AccessReportRow(
                        recorded: Date(auditMilliseconds: row[0]),
                        transaction: row[1],
                        action: facts.action,
                        outcome: row[2],
                        patient: row[3],
                        user: row[4],
                        userName: facts.userName,
                        userRole: facts.userRole,
                        organisation: row[5],
                        organisationName: facts.organisationName,
                        caller: facts.caller,
                        requestID: row[6],
                        eventID: row[7]
                    )
                )
            }
            return report
        }
    }

    private func read<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try database.read(body)
        } catch let error as AuditOutboxError {
            throw error
        } catch {
            throw AuditOutboxError(.read, "\(what) of \(path) failed: \(AuditOutbox.describe(error))")
        }
    }
}
