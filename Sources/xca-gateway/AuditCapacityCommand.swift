import ArgumentParser
import Foundation
import XCAAudit
import XCAAuditOutbox

/// `xca-gateway audit capacity` (hidden): the audit outbox's capacity, for benchmark S5 (BENCHMARKS.md, "outbox
/// rows/s ≥ the plain SQLite probe's"): concurrent writers record synthetic events into a fresh outbox in a scratch
/// folder for a few seconds, through the same writer, group commit and storage as the gateway's, and it prints
/// rows per second. `--shape event`: single 2 KB events (the probe's rows); `--shape request`: ITI-38-shaped requests,
/// a responder event and three legs of about 4 KB that share about 2 KB (the query), as the gateway records them.
struct AuditCapacityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity",
        abstract: "Measure the audit outbox's capacity (benchmark S5) in a scratch folder.",
        shouldDisplay: false
    )

    enum Shape: String, ExpressibleByArgument, CaseIterable {
        case event, request
    }

    @Option(help: "A scratch folder for the outbox (created; any outbox.sqlite in it is replaced).")
    var dir: String

    @Option(help: "Concurrent writers.")
    var writers = 64

    @Option(help: "How long to write, in seconds.")
    var seconds = 5.0

    @Option(help: "event: single 2 KB events; request: ITI-38-shaped requests of four events.")
    var shape = Shape.event

    func run() async throws {
        let path = URL(fileURLWithPath: dir).appendingPathComponent("outbox.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let outbox = try AuditOutbox(path: path, configuration: .init(sinks: [.pars()]))
        let shape = self.shape
        let deadline = ContinuousClock.now + .seconds(seconds)
        let started = ContinuousClock.now
        let rows = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<max(1, writers) {
                group.addTask {
                    var written = 0
                    while ContinuousClock.now < deadline {
                        let events = Self.events(shape)
                        try await outbox.record(events)
                        written += events.count
                    }
                    return written
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let commits = outbox.commitStatistics.transactions
        try await outbox.close()
        print(
            "rows_per_second=\(Int(Double(rows) / seconds)) rows=\(rows) commits=\(commits) "
                + "rows_per_commit=\(rows / max(1, commits)) shape=\(shape.rawValue) writers=\(writers)"
        )
    }

    /// One request's events: a 2 KB event, or four ITI-38-shaped ones sharing their query. Built from bytes made
    /// once, so that the writers measure the outbox rather than string building.
    static func events(_ shape: Shape) -> [AuditEnvelope] {
        var random = SystemRandomNumberGenerator()
        let requestID = Self.identifier(&random)
        let recorded = Date()
        let parts = shape == .event ? Parts.event : Parts.request
        let shared = parts.sharedHead + Array(requestID.utf8) + parts.sharedTail
        return (0..<parts.count).map { index in
            let id = Self.identifier(&random)
            let head = parts.head + Array(id.utf8) + parts.agents
            let json = head + shared + Array(#","detail":[{"valueString":"urn:oid:1.2.\#(index)"}]}]}"#.utf8)
            return AuditEnvelope(
                id: id,
                recorded: recorded,
                transaction: "ITI-38",
                role: index == 0 ? .responder : .initiator,
                outcome: 0,
                patient: "9990000085",
                user: nil,
                organisation: "XCA",
                requestID: requestID,
                destination: index == 0 ? .remote : .local,
                json: json,
                shared: head.count..<(head.count + shared.count)
            )
        }
    }

    /// A random UUID-shaped id (Foundation's `UUID()` would be most of what a writer does here).
    static func identifier(_ random: inout SystemRandomNumberGenerator) -> String {
        let high = String(random.next() as UInt64, radix: 16)
        let low = String(random.next() as UInt64, radix: 16)
        return String(repeating: "0", count: 16 - high.count) + high + "-" + String(repeating: "0", count: 16 - low.count) + low
    }

    /// The constant bytes of the synthetic events.
    struct Parts: Sendable {
        var count: Int
        var head: [UInt8]
        var agents: [UInt8]
        var sharedHead: [UInt8]
        var sharedTail: [UInt8]

        init(count: Int, agent: Int, query: Int) {
            self.count = count
            head = Array(#"{"resourceType":"AuditEvent","id":""#.utf8)
            agents = Array(#"","outcome":"0","agent":[{"who":{"display":""#.utf8)
                + [UInt8](repeating: UInt8(ascii: "a"), count: agent) + Array(#""}}]"#.utf8)
            sharedHead = Array(
                (#","source":{"site":"https://gateway.example.nhs.uk","observer":{"type":"Device"}},"entity":[{"what":{"#
                    + #""identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9990000085"}}},{"what":{"#
                    + #""identifier":{"system":"https://fhir.nhs.uk/Id/transaction","value":""#).utf8
            )
            sharedTail = Array(#""}}},{"query":""#.utf8) + [UInt8](repeating: UInt8(ascii: "Q"), count: query)
                + Array(#"""#.utf8)
        }

        static let event = Parts(count: 1, agent: 100, query: 1_700)
        static let request = Parts(count: 4, agent: 1_700, query: 1_600)
    }
}
