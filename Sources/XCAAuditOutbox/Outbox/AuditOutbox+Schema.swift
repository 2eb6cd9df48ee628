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
    ///
    /// v2 — compact storage (S5): an event recorded since keeps its facts in its `events` row but its JSON in a
    /// `payloads` row shared with the other events of its commit (`json` is then empty). A payload holds, for each
    /// request of the commit, the bytes its events share (for ITI-38 the source, patient, transaction and query
    /// entities with the base64 query: about half of an event) once, then each event's own bytes. The event row says
    /// where: `payload` (the payload's key), `part_at` and `part_length` (its own bytes), and when it has the shared
    /// bytes too, `span_at`, `span_length` and `span_split` (where in its own bytes they go back). The JSON read back
    /// is byte for byte the JSON recorded (``StoredEvent``). Fewer bytes reach the WAL (an ITI-38 request with three
    /// legs: about 10 KB instead of 16 KB) and the rows stay small enough for their pages, so the events' JSON is no
    /// longer spread over half-empty overflow pages.
    /// - `payloads`: key `seq` = the seq of its first event; its events are the `events` consecutive seqs from
    ///   there. A trigger deletes a payload with the last event that refers to it (prune, or by hand).
    /// - `event_json`: a view of every event's JSON put back together, for an operator at the `sqlite3` prompt.
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
        migrator.registerMigration("v2") { db in
            try db.execute(
                sql: """
                    ALTER TABLE events ADD COLUMN payload INTEGER;
                    ALTER TABLE events ADD COLUMN part_at INTEGER;
                    ALTER TABLE events ADD COLUMN part_length INTEGER;
                    ALTER TABLE events ADD COLUMN span_at INTEGER;
                    ALTER TABLE events ADD COLUMN span_length INTEGER;
                    ALTER TABLE events ADD COLUMN span_split INTEGER;
                    CREATE TABLE payloads (
                        seq INTEGER PRIMARY KEY,
                        events INTEGER NOT NULL,
                        bytes BLOB NOT NULL
                    );
                    CREATE TRIGGER events_release_payload AFTER DELETE ON events WHEN OLD.payload IS NOT NULL
                    BEGIN
                        DELETE FROM payloads WHERE seq = OLD.payload AND NOT EXISTS (
                            SELECT 1 FROM events e
                            WHERE e.seq >= payloads.seq AND e.seq < payloads.seq + payloads.events AND e.payload = payloads.seq
                        );
                    END;
                    CREATE VIEW event_json AS
                    SELECT e.seq AS seq, e.id AS id, CASE
                        WHEN e.payload IS NULL THEN e.json
                        WHEN e.span_split IS NULL THEN substr(p.bytes, e.part_at + 1, e.part_length)
                        ELSE substr(p.bytes, e.part_at + 1, e.span_split) || substr(p.bytes, e.span_at + 1, e.span_length)
                            || substr(p.bytes, e.part_at + e.span_split + 1, e.part_length - e.span_split)
                    END AS json
                    FROM events e LEFT JOIN payloads p ON p.seq = e.payload;
                    """
            )
        }
        return migrator
    }
}
