import Foundation
import Testing
import XCAAudit

@testable import XCAAuditOutbox

@Suite("Operator queries: status, export, access reports (read-only)")
struct AuditStoreTests {
    static let day: TimeInterval = 86_400
    static let start = Date(timeIntervalSince1970: 1_741_083_330.123)  // 2025-03-04T10:15:30.123Z

    /// Two patients, two users, responder and initiator events over three days, one quarantined, one delivered.
    private static func populated(_ body: (AuditOutbox, AuditStore, [AuditEnvelope]) async throws -> Void) async throws {
        try await OutboxTest.withDirectory { directory in
            let outbox = try AuditOutbox(
                path: OutboxTest.outboxPath(directory),
                configuration: .init(sinks: [.pars(), .local(name: "file")]),
                logger: OutboxTest.quiet
            )
            let envelopes = [
                OutboxTest.envelope(recorded: start, patient: "9000000009", user: "111111111111", userName: "Dr A"),
                OutboxTest.envelope(recorded: start.addingTimeInterval(60), role: .initiator, patient: "9000000009", user: "111111111111"),
                OutboxTest.envelope(recorded: start.addingTimeInterval(day), transaction: "ITI-39", outcome: 4, patient: "9000000009", user: "222222222222", userName: "Dr B", organisation: "RX2"),
                OutboxTest.envelope(recorded: start.addingTimeInterval(day + 5), transaction: "RAD-75", patient: "9449305552", user: "111111111111", userName: "Dr A"),
                OutboxTest.envelope(recorded: start.addingTimeInterval(2 * day), patient: "9000000009", user: nil, organisation: "RX3"),
            ]
            // Recorded out of order: reports sort by `recorded`.
            try await outbox.record(Array(envelopes.reversed()))
            let pending = try await outbox.duePending(sink: "pars", limit: 10)
            try await outbox.settle(sink: "pars", [
                .init(event: try #require(pending.first { $0.id == envelopes[0].id }), result: .delivered),
                .init(event: try #require(pending.first { $0.id == envelopes[2].id }), result: .quarantined(status: 422, outcome: "{}")),
            ])
            try await body(outbox, try AuditStore(path: outbox.path), envelopes)
            try await outbox.close()
        }
    }

    @Test("status: totals and per-sink backlog, oldest pending, quarantined, last delivery")
    func status() async throws {
        try await Self.populated { _, store, envelopes in
            let status = try store.status()
            #expect(status.events == 5)
            #expect(status.oldestRecorded == Self.start)
            #expect(status.bytes > 0)
            let sinks = Dictionary(uniqueKeysWithValues: status.sinks.map { ($0.name, $0) })
            let pars = try #require(sinks["pars"])
            #expect(pars.backlog == 2)  // 4 responder events, one delivered, one quarantined
            #expect(pars.quarantined == 1)
            #expect(pars.lastDelivery != nil)
            #expect(pars.lastError == "quarantined: HTTP 422")
            #expect(pars.oldestPending == envelopes[3].recorded || pars.oldestPending == envelopes[4].recorded)
            let file = try #require(sinks["file"])
            #expect(file.backlog == 5)
            #expect(file.lastDelivery == nil)
        }
    }

    @Test("export: verbatim JSON lines in recorded order, filtered by time, patient, user")
    func export() async throws {
        try await Self.populated { _, store, envelopes in
            func export(_ filter: AuditStore.ExportFilter) throws -> [[UInt8]] {
                var lines: [[UInt8]] = []
                try store.export(filter) { lines.append($0) }
                return lines
            }
            let json = envelopes.map(\.json)
            let all = try export(AuditStore.ExportFilter())
            let sinceDayTwo = try export(AuditStore.ExportFilter(since: Self.start.addingTimeInterval(Self.day)))
            let patient = try export(AuditStore.ExportFilter(patient: "9449305552"))
            let user = try export(AuditStore.ExportFilter(user: "111111111111"))
            let userSince = try export(AuditStore.ExportFilter(since: Self.start.addingTimeInterval(1), user: "111111111111"))
            #expect(all == json)
            #expect(sinceDayTwo == Array(json.suffix(3)))
            #expect(patient == [json[3]])
            #expect(user == [json[0], json[1], json[3]])
            #expect(userSince == [json[1], json[3]])
        }
    }

    @Test("Patient Access Report: who accessed this patient's data in the period (responder events)")
    func patientAccessReport() async throws {
        try await Self.populated { _, store, envelopes in
            let rows = try store.accessReport(.patient("9000000009"), from: Self.start, to: Self.start.addingTimeInterval(2 * Self.day))
            #expect(rows.map(\.eventID) == [envelopes[0].id, envelopes[2].id])
            let first = try #require(rows.first)
            #expect(first.recorded == Self.start)
            #expect(first.user == "111111111111")
            #expect(first.userName == "Dr A")
            #expect(first.userRole == "Clinical Practitioner Access Role")
            #expect(first.organisation == "RX1")
            #expect(first.organisationName == "Example Requesting Trust")
            #expect(first.caller == "RX1 PACS 10.20.30.40")
            #expect(first.action == "E")
            #expect(rows.last?.outcomeText == "minor failure")
            #expect(rows.last?.transaction == "ITI-39")
            let withLegs = try store.accessReport(
                .patient("9000000009"),
                from: Self.start,
                to: Self.start.addingTimeInterval(3 * Self.day),
                includeInitiator: true
            )
            #expect(withLegs.map(\.eventID) == [envelopes[0].id, envelopes[1].id, envelopes[2].id, envelopes[4].id])
        }
    }

    @Test("User Access Report: what this user accessed in the period")
    func userAccessReport() async throws {
        try await Self.populated { _, store, envelopes in
            let rows = try store.accessReport(.user("111111111111"), from: Self.start, to: Self.start.addingTimeInterval(3 * Self.day))
            #expect(rows.map(\.eventID) == [envelopes[0].id, envelopes[3].id])
            #expect(rows.map(\.patient) == ["9000000009", "9449305552"])
            #expect(try store.accessReport(.user("111111111111"), from: Self.start.addingTimeInterval(1), to: Self.start.addingTimeInterval(Self.day)).isEmpty)
        }
    }

    @Test("a missing store is a clear error, not an empty one")
    func missingStore() async throws {
        try await OutboxTest.withDirectory { directory in
            #expect(throws: AuditOutboxError(.open, "")) { try AuditStore(path: OutboxTest.outboxPath(directory)) }
            #expect(!FileManager.default.fileExists(atPath: OutboxTest.outboxPath(directory)))
        }
    }
}
