import Dispatch
import Foundation
import HTTPTypes
import NIOCore
import Testing
import XCABinding
import XCAFixtures
import XCAModel
import XCATransport

/// `xca-gateway serve` with no configuration, as a real child process: the embedded federation mints its PKI in
/// STATE/pki, writes example requests, prints how to call it, answers the printed example over mutual TLS with a
/// merged result from every fixture community, serves its metrics and readiness on the admin listener it prints, and
/// exits 0 on SIGTERM.
@Suite("xca-gateway serve: the embedded default (child process)", .timeLimit(.minutes(2)))
struct ServeCommandTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["XCA_GATEWAY_BINARY"] { return URL(fileURLWithPath: path) }
        return repositoryRoot.appendingPathComponent(".build/debug/xca-gateway")
    }

    @Test("serve answers the printed FindDocuments example with Success from all three communities, is ready and counts it on its admin listener, then stops on SIGTERM")
    func embeddedDefault() async throws {
        let binary = Self.executable
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build first (swift build) or set XCA_GATEWAY_BINARY")
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("xca-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }

        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "serve", "--listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0", "--state", state.path, "--log-level", "warning",
        ]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let banner = await Self.read(stdout.fileHandleForReading, until: "--data-binary")
        let listening = try #require(banner.split(separator: "\n").first { $0.hasPrefix("gateway listening on ") })
        let url = try #require(listening.split(separator: " ").first { $0.hasPrefix("https://127.0.0.1:") })
        #expect(banner.contains("north-imaging") && banner.contains("midlands-imaging") && banner.contains("south-west-imaging"))
        #expect(banner.contains("curl"))
        let adminLine = try #require(banner.split(separator: "\n").first { $0.hasPrefix("admin listening on ") })
        let adminURL = String(try #require(adminLine.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }))
        let ready = try await AdminClient.ready(adminURL)
        #expect(ready.status == 200)
        #expect(ready.ready == true)
        #expect(ready.checks["audit"]?["detail"] as? String == "the audit outbox is writable")

        let pki = state.appendingPathComponent("pki")
        let example = state.appendingPathComponent("examples/find-documents.xml")
        #expect(FileManager.default.fileExists(atPath: example.path))
        let client = CommunityHTTPClient()
        let tls = try CommunityTLS(
            certificateChain: .file(pki.appendingPathComponent("client.pem").path),
            privateKey: .file(pki.appendingPathComponent("client-key.pem").path),
            trustAnchors: [.file(pki.appendingPathComponent("ca.pem").path)]
        )
        var headers = HTTPFields()
        headers[.contentType] = "application/soap+xml; charset=UTF-8; action=\"\(Transaction.iti38.requestAction)\""
        let answer = try await client.execute(
            CommunityHTTPRequest(url: url + "/xca", headerFields: headers, body: ByteBuffer(bytes: try Data(contentsOf: example))),
            tls: tls,
            deadline: .now + .seconds(30)
        )
        let bytes = Array(buffer: try await answer.body.collect(upTo: 16 << 20))
        try await client.shutdown()
        let response = try CrossGatewayQueryResponse.decode(bytes).response
        #expect(response.status == .success)
        let homes = Set(response.registryObjects.compactMap(\.home))
        #expect(homes == Set(FixtureFederation.builtIn().communities.map(\.homeCommunityID)))
        let (metrics, _) = try await AdminClient.scrape(adminURL)
        #expect(metrics.value("xca_requests_total", ["transaction": "ITI-38", "outcome": "success"]) == 1)
        #expect(metrics.value("xca_upstream_requests_total", ["community": "north-imaging", "transaction": "ITI-38", "outcome": "success"]) == 1)
        #expect(metrics.value("xca_audit_outbox_writable") == 1)
        #expect(metrics.value("xca_audit_backlog_events", ["sink": "pars"]) != nil)

        process.terminate()
        await Self.waitForExit(process)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    /// Reads on a dispatch thread until `marker` has appeared and the line holding it is complete (or EOF).
    static func read(_ handle: FileHandle, until marker: String) async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var bytes: [UInt8] = []
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    bytes += data
                    let text = String(decoding: bytes, as: UTF8.self)
                    if let range = text.range(of: marker), text[range.upperBound...].contains("\n") { break }
                }
                continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    static func waitForExit(_ process: Process) async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume()
            }
        }
    }
}
