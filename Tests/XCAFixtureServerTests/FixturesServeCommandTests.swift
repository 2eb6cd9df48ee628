import Dispatch
import Foundation
import Testing
import XCAFixtures
import XCATransport

/// `xca-gateway fixtures serve` as a real child process: it mints the PKI, listens, prints its URLs and writes the
/// ready file, answers over mutual TLS with the minted certificates, and exits 0 on SIGTERM.
@Suite("xca-gateway fixtures serve (child process)")
struct FixturesServeCommandTests {
    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["XCA_GATEWAY_BINARY"] { return URL(fileURLWithPath: path) }
        return FixtureHarness.repositoryRoot.appendingPathComponent(".build/debug/xca-gateway")
    }

    @Test("serves one community, answers over mTLS with the minted PKI, stops cleanly on SIGTERM")
    func serveOneCommunity() async throws {
        let binary = Self.executable
        try #require(
            FileManager.default.isExecutableFile(atPath: binary.path),
            "build the executable first (swift build), or set XCA_GATEWAY_BINARY"
        )
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("xca-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let pki = work.appendingPathComponent("pki")
        let readyFile = work.appendingPathComponent("ready.json")

        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "fixtures", "serve", "--community", "south-west-imaging", "--listen", "127.0.0.1:0",
            "--pki", pki.path, "--ready-file", readyFile.path,
        ]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The URL line is printed once the community listens (the ready file is written just before it).
        let line = await Self.firstLine(of: stdout.fileHandleForReading)
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        #expect(fields.first == "south-west-imaging")
        let xcaURL = try #require(fields.first { $0.hasPrefix("https://127.0.0.1:") && $0.hasSuffix("/xca") })
        let ready = try JSONDecoder().decode([String: [[String: String]]].self, from: Data(contentsOf: readyFile))
        #expect(ready["communities"]?.first?["url"].map { xcaURL.hasPrefix($0) } == true)
        #expect(ready["communities"]?.first?["homeCommunityId"]?.hasPrefix("urn:oid:") == true)
        for file in ["ca.pem", "client.pem", "client-key.pem", "communities/south-west-imaging.pem", "bad/expired-server.pem"] {
            #expect(FileManager.default.fileExists(atPath: pki.appendingPathComponent(file).path), "\(file)")
        }

        // A PACS identity from the minted PKI is accepted.
        let client = CommunityHTTPClient()
        let tls = try CommunityTLS(
            certificateChain: .file(pki.appendingPathComponent("client.pem").path),
            privateKey: .file(pki.appendingPathComponent("client-key.pem").path),
            trustAnchors: [.file(pki.appendingPathComponent("ca.pem").path)]
        )
        let base = String(xcaURL.dropLast("/xca".count)).replacingOccurrences(of: "127.0.0.1", with: "localhost")
        let answer = try await client.execute(
            CommunityHTTPRequest(method: .get, url: base + "/"),
            tls: tls,
            deadline: .now + .seconds(10)
        )
        #expect(answer.status == .ok)
        let text = String(buffer: try await answer.body.collect(upTo: 4_096))
        #expect(text.contains("south-west-imaging"))
        try await client.shutdown()

        process.terminate()  // SIGTERM: graceful shutdown
        await Self.waitForExit(process)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
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

    static func waitForExit(_ process: Process) async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume()
            }
        }
    }
}
