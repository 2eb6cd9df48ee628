import Foundation
import GRDB
import Testing
import XCAAudit

@testable import XCAAuditOutbox

/// Schema v2: a request's events share one payload row per commit, the bytes they have in common stored once.
/// Whatever reads an event back — delivery, export, the reports, the `event_json` view — gets the JSON recorded,
/// byte for byte; payloads leave with their last event.
@Suite("Audit outbox: compact storage")
struct CompactStorageTests {
    /// The events of one request: `legs` initiator events after one responder event, all holding the same
    /// `,"source":…,"query":"AAA…"` span (the `shared` range), each with its own id, outcome and endpoint.
    static func request(legs: Int = 3, patient: String = "9000000009", padding: Int = 1_500, recorded: Date = Date()) -> [AuditEnvelope] {
        let requestID = UUID().uuidString.lowercased()
        let span =
            #","source":{"observer":{"type":"Device"}},"entity":[{"what":{"identifier":{"value":""# + patient
            + #""}}},{"what":{"identifier":{"value":""# + requestID + #""}}},{"query":""#
            + String(repeating: "Q", count: padding) + #"""#
        return (0...legs).map { index in
            let id = UUID().uuidString.lowercased()
            let head = #"{"resourceType":"AuditEvent","id":""# + id + #"","outcome":""# + (index == 2 ? "8" : "0")
                + #"","agent":[{"who":{"display":"leg \#(index)"}}]"#
            let tail = #","detail":[{"valueString":"urn:oid:1.2.\#(index)"}]}]}"#
            let json = Array((head + span + tail).utf8)
            return AuditEnvelope(
                id: id,
                recorded: recorded,
                transaction: "ITI-38",
                role: index == 0 ? .responder : .initiator,
                outcome: index == 2 ? 8 : 0,
                patient: patient,
                user: "555021935107",
                organisation: "RX1",
                requestID: requestID,
                destination: index == 0 ? .remote : .local,
                json: json,
                shared: head.utf8.count..<(head.utf8.count + span.utf8.count)
            )
        }
    }

    static func payloadBytes(_ path: String) async throws -> Int {
        try await DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT coalesce(sum(length(bytes)), 0) FROM payloads") ?? 0 }
    }

    @Test("a request's events come back byte for byte from export, delivery, the reports and the event_json view")
    func roundTrip() async throws {
        try await OutboxTest.withDirectory { directory in
            let path = OutboxTest.outboxPath(directory)
            let outbox = try AuditOutbox(path: path, configuration: .init(sinks: [.pars(), .local(name: "file")]), logger: OutboxTest.quiet)
            let requests = (0..<24).map { index in Self.request(legs: index % 4, patient: index % 2 == 0 ? "9000000009" : "9449305552") }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for events in requests { group.addTask { try await outbox.record(events) } }
                try await group.waitForAll()
            }
            let all = requests.flatMap { $0 }
            let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.json) })

            var exported: [[UInt8]] = []
            let store = try AuditStore(path: path)
            try store.export(.init()) { exported.append($0) }
            #expect(exported.count == all.count)
            #expect(Set(exported) == Set(all.map(\.json)))

            let pars = try await outbox.duePending(sink: "pars", limit: 1_000)
            #expect(pars.count == requests.count)
            #expect(pars.allSatisfy { byID[$0.id] == $0.json })
            let file = try await outbox.duePending(sink: "file", limit: 1_000)
            #expect(file.count == all.count)
            #expect(file.allSatisfy { byID[$0.id] == $0.json })

            let viewed = try await DatabaseQueue(path: path).read { db in
                try Row.fetchAll(db, sql: "SELECT id, CAST(json AS BLOB) FROM event_json").map { row -> (String, Data) in (row[0], row[1]) }
            }
            #expect(viewed.count == all.count)
            #expect(viewed.allSatisfy { byID[$0.0] == [UInt8]($0.1) })

            let report = try store.accessReport(.patient("9000000009"), from: Date().addingTimeInterval(-60), to: Date().addingTimeInterval(60))
            #expect(report.count == requests.count / 2)
            #expect(report.allSatisfy { $0.outcome == 0 && $0.organisation == "RX1" })

            // The shared span went to disk once per request, not once per event.
            let stored = try await Self.payloadBytes(path)
            let whole = all.reduce(0) { $0 + $1.json.count }
            let spans = requests.reduce(0) { $0 + ($1.count - 1) * ($1[0].shared?.count ?? 0) }
            #expect(stored == whole - spans)
            try await outbox.close()
        }
    }

    @Test("a shared range whose bytes differ between events is not trusted: those events are stored whole")
    func mismatchedSpans() async throws {
        try await OutboxTest.withDirectory { directory in
            let path = OutboxTest.outboxPath(directory)
            let outbox = try AuditOutbox(path: path, configuration: .init(sinks: [.pars()]), logger: OutboxTest.quiet)
            var events = Self.request(legs: 3)
            // Another patient's span, of the same length, in the second event; an out-of-range one in the third.
            let other = Self.request(legs: 0, patient: "9449305552")[0]
            events[1].json = other.json
            events[1].shared = other.shared
            events[2].shared = 10..<(events[2].json.count + 5)
            try await outbox.record(events)
            var exported: [[UInt8]] = []
            try AuditStore(path: path).export(.init()) { exported.append($0) }
            #expect(Set(exported) == Set(events.map(\.json)))
            let span = events[0].shared?.count ?? 0
            #expect(try await Self.payloadBytes(path) == events.reduce(0) { $0 + $1.json.count } - span)
            try await outbox.close()
        }
    }

    @Test("a payload leaves with the last event that needs it: pruned legs keep the pending responder readable")
    func payloadsLeaveWithTheirEvents() async throws {
        try await OutboxTest.withDirectory { directory in
            let path = OutboxTest.outboxPath(directory)
            let outbox = try AuditOutbox(path: path, configuration: .init(sinks: [.pars()]), logger: OutboxTest.quiet)
            let old = Date().addingTimeInterval(-100 * 86_400)
            let first = Self.request(legs: 3, recorded: old)
            let second = Self.request(legs: 3, recorded: old)
            try await outbox.record(first)
            try await outbox.record(second)
            // The legs stay local and are delivered nowhere: prunable at once. The responders wait for PARS.
            #expect(try await outbox.prune(recordedBefore: Date().addingTimeInterval(-90 * 86_400)) == 6)
            let pending = try await outbox.duePending(sink: "pars", limit: 10)
            #expect(pending.map(\.json) == [first[0].json, second[0].json])
            #expect(try await Self.payloadBytes(path) > 0)
            try await outbox.settle(sink: "pars", pending.map { .init(event: $0, result: .delivered) })
            #expect(try await outbox.prune(recordedBefore: Date().addingTimeInterval(-90 * 86_400)) == 2)
            #expect(try await Self.payloadBytes(path) == 0)
            // Deleting events by hand takes their payloads too.
            try await outbox.record(Self.request())
            _ = try await outbox.pool.write { db in try db.execute(sql: "DELETE FROM events") }
            #expect(try await Self.payloadBytes(path) == 0)
            try await outbox.close()
        }
    }

    @Test("an outbox written before v2 is migrated: its events and new ones read back alike")
    func migratesVersionOne() async throws {
        try await OutboxTest.withDirectory { directory in
            let path = OutboxTest.outboxPath(directory)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let legacy = OutboxTest.envelope(padding: 500)
            let legacyDatabase = try DatabaseQueue(path: path)
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1") { db in
                try db.execute(
                    sql: """
                        CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, recorded_ms INTEGER NOT NULL,
                            txn TEXT NOT NULL, role TEXT NOT NULL, outcome INTEGER NOT NULL, patient TEXT, user TEXT,
                            organisation TEXT, request_id TEXT NOT NULL, destination TEXT NOT NULL, json BLOB NOT NULL);
                        CREATE INDEX events_recorded ON events(recorded_ms);
                        CREATE INDEX events_patient ON events(patient, recorded_ms) WHERE role = 'responder';
                        CREATE INDEX events_user ON events(user, recorded_ms) WHERE role = 'responder';
                        CREATE TABLE sinks (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, last_delivery_ms INTEGER,
                            last_error TEXT, last_error_ms INTEGER);
                        CREATE TABLE deliveries (seq INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
                            sink INTEGER NOT NULL REFERENCES sinks(id), state INTEGER NOT NULL DEFAULT 0,
                            attempts INTEGER NOT NULL DEFAULT 0, next_attempt_ms INTEGER NOT NULL DEFAULT 0,
                            delivered_ms INTEGER, detail TEXT, PRIMARY KEY (seq, sink)) WITHOUT ROWID;
                        CREATE INDEX deliveries_pending ON deliveries(sink, seq) WHERE state = 0;
                        CREATE INDEX deliveries_quarantined ON deliveries(sink, seq) WHERE state = 2;
                        CREATE TABLE probe (bytes BLOB NOT NULL);
                        """
                )
            }
            try migrator.migrate(legacyDatabase)
            try await legacyDatabase.write { db in
                try db.execute(sql: "INSERT INTO sinks (name) VALUES ('pars')")
                try db.execute(
                    sql: """
                        INSERT INTO events (id, recorded_ms, txn, role, outcome, patient, user, organisation, request_id, destination, json)
                        VALUES (?, ?, 'ITI-38', 'responder', 0, '9000000009', NULL, 'RX1', ?, 'remote', ?)
                        """,
                    arguments: [legacy.id, legacy.recorded.auditMilliseconds, legacy.requestID, Data(legacy.json)]
                )
                try db.execute(sql: "INSERT INTO deliveries (seq, sink) VALUES (last_insert_rowid(), 1)")
            }
            try legacyDatabase.close()
            // A read-only store reads a v1 file as it is.
            var before: [[UInt8]] = []
            try AuditStore(path: path).export(.init()) { before.append($0) }
            #expect(before == [legacy.json])

            let outbox = try AuditOutbox(path: path, configuration: .init(sinks: [.pars()]), logger: OutboxTest.quiet)
            let events = Self.request(legs: 1)
            try await outbox.record(events)
            let pending = try await outbox.duePending(sink: "pars", limit: 10)
            #expect(pending.map(\.json) == [legacy.json, events[0].json])
            var exported: [[UInt8]] = []
            try AuditStore(path: path).export(.init()) { exported.append($0) }
            #expect(Set(exported) == Set([legacy.json] + events.map(\.json)))
            try await outbox.close()
        }
    }

    @Test("a commit's payload is split at request boundaries past 64 KiB, and every event still reads back")
    func largeCommitsSplitTheirPayload() async throws {
        try await OutboxTest.withDirectory { directory in
            let path = OutboxTest.outboxPath(directory)
            let outbox = try AuditOutbox(path: path, configuration: .init(sinks: [.pars()]), logger: OutboxTest.quiet)
            let requests = (0..<12).map { _ in Self.request(legs: 3, padding: 12_000) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for events in requests { group.addTask { try await outbox.record(events) } }
                try await group.waitForAll()
            }
            let (payloads, largest) = try await DatabaseQueue(path: path).read { db in
                let row = try #require(try Row.fetchOne(db, sql: "SELECT count(*), max(length(bytes)) FROM payloads"))
                return (row[0] as Int, row[1] as Int)
            }
            #expect(payloads >= 2)
            #expect(largest < AuditOutbox.payloadBytes + 64 << 10)
            var exported: [[UInt8]] = []
            try AuditStore(path: path).export(.init()) { exported.append($0) }
            #expect(Set(exported) == Set(requests.flatMap { $0 }.map(\.json)))
            try await outbox.close()
        }
    }
}
