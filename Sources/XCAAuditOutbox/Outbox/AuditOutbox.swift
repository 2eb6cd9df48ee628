import Foundation
import GRDB
import Logging
import Synchronization
import XCAAudit

/// The durable audit outbox: a SQLite database in WAL mode with `synchronous = FULL`, written with group commit
/// (stack.md §6, Spike 4). `record` returns once the events are committed and synced, so the gateway releases a
/// response only after its responder-role event is durable ("no audit, no access", audit.md §7); it throws when
/// they cannot be made durable, and ``isWritable`` turns false until a later write (or ``probeWritable()``)
/// succeeds.
///
/// Group commit: concurrent `record` calls queue their envelopes; one writer task takes everything queued, writes
/// it in one transaction with cached statements, and resumes every waiter after COMMIT (or with the error). The
/// writer is detached from the callers' tasks, so a caller whose request was cancelled cannot fail the others.
///
/// Events stay in the store after delivery: they are the local audit log that `audit export` and the access
/// reports read, until the delivery service's retention prune removes them. An event "leaves the outbox" for a
/// sink when that sink acknowledged (or quarantined) it. One process writes an outbox file at a time; readers
/// (the CLI's read-only connections) may run alongside.
package final class AuditOutbox: AuditJournal, Sendable {
    /// A sink registered in the database: its row id and the destinations it takes.
    struct RegisteredSink: Sendable {
        let id: Int64
        let route: AuditSinkRoute
    }

    /// `record` calls waiting for the writer.
    private struct Waiter {
        let envelopes: [AuditEnvelope]
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct CommitQueue {
        var writing = false
        var closed = false
        var waiters: [Waiter] = []
        var closeWaiters: [CheckedContinuation<Void, Never>] = []
    }

    package let path: String
    package let configuration: Configuration
    let pool: DatabasePool
    let sinks: [String: RegisteredSink]
    private let routedSinks: [RegisteredSink]
    private let doorbells: [String: Doorbell]
    let fileIdentity: DatabaseFileIdentity
    private let queue = Mutex(CommitQueue())
    private let writable = Atomic<Bool>(true)
    /// Rung when ``isWritable`` turns false, so the delivery service starts probing at once.
    let writabilityBell = Doorbell()
    private let transactions = Atomic<Int>(0)
    private let recordedEvents = Atomic<Int>(0)
    let logger: Logger

    /// Opens (creating if needed) the outbox at `path`: its folder is created with mode 0700, the schema migrated,
    /// WAL mode on and `synchronous = FULL` re-applied after GRDB's WAL set-up and checked to read back 2.
    package init(
        path: String,
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "xca.audit.outbox")
    ) throws {
        for route in configuration.sinks where !route.hasValidName {
            throw AuditOutboxError(.sink, "sink name \"\(route.name)\": use 1-64 letters, digits, '-', '_', '.'")
        }
        guard Set(configuration.sinks.map(\.name)).count == configuration.sinks.count else {
            throw AuditOutboxError(.sink, "a sink name is registered twice")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(
                at: folder,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw AuditOutboxError(.open, "cannot create the audit folder \(folder.path): \(error.localizedDescription)")
        }
        var options = GRDB.Configuration()
        options.label = "xca.audit.outbox"
        options.maximumReaderCount = 2
        options.busyMode = .timeout(5)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: options)
            // DatabasePool's WAL set-up forces synchronous NORMAL on the writer after prepareDatabase: re-apply FULL
            // (every commit syncs the WAL) and check it took (stack.md §6).
            let (synchronous, journalMode) = try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                if let maximumBytes = configuration.maximumBytes {
                    let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
                    try db.execute(sql: "PRAGMA max_page_count = \(max(1, maximumBytes / pageSize))")
                }
                return (
                    try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                    try String.fetchOne(db, sql: "PRAGMA journal_mode")
                )
            }
            guard synchronous == 2, journalMode == "wal" else {
                throw AuditOutboxError(
                    .open,
                    "\(path): synchronous reads back \(synchronous.map(String.init) ?? "nothing"), journal mode "
                        + "\(journalMode ?? "unknown"); the outbox needs WAL with synchronous FULL"
                )
            }
            try Self.migrator.migrate(pool)
        } catch let error as AuditOutboxError {
            throw error
        } catch {
            throw AuditOutboxError(.open, "cannot open the audit store \(path): \(Self.describe(error))")
        }
        let registered: [RegisteredSink]
        do {
            registered = try pool.write { db in
                try configuration.sinks.map { route in
                    try db.execute(
                        sql: "INSERT INTO sinks (name) VALUES (?) ON CONFLICT(name) DO NOTHING",
                        arguments: [route.name]
                    )
                    guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM sinks WHERE name = ?", arguments: [route.name])
                    else { throw AuditOutboxError(.open, "sink \(route.name) was not registered") }
                    return RegisteredSink(id: id, route: route)
                }
            }
        } catch {
            throw AuditOutboxError(.open, "cannot register the sinks in \(path): \(Self.describe(error))")
        }
        guard let identity = DatabaseFileIdentity.of(path: path) else {
            throw AuditOutboxError(.open, "\(path) vanished while it was opened")
        }
        self.path = path
        self.configuration = configuration
        self.pool = pool
        self.sinks = Dictionary(uniqueKeysWithValues: registered.map { ($0.route.name, $0) })
        self.routedSinks = registered
        self.doorbells = Dictionary(uniqueKeysWithValues: registered.map { ($0.route.name, Doorbell()) })
        self.fileIdentity = identity
        self.logger = logger
    }

    /// Whether the last write succeeded: the gateway refuses new requests with a SOAP Receiver fault while this is
    /// false. An atomic load, no database access.
    package var isWritable: Bool { writable.load(ordering: .relaxed) }

    /// Write transactions committed by `record` and events they inserted since the outbox was opened: with
    /// concurrent callers there are fewer transactions than `record` calls (group commit), one fsync each.
    package var commitStatistics: (transactions: Int, events: Int) {
        (transactions.load(ordering: .relaxed), recordedEvents.load(ordering: .relaxed))
    }

    /// The doorbell the outbox rings after each commit, for the delivery loop of sink `name`.
    package func doorbell(for name: String) -> Doorbell? { doorbells[name] }

    /// Makes `envelopes` durable: returns after the transaction holding them is committed and synced. Call it once
    /// per event: ids are not checked for uniqueness here (an index on random UUIDs would halve the commit rate),
    /// and a failed record left nothing behind, so retrying one is safe. Throws ``AuditOutboxError/Code/notWritable``
    /// (and ``isWritable`` turns false) when the events cannot be made durable; the caller must then refuse to
    /// answer. Cancellation does not interrupt a record: the events are written either way.
    package func record(_ envelopes: [AuditEnvelope]) async throws {
        guard !envelopes.isEmpty else { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let start = queue.withLock { queue -> Bool? in
                guard !queue.closed else { return nil }
                queue.waiters.append(Waiter(envelopes: envelopes, continuation: continuation))
                guard !queue.writing else { return false }
                queue.writing = true
                return true
            }
            switch start {
            case nil:
                continuation.resume(throwing: AuditOutboxError(.closed, "the audit store \(path) is closed"))
            case true?:
                // The writer runs outside the caller's task: its cancellation must not fail the other waiters.
                Task { await self.drain() }
            case false?:
                break
            }
        }
    }

    /// Waits for queued records to be written, then closes the database. Later `record` calls throw
    /// ``AuditOutboxError/Code/closed``.
    package func close() async throws {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = queue.withLock { queue -> Bool in
                queue.closed = true
                guard queue.writing else { return true }
                queue.closeWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
        do {
            try pool.close()
        } catch {
            throw AuditOutboxError(.closed, "cannot close the audit store \(path): \(Self.describe(error))")
        }
    }

    /// The writer: commits everything queued, batch after batch, until the queue is empty.
    private func drain() async {
        while true {
            let (batch, closeWaiters) = queue.withLock { queue -> ([Waiter], [CheckedContinuation<Void, Never>]) in
                guard !queue.waiters.isEmpty else {
                    queue.writing = false
                    defer { queue.closeWaiters.removeAll() }
                    return ([], queue.closeWaiters)
                }
                defer { queue.waiters.removeAll(keepingCapacity: true) }
                return (queue.waiters, [])
            }
            guard !batch.isEmpty else {
                for waiter in closeWaiters { waiter.resume() }
                return
            }
            let result = await commit(batch.map(\.envelopes))
            for waiter in batch {
                waiter.continuation.resume(with: result)
            }
        }
    }

    /// Writes one group in one transaction.
    private func commit(_ groups: [[AuditEnvelope]]) async -> Result<Void, any Error> {
        guard DatabaseFileIdentity.of(path: path) == fileIdentity else {
            return .failure(failed("the database file was removed or replaced since the outbox opened it"))
        }
        let sinks = routedSinks
        do {
            let inserted = try await pool.write { db in try Self.insert(groups, sinks: sinks, into: db) }
            transactions.add(1, ordering: .relaxed)
            recordedEvents.add(inserted, ordering: .relaxed)
            markWritable()
            if inserted > 0 {
                for doorbell in doorbells.values { doorbell.ring() }
            }
            return .success(())
        } catch {
            return .failure(failed(Self.describe(error)))
        }
    }

    /// Turns ``isWritable`` true, logging the end of an outage.
    func markWritable() {
        if !writable.exchange(true, ordering: .relaxed) {
            logger.notice("audit store writable again", metadata: ["xca.audit.alarm": "journal-recovered"])
        }
    }

    /// Turns ``isWritable`` false (logging the alarm once per outage) and makes the error `record` throws.
    func failed(_ reason: String) -> AuditOutboxError {
        if writable.exchange(false, ordering: .relaxed) {
            writabilityBell.ring()
            logger.error(
                "audit store not writable: requests are refused until it is (no audit, no access)",
                metadata: ["xca.audit.alarm": "journal-not-writable", "xca.audit.reason": "\(reason)"]
            )
        }
        return AuditOutboxError(.notWritable, "the audit store \(path) cannot be written: \(reason)")
    }

    private static func insert(_ groups: [[AuditEnvelope]], sinks: [RegisteredSink], into db: Database) throws -> Int {
        let insertEvent = try db.cachedStatement(
            sql: """
                INSERT INTO events (id, recorded_ms, txn, role, outcome, patient, user, organisation, request_id, \
                destination, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        let insertDelivery = try db.cachedStatement(sql: "INSERT INTO deliveries (seq, sink) VALUES (?, ?)")
        var inserted = 0
        for envelopes in groups {
            for envelope in envelopes {
                try insertEvent.execute(arguments: [
                    envelope.id, envelope.recorded.auditMilliseconds, envelope.transaction, envelope.role.rawValue,
                    envelope.outcome, envelope.patient, envelope.user, envelope.organisation, envelope.requestID,
                    envelope.destination.rawValue, Data(envelope.json),
                ])
                inserted += 1
                let sequence = db.lastInsertedRowID
                for sink in sinks where sink.route.destinations.contains(envelope.destination) {
                    try insertDelivery.execute(arguments: [sequence, sink.id])
                }
            }
        }
        return inserted
    }

    /// An error as one line without statement arguments (GRDB never prints them unless told to).
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "\(error.resultCode)" + (error.message.map { ": \($0)" } ?? "")
        }
        if let error = error as? AuditOutboxError { return error.message }
        return "\(error)"
    }
}
