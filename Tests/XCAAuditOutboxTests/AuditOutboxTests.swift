import Foundation
import GRDB
import Testing
import XCAAudit

@testable import XCAAuditOutbox

@Suite("Audit outbox: durability, group commit, write failures")
struct AuditOutboxTests {
    @Test("opens in WAL mode with synchronous FULL on the writer, in a 0700 folder")
    func walAndSynchronousFull() async throws {
        try await OutboxTest.withDirectory { directory in
            let outbox = try AuditOutbox(path: OutboxTest.outboxPath(directory), logger: OutboxTest.quiet)
            #expect(try await outbox.writerPragma("synchronous") == "2")
            #expect(try await outbox.writerPragma("journal_mode") == "wal")
            let folder = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("audit").path)
            #expect((folder[.posixPermissions] as? NSNumber)?.intValue == 0o700)
            try await outbox.close()
        }
    }

    @Test("everything recorded is there after closing and reopening, with its delivery state per sink")
    func reopenKeepsEverything() async throws {
        try await OutboxTest.withDirectory { directory in
            let path = OutboxTest.outboxPath(directory)
            let configuration = AuditOutbox.Configuration(sinks: [.pars(), .local(name: "file")])
            let envelopes = (0..<40).map { index in
                OutboxTest.envelope(role: index % 4 == 0 ? .initiator : .responder)
            }
            let outbox = try AuditOutbox(path: path, configuration: configuration, logger: OutboxTest.quiet)
            try await outbox.record(Array(envelopes.prefix(25)))
            try await outbox.record(Array(envelopes.dropFirst(25)))
            try await outbox.close()
            await #expect(throws: AuditOutboxError(.closed, "")) { try await outbox.record([OutboxTest.envelope()]) }

            let reopened = try AuditOutbox(path: path, configuration: configuration, logger: OutboxTest.quiet)
            var exported: [[UInt8]] = []
            try AuditStore(path: path).export(.init()) { exported.append($0) }
            #expect(Set(exported) == Set(envelopes.map(\.json)))
            let health = try await reopened.health()
            let backlog = Dictionary(uniqueKeysWithValues: health.sinks.map { ($0.name, $0.backlog) })
            #expect(backlog == ["pars": 30, "file": 40])  // initiator legs stay local: not queued for PARS
            let due = try await reopened.duePending(sink: "pars", limit: 100)
            #expect(due.map(\.id) == envelopes.filter { $0.destination == .remote }.map(\.id))
            try await reopened.close()
        }
    }

    @Test("concurrent records are grouped: all durable, fewer transactions than calls")
    func groupCommit() async throws {
        try await OutboxTest.withDirectory { directory in
            let path = OutboxTest.outboxPath(directory)
            let outbox = try AuditOutbox(path: path, configuration: .init(sinks: [.pars()]), logger: OutboxTest.quiet)
            let calls = 400
            let envelopes = (0..<calls).map { _ in OutboxTest.envelope(padding: 1_500) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for envelope in envelopes {
                    group.addTask { try await outbox.record([envelope]) }
                }
                try await group.waitForAll()
            }
            let statistics = outbox.commitStatistics
            #expect(statistics.events == calls)
            #expect(statistics.transactions < calls)
            #expect(statistics.transactions >= 1)
            try await outbox.close()
            let ids = try await DatabaseQueue(path: path).read { db in try String.fetchSet(db, sql: "SELECT id FROM events") }
            #expect(ids == Set(envelopes.map(\.id)))
        }
    }

    @Test("the WAL is checkpointed into the database beside the commits, not left to grow")
    func checkpointsRun() async throws {
        try await OutboxTest.withDirectory { directory in
            let path = OutboxTest.outboxPath(directory)
            let outbox = try AuditOutbox(path: path, configuration: .init(sinks: [.pars()]), logger: OutboxTest.quiet)
            func size(_ file: String) -> Int {
                ((try? FileManager.default.attributesOfItem(atPath: file)[.size]) as? NSNumber)?.intValue ?? 0
            }
            // About 24 MiB of events: more than one checkpoint's worth of WAL frames (16 MiB).
            for _ in 0..<400 { try await outbox.record([OutboxTest.envelope(padding: 60_000)]) }
            try await OutboxTest.eventually("a checkpoint to copy the WAL into the database") { size(path) > 8 << 20 }
            #expect(size(path + "-wal") < 40 << 20)
            try await outbox.close()
        }
    }

    @Test("past the size limit a record throws notWritable and isWritable turns false, until a probe succeeds")
    func sizeLimitMakesItUnwritable() async throws {
        try await OutboxTest.withDirectory { directory in
            let outbox = try AuditOutbox(
                path: OutboxTest.outboxPath(directory),
                configuration: .init(sinks: [.pars()], maximumBytes: 256 * 1024),
                logger: OutboxTest.quiet
            )
            #expect(outbox.isWritable)
            var failure: AuditOutboxError?
            var recorded = 0
            while failure == nil, recorded < 2_000 {
                do {
                    try await outbox.record([OutboxTest.envelope(padding: 2_000)])
                    recorded += 1
                } catch let error as AuditOutboxError {
                    failure = error
                }
            }
            #expect(failure?.code == .notWritable)
            #expect(recorded > 0)
            #expect(!outbox.isWritable)
            #expect(await outbox.probeWritable() == false)
            #expect(!outbox.isWritable)
            // Room again (what an operator freeing disk space amounts to): the probe turns it writable.
            _ = try await outbox.pool.write { db in try db.execute(sql: "DELETE FROM events") }
            #expect(await outbox.probeWritable())
            #expect(outbox.isWritable)
            try await outbox.record([OutboxTest.envelope()])
            try await outbox.close()
        }
    }

    @Test("when the database file's folder is removed, records throw instead of writing to a deleted file")
    func removedDirectoryIsNotWritable() async throws {
        try await OutboxTest.withDirectory { directory in
            let path = OutboxTest.outboxPath(directory)
            let outbox = try AuditOutbox(path: path, configuration: .init(sinks: [.pars()]), logger: OutboxTest.quiet)
            try await outbox.record([OutboxTest.envelope()])
            try FileManager.default.removeItem(at: directory.appendingPathComponent("audit"))
            await #expect(throws: AuditOutboxError(.notWritable, "")) {
                try await outbox.record([OutboxTest.envelope()])
            }
            #expect(!outbox.isWritable)
            #expect(await outbox.probeWritable() == false)
            try await outbox.close()
        }
    }

    @Test("an unusable path fails at open with a clear error")
    func unusablePath() async throws {
        try await OutboxTest.withDirectory { directory in
            let blocker = directory.appendingPathComponent("audit")
            try Data("a file where the folder should be".utf8).write(to: blocker)
            #expect(throws: AuditOutboxError(.open, "")) {
                try AuditOutbox(path: OutboxTest.outboxPath(directory), logger: OutboxTest.quiet)
            }
            #expect(throws: AuditOutboxError(.sink, "")) {
                try AuditOutbox(
                    path: directory.appendingPathComponent("x.sqlite").path,
                    configuration: .init(sinks: [.pars(name: "no spaces")]),
                    logger: OutboxTest.quiet
                )
            }
        }
    }

    @Test("prune removes old events no sink has pending, keeps pending and recent ones")
    func pruneKeepsPending() async throws {
        try await OutboxTest.withDirectory { directory in
            let outbox = try AuditOutbox(
                path: OutboxTest.outboxPath(directory),
                configuration: .init(sinks: [.pars()]),
                logger: OutboxTest.quiet
            )
            let old = Date().addingTimeInterval(-100 * 86_400)
            let oldDelivered = OutboxTest.envelope(recorded: old)
            let oldPending = OutboxTest.envelope(recorded: old)
            let oldLocal = OutboxTest.envelope(recorded: old, role: .initiator)
            let recent = OutboxTest.envelope()
            try await outbox.record([oldDelivered, oldPending, oldLocal, recent])
            let due = try await outbox.duePending(sink: "pars", limit: 10)
            let delivered = try #require(due.first { $0.id == oldDelivered.id })
            try await outbox.settle(sink: "pars", [.init(event: delivered, result: .delivered)])

            let pruned = try await outbox.prune(recordedBefore: Date().addingTimeInterval(-90 * 86_400), chunk: 1)
            #expect(pruned == 2)
            var left: Set<[UInt8]> = []
            try AuditStore(path: outbox.path).export(.init()) { left.insert($0) }
            #expect(left == [oldPending.json, recent.json])
            try await outbox.close()
        }
    }
}
