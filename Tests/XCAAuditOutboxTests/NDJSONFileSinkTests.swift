import Foundation
import Testing
import XCAAudit

@testable import XCAAuditOutbox

@Suite("NDJSON file sink")
struct NDJSONFileSinkTests {
    private static func lines(_ path: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test("rotates by size, keeps N files, every file holds whole lines, the newest events survive in order")
    func rotation() async throws {
        try await OutboxTest.withDirectory { directory in
            let path = directory.appendingPathComponent("logs/audit.ndjson").path
            let sink = try NDJSONFileSink(configuration: .init(path: path, maximumBytes: 4_096, keep: 2))
            let events = (0..<60).map { index in
                let envelope = OutboxTest.envelope(padding: 200)
                return AuditPendingEvent(sequence: Int64(index), id: envelope.id, json: envelope.json, attempts: 0)
            }
            for start in stride(from: 0, to: events.count, by: 3) {
                let results = await sink.deliver(Array(events[start..<start + 3]))
                #expect(results == [.delivered, .delivered, .delivered])
            }
            await sink.shutdown()

            let files = [path + ".2", path + ".1", path]
            for file in files {
                let size = try #require(try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)
                #expect(size.intValue <= 4_096, "\(file)")
                #expect(size.intValue > 0, "\(file)")
            }
            #expect(!FileManager.default.fileExists(atPath: path + ".3"))
            let kept = try files.flatMap(Self.lines)
            #expect(kept.count < events.count)
            #expect(kept == events.suffix(kept.count).map { String(decoding: $0.json, as: UTF8.self) })
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600)
        }
    }

    @Test("through the delivery service: remote and local events, each once, in commit order")
    func deliveredByTheService() async throws {
        try await OutboxTest.withDirectory { directory in
            let path = directory.appendingPathComponent("audit.ndjson").path
            let sink = try NDJSONFileSink(configuration: .init(path: path))
            let outbox = try AuditOutbox(
                path: OutboxTest.outboxPath(directory),
                configuration: .init(sinks: [sink.route]),
                logger: OutboxTest.quiet
            )
            let envelopes = (0..<30).map { index in OutboxTest.envelope(role: index % 3 == 0 ? .initiator : .responder) }
            let service = try AuditDeliveryService(outbox: outbox, sinks: [sink], configuration: OutboxTest.fastDelivery, logger: OutboxTest.quiet)
            try await OutboxTest.running(service) {
                for envelope in envelopes { try await outbox.record([envelope]) }
                try await OutboxTest.eventually("the file sink caught up") {
                    try await outbox.health().sinks.first?.backlog == 0
                }
            }
            #expect(try Self.lines(path) == envelopes.map { String(decoding: $0.json, as: UTF8.self) })
            try await outbox.close()
        }
    }

    @Test("an unwritable path is a retry, not a crash")
    func unwritablePathRetries() async throws {
        try await OutboxTest.withDirectory { directory in
            let path = directory.appendingPathComponent("audit.ndjson").path
            let sink = try NDJSONFileSink(configuration: .init(path: path))
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)  // a folder in the way
            let results = await sink.deliver([AuditPendingEvent(sequence: 1, id: "a", json: Array("{}".utf8), attempts: 0)])
            #expect(results.count == 1)
            #expect(results.first?.isRetry == true)
        }
    }
}
