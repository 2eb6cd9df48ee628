import Dispatch
import Foundation
import HTTPTypes
import NIOCore
import Testing
import XCAAuditOutbox
import XCABinding
import XCAFixtures
import XCAModel
import XCASOAP
import XCATransport

/// `xca-gateway serve --log-level trace --log-format json` as a real child process, driven through every kind of
/// request a caller can make: whatever it writes, on stdout or stderr, never names a fixture patient, and every
/// stderr line is one JSON object.
@Suite("xca-gateway serve: logs carry no patient data (child process)", .timeLimit(.minutes(3)))
struct ServeLogPrivacyTests {
    /// A well-formed NHS number the federation does not know, whose Modulus 11 check digit is wrong.
    static let invalidNHSNumber = "9990000019"

    @Test("trace-level JSON logs of queries for every fixture patient, retrieves, an invalid NHS number and a malformed envelope hold no NHS number or name")
    func noPatientDataInLogs() async throws {
        let binary = ServeCommandTests.executable
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build first (swift build) or set XCA_GATEWAY_BINARY")
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("xca-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }

        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "serve", "--listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0", "--state", state.path, "--log-level", "trace", "--log-format", "json",
        ]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // Drained from the start: at trace level a full pipe would block the gateway.
        let errorOutput = Task { await Self.readToEnd(stderr.fileHandleForReading) }

        let banner = await ServeCommandTests.read(stdout.fileHandleForReading, until: "--data-binary")
        let listening = try #require(banner.split(separator: "\n").first { $0.hasPrefix("gateway listening on ") })
        let url = String(try #require(listening.split(separator: " ").first { $0.hasPrefix("https://127.0.0.1:") }))

        let federation = FixtureFederation.builtIn()
        let pki = state.appendingPathComponent("pki")
        let client = CommunityHTTPClient()
        let tls = try CommunityTLS(
            certificateChain: .file(pki.appendingPathComponent("client.pem").path),
            privateKey: .file(pki.appendingPathComponent("client-key.pem").path),
            trustAnchors: [.file(pki.appendingPathComponent("ca.pem").path)]
        )
        func call(_ path: String, action: String, body: [UInt8]) async throws -> (HTTPResponse.Status, [UInt8]) {
            var headers = HTTPFields()
            headers[.contentType] = "application/soap+xml; charset=UTF-8; action=\"\(action)\""
            let answer = try await client.execute(
                CommunityHTTPRequest(url: url + path, headerFields: headers, body: ByteBuffer(bytes: body)),
                tls: tls,
                deadline: .now + .seconds(30)
            )
            return (answer.status, Array(buffer: try await answer.body.collect(upTo: 64 << 20)))
        }

        do {
            // ITI-38 FindDocuments for every fixture patient.
            #expect(federation.patients.count >= 10)
            for patient in federation.patients {
                let envelope = try Self.findDocuments(patientID: patient.patientID.rawValue)
                let (status, body) = try await call("/xca", action: Transaction.iti38.requestAction, body: envelope)
                #expect(status == .ok)
                let response = try CrossGatewayQueryResponse.decode(body).response
                #expect(response.status == .success || response.status == .partialSuccess)
                #expect(!response.registryObjects.isEmpty, "every fixture patient has documents somewhere")
            }
            // ITI-39 and RAD-75: the examples serve wrote (documents and instances of fixture patients).
            let examples = state.appendingPathComponent("examples")
            let (iti39, documents) = try await call(
                "/xca",
                action: Transaction.iti39.requestAction,
                body: Array(try Data(contentsOf: examples.appendingPathComponent("retrieve-documents.xml")))
            )
            #expect(iti39 == .ok && documents.count > 1000)
            let (rad75, instances) = try await call(
                "/xcai",
                action: Transaction.rad75.requestAction,
                body: Array(try Data(contentsOf: examples.appendingPathComponent("retrieve-imaging.xml")))
            )
            #expect(rad75 == .ok && instances.count > 1000)
            // An NHS number that fails its check digit: refused with a RegistryError, not sent anywhere.
            let invalid = try Self.findDocuments(patientID: "\(Self.invalidNHSNumber)^^^&\(PatientID.nhsNumberAuthority.rawValue)&ISO")
            let (invalidStatus, invalidBody) = try await call("/xca", action: Transaction.iti38.requestAction, body: invalid)
            #expect(invalidStatus == .ok)
            #expect(try CrossGatewayQueryResponse.decode(invalidBody).response.status == .failure)
            // A malformed envelope that names a fixture patient before it breaks off: a Sender fault.
            let first = try #require(federation.patients.first)
            let cut = Array(try Self.findDocuments(patientID: first.patientID.rawValue).dropLast(40))
            let (malformedStatus, fault) = try await call("/xca", action: Transaction.iti38.requestAction, body: cut)
            #expect(malformedStatus == .badRequest)
            #expect(String(decoding: fault, as: UTF8.self).contains("Sender"))
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()

        process.terminate()
        await ServeCommandTests.waitForExit(process)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        let output = banner + String(decoding: await Self.readToEnd(stdout.fileHandleForReading), as: UTF8.self)
        let logs = String(decoding: await errorOutput.value, as: UTF8.self)

        // Every stderr line is one JSON object, and the requests were logged (at trace level, with their ids).
        let lines = logs.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(logs.hasSuffix("\n"))
        // The request id of each answered request is the transaction id of its AuditEvents in the outbox.
        var transactions = Set<String>()
        try AuditStore(path: state.appendingPathComponent("audit/outbox.sqlite").path).export(.init()) { json in
            let event = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any]
            for entity in event?["entity"] as? [[String: Any]] ?? []
            where (entity["type"] as? [String: Any])?["code"] as? String == "XrequestId" {
                if let value = ((entity["what"] as? [String: Any])?["identifier"] as? [String: Any])?["value"] as? String {
                    transactions.insert(value)
                }
            }
        }
        var answered = 0
        for line in lines {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
            #expect(object != nil, "not a JSON object of strings: \(line)")
            if let object, object["msg"] == "answered" {
                answered += 1
                let id = object["xca.request.id"] ?? ""
                #expect(transactions.contains(id), "request id \(id) is no AuditEvent's transaction id")
            }
        }
        #expect(answered == federation.patients.count + 3, "each decoded request is logged as answered")
        #expect(lines.contains { $0.contains("\"level\":\"trace\"") })

        // No fixture NHS number, spaced or not, nor the invalid one, nor a fixture patient's name.
        var forbidden = Set(federation.patients.map(\.nhsNumber.rawValue))
        forbidden.insert(Self.invalidNHSNumber)
        for (stream, text) in [("stdout", output), ("stderr", logs)] {
            let spaced = forbidden.map { "\($0.prefix(3)) \($0.dropFirst(3).prefix(3)) \($0.suffix(4))" }
            let named = forbidden.filter { text.contains($0) } + spaced.filter { text.contains($0) }
            #expect(named.isEmpty, "\(stream) names NHS numbers \(named)")
            let inRuns = Self.tenDigitWindows(in: text).intersection(forbidden)
            #expect(inRuns.isEmpty, "\(stream) holds NHS numbers \(inRuns) inside runs of digits")
            let names = federation.patients.map(\.displayName).filter { text.contains($0) }
            #expect(names.isEmpty, "\(stream) names fixture patients \(names)")
        }
    }

    /// Every 10-digit window of every run of digits, with spaces, hyphens and dots between digits ignored.
    static func tenDigitWindows(in text: String) -> Set<String> {
        var windows = Set<String>()
        var run: [UInt8] = []
        func flush() {
            if run.count >= 10 {
                for start in 0...(run.count - 10) { windows.insert(String(decoding: run[start..<start + 10], as: UTF8.self)) }
            }
            run.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                run.append(byte)
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") {
                continue
            } else {
                flush()
            }
        }
        flush()
        return windows
    }

    static func findDocuments(patientID: String) throws -> [UInt8] {
        try CrossGatewayQueryRequest(
            .findDocuments,
            parameters: [
                QueryParameter(name: "$XDSDocumentEntryPatientId", values: ["'\(patientID)'"]),
                QueryParameter(
                    name: "$XDSDocumentEntryStatus",
                    values: ["('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"]
                ),
            ]
        ).encode(addressing: .request(action: Transaction.iti38.requestAction))
    }

    /// Reads on a dispatch thread until EOF.
    static func readToEnd(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: handle.readDataToEndOfFile()) }
        }
    }
}
