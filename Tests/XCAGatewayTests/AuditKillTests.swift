import Foundation
import HTTPTypes
import NIOCore
import Synchronization
import Testing
import XCABinding
import XCAModel
import XCATransport

/// Audit durability across a crash, with real processes: `serve` (the embedded federation with its fixture PARS) is
/// killed with SIGKILL while clients are querying it, then started again on the same state directory. Every request
/// that got an answer before the kill must have its responder-role event delivered to the fixture PARS — exactly once
/// once duplicates (resends are allowed: at least once) are removed by AuditEvent id.
@Suite("Audit: kill -9 under load loses no answered request's event (child process)", .timeLimit(.minutes(3)))
struct AuditKillTests {
    struct Caller: Sendable {
        let client: CommunityHTTPClient
        let tls: CommunityTLS
        let url: String
        let envelope: String

        /// One FindDocuments with a fresh MessageID; the MessageID's UUID when a complete Success answer came back.
        func query() async -> String? {
            let messageID = "urn:uuid:\(UUID().uuidString.lowercased())"
            let body = envelope.replacingOccurrences(of: Self.placeholder, with: messageID)
            var headers = HTTPFields()
            headers[.contentType] = "application/soap+xml; charset=UTF-8; action=\"\(Transaction.iti38.requestAction)\""
            do {
                let answer = try await client.execute(
                    CommunityHTTPRequest(url: url + "/xca", headerFields: headers, body: ByteBuffer(string: body)),
                    tls: tls,
                    deadline: .now + .seconds(20)
                )
                let bytes = Array(buffer: try await answer.body.collect(upTo: 16 << 20))
                let (header, response) = try CrossGatewayQueryResponse.decode(bytes)
                guard answer.status == .ok, response.status == .success,
                    header?.addressing.relatesTo.contains(messageID) == true
                else { return nil }
                return String(messageID.dropFirst("urn:uuid:".count))
            } catch {
                return nil  // cut off by the kill: no answer, no promise
            }
        }

        static let placeholder = "urn:uuid:00000000-0000-4000-8000-000000000000"
    }

    @Test("SIGKILL under load, restart: every answered request's event reaches PARS, once after dedupe by id")
    func killUnderLoad() async throws {
        let binary = ServeCommandTests.executable
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build first (swift build) or set XCA_GATEWAY_BINARY")
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("xca-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }

        let (first, firstURL) = try await Self.start(binary, state: state)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        let pki = state.appendingPathComponent("pki")
        let tls = try CommunityTLS(
            certificateChain: .file(pki.appendingPathComponent("client.pem").path),
            privateKey: .file(pki.appendingPathComponent("client-key.pem").path),
            trustAnchors: [.file(pki.appendingPathComponent("ca.pem").path)]
        )
        // The printed example with a MessageID the test controls.
        var example = try String(contentsOf: state.appendingPathComponent("examples/find-documents.xml"), encoding: .utf8)
        let messageID = try #require(example.range(of: #"urn:uuid:[0-9a-fA-F-]{36}"#, options: .regularExpression))
        example.replaceSubrange(messageID, with: Caller.placeholder)
        let client = CommunityHTTPClient()
        let caller = Caller(client: client, tls: tls, url: firstURL, envelope: example)

        // 8 callers in a loop; the kill comes once 120 answers are in, while requests are still in flight.
        let answered = AnsweredLog()
        let killAt = 120
        let (killed, signalKill) = AsyncStream.makeStream(of: Void.self)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in killed {
                    kill(first.processIdentifier, SIGKILL)
                    break
                }
            }
            await withTaskGroup(of: Void.self) { callers in
                for _ in 0..<8 {
                    callers.addTask {
                        var failures = 0
                        while failures < 3 {
                            if let id = await caller.query() {
                                let count = answered.append(id)
                                if count == killAt { signalKill.yield() }
                            } else {
                                failures += 1  // after the kill every call fails
                            }
                        }
                    }
                }
            }
            signalKill.finish()
        }
        await ServeCommandTests.waitForExit(first)
        #expect(first.terminationReason == .uncaughtSignal)
        let ids = answered.ids
        try #require(ids.count >= killAt)

        // Restart on the same state: the outbox's pending events go to the (new) fixture PARS.
        let (second, _) = try await Self.start(binary, state: state)
        defer { if second.isRunning { second.terminate() } }
        let received = state.appendingPathComponent("pars/audit-events.ndjson")
        let deadline = ContinuousClock.now + .seconds(60)
        var delivered: [String: Set<String>] = [:]  // transaction id → responder event ids
        repeat {
            delivered = Self.responderEvents(in: received)
            if ids.allSatisfy({ delivered[$0] != nil }) { break }
            try await Task.sleep(for: .milliseconds(100))  // polling a file for a condition, bounded by the deadline
        } while ContinuousClock.now < deadline
        let missing = ids.filter { delivered[$0] == nil }
        print("kill -9: \(ids.count) answered, \(delivered.count) transactions at PARS, \(delivered.values.map(\.count).reduce(0, +)) distinct responder events")
        #expect(missing.isEmpty, "\(missing.count) of \(ids.count) answered requests have no event at PARS")
        #expect(ids.allSatisfy { (delivered[$0]?.count ?? 0) <= 1 }, "one responder event per Success, after dedupe by id")
        try await client.shutdown()
        second.terminate()
        await ServeCommandTests.waitForExit(second)
        #expect(second.terminationStatus == 0)
    }

    /// Starts `serve` on `state` and returns it with its URL once it prints its banner.
    static func start(_ binary: URL, state: URL) async throws -> (Process, String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--state", state.path, "--log-level", "error"]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let banner = await ServeCommandTests.read(stdout.fileHandleForReading, until: "--data-binary")
        let listening = try #require(banner.split(separator: "\n").first { $0.hasPrefix("gateway listening on ") })
        let url = try #require(listening.split(separator: " ").first { $0.hasPrefix("https://127.0.0.1:") })
        return (process, String(url))
    }

    /// The ITI-38 responder events the fixture PARS stored, by transaction id (their AuditEvent ids, deduplicated).
    static func responderEvents(in file: URL) -> [String: Set<String>] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [:] }
        var result: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") {
            guard let event = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let id = event["id"] as? String
            else { continue }
            for entity in event["entity"] as? [[String: Any]] ?? []
            where (entity["type"] as? [String: Any])?["code"] as? String == "XrequestId" {
                if let transaction = ((entity["what"] as? [String: Any])?["identifier"] as? [String: Any])?["value"] as? String {
                    result[transaction, default: []].insert(id)
                }
            }
        }
        return result
    }
}

/// The MessageIDs answered so far, from concurrent callers.
final class AnsweredLog: Sendable {
    private let storage = Mutex<[String]>([])

    /// Appends `id`; how many there are now.
    func append(_ id: String) -> Int { storage.withLock { $0.append(id); return $0.count } }
    var ids: [String] { storage.withLock { $0 } }
}
