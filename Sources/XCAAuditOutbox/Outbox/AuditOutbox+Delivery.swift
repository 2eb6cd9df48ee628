import Foundation
import GRDB

extension AuditOutbox {
    /// One verdict to store: the event, what the sink said, and (for a retry) when to try it next.
    package struct Settlement: Sendable {
        package var event: AuditPendingEvent
        package var result: AuditDeliveryResult
        package var nextAttempt: Date?

        package init(event: AuditPendingEvent, result: AuditDeliveryResult, nextAttempt: Date? = nil) {
            self.event = event
            self.result = result
            self.nextAttempt = nextAttempt
        }
    }

    func registeredSink(_ name: String) throws -> RegisteredSink {
        guard let sink = sinks[name] else {
            throw AuditOutboxError(.sink, "sink \(name) is not registered with the outbox")
        }
        return sink
    }

    /// Up to `limit` events pending for sink `name` and due at `now`, in commit order.
    package func duePending(sink name: String, limit: Int, now: Date = Date()) async throws -> [AuditPendingEvent] {
        let sink = try registeredSink(name).id
        let nowMilliseconds = now.auditMilliseconds
        do {
            return try await pool.read { db in
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT d.seq, e.id, d.attempts, \(StoredEvent.columns) FROM deliveries d JOIN events e ON e.seq = d.seq
                        WHERE d.sink = ? AND d.state = 0 AND d.next_attempt_ms <= ? ORDER BY d.seq LIMIT ?
                        """,
                    arguments: [sink, nowMilliseconds, limit]
                )
                var stored = StoredEvent()
                var events: [AuditPendingEvent] = []
                events.reserveCapacity(limit)
                while let row = try rows.next() {
                    let json = try stored.json(row, at: 3, in: db)
                    events.append(AuditPendingEvent(sequence: row[0], id: row[1], json: json, attempts: row[2]))
                }
                return events
            }
        } catch {
            throw AuditOutboxError(.read, "cannot read the pending events of \(name): \(Self.describe(error))")
        }
    }

    /// The earliest time a pending event of sink `name` that is not due at `now` becomes due, if there is one.
    package func nextAttempt(sink name: String, after now: Date = Date()) async throws -> Date? {
        let sink = try registeredSink(name).id
        let nowMilliseconds = now.auditMilliseconds
        do {
            let next = try await pool.read { db in
                try Int64.fetchOne(
                    db,
                    sql: "SELECT min(next_attempt_ms) FROM deliveries WHERE sink = ? AND state = 0 AND next_attempt_ms > ?",
                    arguments: [sink, nowMilliseconds]
                )
            }
            return next.map(Date.init(auditMilliseconds:))
        } catch {
            throw AuditOutboxError(.read, "cannot read the retry schedule of \(name): \(Self.describe(error))")
        }
    }

    /// Stores a sink's verdicts: delivered and quarantined events leave the outbox for that sink; retried ones get
    /// their next attempt time and the reason. The sink's last delivery / last error are updated for `audit
    /// status`. The verdicts are written by the writer thread in the transaction of the records queued with them
    /// (in a savepoint of their own): under load they ride on a commit that syncs anyway.
    package func settle(sink name: String, _ settlements: [Settlement], now: Date = Date()) async throws {
        guard !settlements.isEmpty else { return }
        let sink = try registeredSink(name).id
        let nowMilliseconds = now.auditMilliseconds
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let job = CommitThread.Job(
                work: .settle(sink: sink, settlements, nowMilliseconds: nowMilliseconds),
                continuation: continuation,
                queued: .now
            )
            guard writer.submit(job) else {
                continuation.resume(throwing: AuditOutboxError(.closed, "the audit store \(path) is closed"))
                return
            }
        }
    }

    /// The error of a `settle` whose verdicts could not be stored.
    static func unsettled(_ reason: String) -> AuditOutboxError {
        AuditOutboxError(.notWritable, "cannot store the delivery state: \(reason)")
    }

    /// Writes verdicts of sink `sink` (inside the caller's transaction).
    static func apply(_ settlements: [Settlement], sink: Int64, nowMilliseconds: Int64, in db: Database) throws {
        let delivered = try db.cachedStatement(
            sql: """
                UPDATE deliveries SET state = 1, attempts = attempts + 1, delivered_ms = ?, detail = NULL
                WHERE seq = ? AND sink = ? AND state = 0
                """
        )
        let retry = try db.cachedStatement(
            sql: """
                UPDATE deliveries SET attempts = attempts + 1, next_attempt_ms = ?, detail = ?
                WHERE seq = ? AND sink = ? AND state = 0
                """
        )
        let quarantine = try db.cachedStatement(
            sql: """
                UPDATE deliveries SET state = 2, attempts = attempts + 1, detail = ?
                WHERE seq = ? AND sink = ? AND state = 0
                """
        )
        var anyDelivered = false
        var lastError: String?
        for settlement in settlements {
            let sequence = settlement.event.sequence
            switch settlement.result {
            case .delivered:
                anyDelivered = true
                try delivered.execute(arguments: [nowMilliseconds, sequence, sink])
            case .retry(let reason, _):
                lastError = reason
                let next = settlement.nextAttempt?.auditMilliseconds ?? 0
                try retry.execute(arguments: [next, reason, sequence, sink])
            case .quarantined(let status, let outcome):
                lastError = "quarantined: \(status == 0 ? "refused locally" : "HTTP \(status)")"
                try quarantine.execute(arguments: [outcome, sequence, sink])
            }
        }
        if anyDelivered {
            try db.execute(sql: "UPDATE sinks SET last_delivery_ms = ? WHERE id = ?", arguments: [nowMilliseconds, sink])
        }
        if let lastError {
            try db.execute(
                sql: "UPDATE sinks SET last_error = ?, last_error_ms = ? WHERE id = ?",
                arguments: [lastError, nowMilliseconds, sink]
            )
        }
    }

    /// Deletes events recorded before `cutoff` that no sink still has pending, `chunk` rows per transaction (short
    /// write locks between record batches). Returns how many were deleted.
    package func prune(recordedBefore cutoff: Date, chunk: Int = 1_000) async throws -> Int {
        let cutoffMilliseconds = cutoff.auditMilliseconds
        var total = 0
        do {
            while true {
                let deleted = try await pool.write { db in
                    try db.execute(
                        sql: """
                            DELETE FROM events WHERE seq IN (
                                SELECT e.seq FROM events e WHERE e.recorded_ms < ? AND NOT EXISTS (
                                    SELECT 1 FROM deliveries d WHERE d.seq = e.seq AND d.state = 0
                                ) ORDER BY e.recorded_ms LIMIT ?
                            )
                            """,
                        arguments: [cutoffMilliseconds, chunk]
                    )
                    return db.changesCount
                }
                total += deleted
                if deleted < chunk { return total }
            }
        } catch {
            throw AuditOutboxError(.notWritable, "cannot prune the audit store \(path): \(Self.describe(error))")
        }
    }

    /// Tries a real write (a ``probeBytes`` row inserted and deleted in one synced transaction) and updates
    /// ``isWritable``: true when it committed. The delivery service calls this while the outbox is not writable, so
    /// the gateway starts answering again once the disk has room — room for a group commit of several requests, not
    /// just a page: a smaller probe would let the outbox flap at its high-water mark, each success admitting one
    /// request whose events then fail to commit (its answer withheld after its communities were called).
    /// The headroom a probe asks for: a group commit of a few ITI-38 requests (about 19 KB of events each).
    package static let probeBytes = 64 << 10

    @discardableResult
    package func probeWritable() async -> Bool {
        guard DatabaseFileIdentity.of(path: path) == fileIdentity else {
            _ = failed("the database file was removed or replaced since the outbox opened it")
            return false
        }
        do {
            try await pool.write { db in
                try db.execute(sql: "INSERT INTO probe (bytes) VALUES (zeroblob(\(Self.probeBytes)))")
                try db.execute(sql: "DELETE FROM probe")
            }
            markWritable()
            return true
        } catch {
            _ = failed(Self.describe(error))
            return false
        }
    }
}
