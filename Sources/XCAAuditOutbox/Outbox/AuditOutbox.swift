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
/// Group commit: concurrent `record` calls queue their envelopes; the outbox's own writer thread (``CommitThread``)
/// takes everything queued, writes it in one transaction with cached statements bound through SQLite's C API, and
/// resumes every waiter after COMMIT (or with the error); what queued meanwhile is the next batch. The writer is
/// detached from the callers' tasks, so a caller whose request was cancelled cannot fail the others. Storage is
/// compact (schema v2): the bytes a request's events share are written once (``StoredEvent`` reads them back). The
/// delivery service's verdicts (`settle`) are written by the same thread in the same transactions. WAL checkpoints
/// run on a connection of their own beside the commits, never inside one.
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

    package let path: String
    package let configuration: Configuration
    let pool: DatabasePool
    let sinks: [String: RegisteredSink]
    private let routedSinks: [RegisteredSink]
    private let doorbells: [String: Doorbell]
    let fileIdentity: DatabaseFileIdentity
    let writer: CommitThread
    private let wal = WALFrames()
    /// A connection of its own for WAL checkpoints, on its own queue: a checkpoint (copying the WAL into the
    /// database and syncing both) runs beside the commits instead of between them.
    private let checkpointer: DatabaseQueue
    private let checkpointing = Atomic<Bool>(false)
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
        let checkpointer: DatabaseQueue
        do {
            var checkpointOptions = GRDB.Configuration()
            checkpointOptions.label = "xca.audit.checkpoint"
            checkpointOptions.busyMode = .timeout(5)
            checkpointer = try DatabaseQueue(path: path, configuration: checkpointOptions)
            try checkpointer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch {
            throw AuditOutboxError(.open, "cannot open the checkpoint connection to \(path): \(Self.describe(error))")
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
        self.checkpointer = checkpointer
        self.logger = logger
        self.writer = CommitThread(policy: configuration.commitPolicy)
        do {
            // The writer connection reports the WAL's size after each commit: checkpoints are started after the
            // writer's commits and run on the checkpoint connection (``checkpointIfDue()``), not inside COMMIT.
            try pool.writeWithoutTransaction { db in try wal.watch(db) }
        } catch {
            throw AuditOutboxError(.open, "cannot set up checkpoints for \(path): \(Self.describe(error))")
        }
        writer.start(
            name: "audit-writer",
            commit: { [weak self] jobs in
                guard let self else { return jobs.map { _ in .failure(AuditOutboxError(.closed, "the audit store is closed")) } }
                return self.commit(jobs)
            },
            afterCommit: { [weak self] in self?.checkpointIfDue() }
        )
    }

    deinit {
        writer.stop()
    }

    /// Whether the last write succeeded: the gateway refuses new requests with a SOAP Receiver fault while this is
    /// false. An atomic load, no database access.
    package var isWritable: Bool { writable.load(ordering: .relaxed) }

    /// Write transactions committed by the writer (records, and the delivery verdicts that ride with them) and
    /// events inserted since the outbox was opened: with concurrent callers there are fewer transactions than
    /// `record` calls (group commit), one WAL sync each.
    package var commitStatistics: (transactions: Int, events: Int) {
        (transactions.load(ordering: .relaxed), recordedEvents.load(ordering: .relaxed))
    }

    /// The doorbell the outbox rings after each commit, for the delivery loop of sink `name`.
    package func doorbell(for name: String) -> Doorbell? { doorbells[name] }

    /// Makes `envelopes` — the events of one request — durable: returns after the transaction holding them is
    /// committed and synced; the call ends the request if ``requestBegan()`` announced it. Record an event once:
    /// ids are not checked for uniqueness here (an index on random UUIDs would halve the commit rate), and a failed
    /// record left nothing behind, so retrying one is safe. Throws ``AuditOutboxError/Code/notWritable``
    /// (and ``isWritable`` turns false) when the events cannot be made durable; the caller must then refuse to
    /// answer. Cancellation does not interrupt a record: the events are written either way.
    package func record(_ envelopes: [AuditEnvelope]) async throws {
        guard !envelopes.isEmpty else {
            requestAbandoned()
            return
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            // The writer runs outside the caller's task: its cancellation must not fail the other waiters.
            let job = CommitThread.Job(work: .record(envelopes), continuation: continuation, queued: .now)
            guard writer.submit(job) else {
                continuation.resume(throwing: AuditOutboxError(.closed, "the audit store \(path) is closed"))
                return
            }
        }
    }

    /// A request began whose events will be recorded by one ``record(_:)`` call (or that ``requestAbandoned()``
    /// ends): while the CPU is saturated, the writer waits for requests in progress so that more share a commit
    /// (``CommitPolicy``).
    package func requestBegan() {
        writer.requestBegan()
    }

    /// A request that began will record nothing.
    package func requestAbandoned() {
        writer.requestAbandoned()
    }

    /// Records waiting for their commit while the writer waits for more (for tests).
    var waitingRequests: Int { writer.waiting }

    /// Waits for queued records to be written, then closes the database. Later `record` calls throw
    /// ``AuditOutboxError/Code/closed``.
    package func close() async throws {
        await writer.close()
        do {
            try checkpointer.close()  // after a checkpoint in flight: its queue is serial
            try pool.close()
        } catch {
            throw AuditOutboxError(.closed, "cannot close the audit store \(path): \(Self.describe(error))")
        }
    }

    /// Writes one batch in one transaction (on the writer thread): the records' events, then the sinks' verdicts,
    /// each sink's in a savepoint of its own so that a verdict that cannot be stored fails its `settle` alone. A
    /// failed transaction fails every job; records failing turn ``isWritable`` false.
    private func commit(_ jobs: [CommitThread.Job]) -> [Result<Void, any Error>] {
        var results = [Result<Void, any Error>](repeating: .success(()), count: jobs.count)
        let hasRecords = jobs.contains(where: \.isRecord)
        guard DatabaseFileIdentity.of(path: path) == fileIdentity else {
            let reason = "the database file was removed or replaced since the outbox opened it"
            return jobs.map { $0.isRecord ? .failure(failed(reason)) : .failure(Self.unsettled(reason)) }
        }
        let sinks = routedSinks
        do {
            let inserted = try pool.writeWithoutTransaction { db -> Int in
                // BEGIN and COMMIT as cached statements stepped directly (GRDB reads the transaction state from
                // SQLite itself); a failure rolls back whatever is left open.
                try RawStatement(db.cachedStatement(sql: "BEGIN IMMEDIATE"), in: db).step()
                do {
                    let inserted = try Self.insert(
                        jobs.lazy.compactMap { job -> [AuditEnvelope]? in
                            if case .record(let envelopes) = job.work { return envelopes }
                            return nil
                        },
                        sinks: sinks,
                        into: db
                    )
                    for (index, job) in jobs.enumerated() {
                        guard case .settle(let sink, let settlements, let now) = job.work else { continue }
                        do {
                            try db.execute(sql: "SAVEPOINT settle")
                            try Self.apply(settlements, sink: sink, nowMilliseconds: now, in: db)
                            try db.execute(sql: "RELEASE settle")
                        } catch {
                            try db.execute(sql: "ROLLBACK TO settle")
                            try db.execute(sql: "RELEASE settle")
                            results[index] = .failure(Self.unsettled(Self.describe(error)))
                        }
                    }
                    try RawStatement(db.cachedStatement(sql: "COMMIT"), in: db).step()
                    return inserted
                } catch {
                    if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
                    throw error
                }
            }
            transactions.add(1, ordering: .relaxed)
            recordedEvents.add(inserted, ordering: .relaxed)
            if hasRecords { markWritable() }
            if inserted > 0 {
                for doorbell in doorbells.values { doorbell.ring() }
            }
            return results
        } catch {
            let reason = Self.describe(error)
            let recordFailure = hasRecords ? failed(reason) : nil
            return jobs.map { job in .failure(job.isRecord ? recordFailure ?? failed(reason) : Self.unsettled(reason)) }
        }
    }

    /// Starts a passive checkpoint on the checkpoint connection once the WAL holds ``WALFrames/checkpointFrames``
    /// frames more than after the last one, unless one is running (called on the writer thread after a batch's
    /// callers were resumed; the commits go on meanwhile). A failed checkpoint is retried after a later commit.
    private func checkpointIfDue() {
        guard wal.isCheckpointDue, !checkpointing.exchange(true, ordering: .acquiringAndReleasing) else { return }
        checkpointer.asyncWriteWithoutTransaction { db in
            do {
                let result = try db.checkpoint(.passive)
                self.wal.checkpointed(walFrames: result.walFrameCount, copied: result.checkpointedFrameCount)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                // Another checkpoint (a closing connection's) holds the lock: this one is retried after a later commit.
                self.logger.debug("audit store checkpoint skipped: busy")
            } catch {
                self.logger.warning("audit store checkpoint failed", metadata: ["xca.audit.reason": "\(Self.describe(error))"])
            }
            self.checkpointing.store(false, ordering: .releasing)
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

    /// An error as one line without statement arguments (GRDB never prints them unless told to).
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "\(error.resultCode)" + (error.message.map { ": \($0)" } ?? "")
        }
        if let error = error as? AuditOutboxError { return error.message }
        return "\(error)"
    }
}
