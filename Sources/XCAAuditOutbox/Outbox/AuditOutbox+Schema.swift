import GRDB

extension AuditOutbox {
    /// Delivery states in `deliveries.state`.
    enum DeliveryState: Int {
        case pending = 0
        case delivered = 1
        case quarantined = 2
    }

    /// The schema, one migration per version (GRDB `DatabaseMigrator`; applied in order at open, never edited once
    /// released).
    ///
    /// - `events`: one row per AuditEvent, kept after delivery (the local audit log the reports read) until the
    ///   retention prune. `seq` (the rowid) is commit order; `id` the AuditEvent id; the facts of the
    ///   ``XCAAudit/AuditEnvelope``; `json` the AuditEvent verbatim. Indexes are chosen for the commit rate: every
    ///   insert into an index on a random key (a UUID, an NHS number) dirties its own page, so there is none on
    ///   `id` or `request_id`, and the patient and user indexes (the access reports) cover responder-role events
    ///   only — a quarter of the rows with a fan-out to three communities. Measured (release, 64 writers, 2 KB
    ///   events, random patients): about 16k rows/s this way, 10k with full patient/user indexes, 8.5k with unique
    ///   `id` and `request_id` indexes on top.
    /// - `sinks`: one row per sink name, with its last delivery and last error (what `audit status` shows).
    /// - `deliveries`: per event and sink: pending (0), delivered (1) or quarantined (2), attempts, the earliest next
    ///   attempt, when delivered, and `detail` (the server's OperationOutcome when quarantined, the last error while
    ///   pending). Partial indexes keep the delivery scan and the counts small however long the log grows.
    /// - `probe`: always empty; ``AuditOutbox/probeWritable()`` inserts and deletes a page-sized row in it.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE events (
                        seq INTEGER PRIMARY KEY,
                        id TEXT NOT NULL,
                        recorded_ms INTEGER NOT NULL,
                        txn TEXT NOT NULL,
                        role TEXT NOT NULL,
                        outcome INTEGER NOT NULL,
                        patient TEXT,
                        user TEXT,
                        organisation TEXT,
                        request_id TEXT NOT NULL,
                        destination TEXT NOT NULL,
                        json BLOB NOT NULL
                    );
                    CREATE INDEX events_recorded ON events(recorded_ms);
                    CREATE INDEX events_patient ON events(patient, recorded_ms) WHERE role = 'responder';
                    CREATE INDEX events_user ON events(user, recorded_ms) WHERE role = 'responder';
                    CREATE TABLE sinks (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        last_delivery_ms INTEGER,
                        last_error TEXT,
                        last_error_ms INTEGER
                    );
                    CREATE TABLE deliveries (
                        seq INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
                        sink INTEGER NOT NULL REFERENCES sinks(id),
                        state INTEGER NOT NULL DEFAULT 0,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt_ms INTEGER NOT NULL DEFAULT 0,
                        delivered_ms INTEGER,
                        detail TEXT,
                        PRIMARY KEY (seq, sink)
                    ) WITHOUT ROWID;
                    CREATE INDEX deliveries_pending ON deliveries(sink, seq) WHERE state = 0;
                    CREATE INDEX deliveries_quarantined ON deliveries(sink, seq) WHERE state = 2;
                    CREATE TABLE probe (bytes BLOB NOT NULL);
                    """
            )
        }
        return migrator
    }
}
