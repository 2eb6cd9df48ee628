import Dispatch
import Foundation
import Testing
import XCAAudit
import XCAFixtures
import XCATransport

@testable import XCAAuditOutbox

/// `xca-gateway audit …` and `xca-gateway pars-fixture` as real child processes against real files.
@Suite("xca-gateway audit and pars-fixture (child processes)")
struct AuditCommandTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["XCA_GATEWAY_BINARY"] { return URL(fileURLWithPath: path) }
        return repositoryRoot.appendingPathComponent(".build/debug/xca-gateway")
    }

    /// Runs the CLI to completion; stdout, stderr and the exit status.
    static func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        try #require(
            FileManager.default.isExecutableFile(atPath: executable.path),
            "build the executable first (swift build), or set XCA_GATEWAY_BINARY"
        )
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let out = stdout.fileHandleForReading.readDataToEndOfFile()
                let err = stderr.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(
                    returning: (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
                )
            }
        }
    }

    static let start = Date(timeIntervalSince1970: 1_741_083_330.123)  // 2025-03-04T10:15:30.123Z

    @Test("status, export and both access reports read a store written by the outbox; bad NHS numbers exit 64")
    func auditCommands() async throws {
        try await OutboxTest.withDirectory { state in
            let outbox = try AuditOutbox(
                path: OutboxTest.outboxPath(state),
                configuration: .init(sinks: [.pars()]),
                logger: OutboxTest.quiet
            )
            let envelopes = [
                OutboxTest.envelope(recorded: Self.start, patient: "9000000009", user: "111111111111", userName: "Dr A"),
                OutboxTest.envelope(recorded: Self.start.addingTimeInterval(3_600), transaction: "RAD-75", patient: "9449305552", user: "111111111111"),
                OutboxTest.envelope(recorded: Self.start.addingTimeInterval(7_200), outcome: 8, patient: "9000000009", user: "222222222222", userName: "Dr B"),
            ]
            try await outbox.record(envelopes)
            try await outbox.close()
            let stateOption = ["--state", state.path]

            let status = try await Self.run(["audit", "status", "--json"] + stateOption)
            #expect(status.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
            #expect(object["events"] as? Int == 3)
            let sinks = try #require(object["sinks"] as? [[String: Any]])
            #expect(sinks.first?["name"] as? String == "pars")
            #expect(sinks.first?["backlog"] as? Int == 3)
            #expect(sinks.first?["oldestPending"] as? String == "2025-03-04T10:15:30.123Z")
            let statusText = try await Self.run(["audit", "status"] + stateOption)
            #expect(statusText.stdout.contains("BACKLOG"))

            let export = try await Self.run(["audit", "export", "--patient", "900 000 0009"] + stateOption)
            #expect(export.status == 0)
            #expect(export.stdout == [envelopes[0], envelopes[2]].map { String(decoding: $0.json, as: UTF8.self) + "\n" }.joined())
            let since = try await Self.run(["audit", "export", "--since", "2025-03-04T11:00:00Z"] + stateOption)
            #expect(since.stdout.split(separator: "\n").count == 2)

            let patient = try await Self.run(
                ["audit", "report", "patient", "9000000009", "--from", "2025-03-04", "--to", "2025-03-04", "--json"] + stateOption
            )
            #expect(patient.status == 0)
            let rows = try patient.stdout.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            #expect(rows.map { $0["eventID"] as? String } == [envelopes[0].id, envelopes[2].id])
            #expect(rows.map { $0["userName"] as? String } == ["Dr A", "Dr B"])
            #expect(rows.first?["recorded"] as? String == "2025-03-04T10:15:30.123Z")

            let user = try await Self.run(["audit", "report", "user", "111111111111", "--from", "2025-03-01", "--to", "2025-03-31"] + stateOption)
            #expect(user.status == 0)
            #expect(user.stdout.contains("RAD-75"))
            #expect(user.stdout.contains("9449305552"))
            #expect(user.stdout.contains("2 accesses"))

            let outside = try await Self.run(["audit", "report", "user", "111111111111", "--from", "2025-03-05", "--to", "2025-03-06"] + stateOption)
            #expect(outside.stdout.contains("0 accesses"))

            let invalid = try await Self.run(["audit", "report", "patient", "9999999991"] + stateOption)
            #expect(invalid.status == 64)
            #expect(invalid.stderr.contains("Modulus 11"))
            #expect(!invalid.stderr.contains("9999999991"))
            #expect(try await Self.run(["audit", "export", "--patient", "12345"] + stateOption).status == 64)
            #expect(try await Self.run(["audit", "report", "user", "x", "--from", "2025-03-05", "--to", "2025-03-01"] + stateOption).status == 64)

            let missing = try await Self.run(["audit", "status", "--state", state.appendingPathComponent("none").path])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("no audit store"))
        }
    }

    @Test("pars-fixture: listens with the minted PKI, stores deliveries as NDJSON, answers 503 first, exits 0 on SIGTERM")
    func parsFixture() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the executable first")
        try await OutboxTest.withDirectory { work in
            let pki = work.appendingPathComponent("pki")
            let out = work.appendingPathComponent("received.ndjson")
            let process = Process()
            process.executableURL = Self.executable
            process.arguments = [
                "pars-fixture", "--listen", "127.0.0.1:0", "--pki", pki.path, "--out", out.path, "--base-path", "/fhir",
                "--fail-503-for", "2",
            ]
            let stdout = Pipe()
            process.standardOutput = stdout
            process.standardError = FileHandle.nullDevice
            try process.run()
            defer { if process.isRunning { process.terminate() } }
            let line = await Self.firstLine(of: stdout.fileHandleForReading)
            let url = try #require(line.split(separator: " ").last.map(String.init))
            #expect(url.hasPrefix("https://127.0.0.1:") && url.hasSuffix("/fhir"))

            let tls = try CommunityTLSFiles.gatewayClient(pki)
            let sink = try PARSSink(configuration: .init(baseURL: url, mode: .batch, tls: tls))
            let events = (0..<3).map { _ in OutboxTest.envelope() }.enumerated().map { index, envelope in
                AuditPendingEvent(sequence: Int64(index), id: envelope.id, json: envelope.json, attempts: 0)
            }
            #expect(await sink.deliver(events).allSatisfy(\.isRetry))  // 503
            #expect(await sink.deliver(events).allSatisfy(\.isRetry))  // 503
            #expect(await sink.deliver(events) == [.delivered, .delivered, .delivered])
            await sink.shutdown()
            let stored = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
            let ids = try stored.map { line in
                try #require((try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String)
            }
            #expect(ids == events.map(\.id))

            process.terminate()
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    process.waitUntilExit()
                    continuation.resume()
                }
            }
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 0)
        }
    }

    /// Blocks a dispatch thread (not the test's) until a whole line has been read.
    static func firstLine(of handle: FileHandle) async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var bytes: [UInt8] = []
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    bytes += data
                    if bytes.contains(UInt8(ascii: "\n")) { break }
                }
                let line = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).first ?? []
                continuation.resume(returning: String(decoding: line, as: UTF8.self))
            }
        }
    }
}

/// The gateway's client identity from a minted PKI directory, as files.
enum CommunityTLSFiles {
    static func gatewayClient(_ pki: URL) throws -> XCATransport.CommunityTLS {
        try XCATransport.CommunityTLS(
            certificateChain: .file(pki.appendingPathComponent("gateway-client.pem").path),
            privateKey: .file(pki.appendingPathComponent("gateway-client-key.pem").path),
            trustAnchors: [.file(pki.appendingPathComponent("ca.pem").path)]
        )
    }
}
