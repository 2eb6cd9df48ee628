import Foundation
import Logging
import Testing
import XCAAudit
import XCAFixtureServer
import XCAFixtures
import XCATransport

@testable import XCAAuditOutbox

/// Temporary folders, hand-written AuditEvents, the development PKI and an in-process fixture PARS for the outbox
/// tests. Real SQLite files, real TLS on 127.0.0.1 port 0.
enum OutboxTest {
    static let quiet = Logger(label: "xca.audit.test", factory: { _ in SwiftLogNoOpLogHandler() })

    static let pki: DevelopmentPKI.Material = {
        do {
            return try DevelopmentPKI.mint()
        } catch {
            fatalError("cannot mint a development PKI: \(error)")
        }
    }()

    /// The gateway's client identity towards PARS.
    static func clientTLS() throws -> CommunityTLS {
        try CommunityTLS(
            certificateChain: .pem(pki.gatewayClient.certificatePEM),
            privateKey: .pem(pki.gatewayClient.privateKeyPEM),
            trustAnchors: [.pem(pki.ca.certificatePEM)]
        )
    }

    /// A fresh folder, removed after `body`.
    static func withDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xca-outbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try await body(url)
    }

    static func outboxPath(_ directory: URL) -> String {
        AuditOutbox.defaultURL(stateDirectory: directory).path
    }

    /// A small FHIR R4 AuditEvent (the shape of audit.md §8.4) and its envelope. `padding` adds that many bytes of
    /// base64 to the query entity (to make ~2 KB events).
    static func envelope(
        id: String = UUID().uuidString.lowercased(),
        recorded: Date = Date(),
        transaction: String = "ITI-38",
        role: AuditRole = .responder,
        outcome: Int = 0,
        patient: String? = "9000000009",
        user: String? = "555021935107",
        userName: String = "Dr Jane Example",
        organisation: String? = "RX1",
        requestID: String = UUID().uuidString.lowercased(),
        destination: AuditDestination? = nil,
        padding: Int = 0
    ) -> AuditEnvelope {
        let time = Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(recorded)
        var agents: [String] = []
        if let user {
            agents.append(
                #"{"who":{"type":"Practitioner","identifier":{"system":"https://fhir.nhs.uk/Id/sds-user-id","value":""#
                    + user + #""},"display":""# + userName
                    + #""},"requestor":true,"role":[{"coding":[{"code":"R8000","display":"Clinical Practitioner Access Role"}]}]}"#
            )
        }
        if let organisation {
            agents.append(
                #"{"who":{"type":"Organization","identifier":{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":""#
                    + organisation + #""},"display":"Example Requesting Trust"},"requestor":false}"#
            )
        }
        agents.append(
            #"{"type":{"coding":[{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"110153"}]},"#
                + #""who":{"type":"Endpoint","display":"RX1 PACS"},"network":{"address":"10.20.30.40","type":"2"},"requestor":false}"#
        )
        var entities: [String] = [
            #"{"what":{"identifier":{"system":"https://fhir.nhs.uk/Id/transaction","value":""# + requestID + #""}}}"#
        ]
        if let patient {
            entities.append(#"{"what":{"identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":""# + patient + #""}}}"#)
        }
        if padding > 0 {
            entities.append(#"{"query":""# + String(repeating: "A", count: padding) + #""}"#)
        }
        let json =
            #"{"resourceType":"AuditEvent","id":""# + id + #"","action":"E","recorded":""# + time
            + #"","outcome":""# + String(outcome) + #"","subtype":[{"system":"urn:ihe:event-type-code","code":""#
            + transaction + #""}],"agent":["# + agents.joined(separator: ",") + #"],"entity":["#
            + entities.joined(separator: ",") + "]}"
        return AuditEnvelope(
            id: id,
            recorded: recorded,
            transaction: transaction,
            role: role,
            outcome: outcome,
            patient: patient,
            user: user,
            organisation: organisation,
            requestID: requestID,
            destination: destination ?? (role == .responder ? .remote : .local),
            json: Array(json.utf8)
        )
    }

    /// Waits until `condition` holds, checking it every few milliseconds, or fails the test after `timeout`.
    static func eventually(
        _ what: String,
        timeout: Duration = .seconds(30),
        _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                throw WaitTimedOut(what: what)
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    struct WaitTimedOut: Error, CustomStringConvertible {
        let what: String
        var description: String { "timed out waiting for \(what)" }
    }

    /// Runs a fixture PARS on 127.0.0.1 port 0 (FHIR base `/fhir`) for `body`, which gets it and its base URL.
    static func withPARS<T: Sendable>(
        faults: PARSFaultScript = .none,
        output: String? = nil,
        _ body: (PARSFixture, String) async throws -> T
    ) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let fixture = try PARSFixture(
            transport: PARSFixture.transport(pki: pki),
            faults: faults,
            basePath: "/fhir",
            output: output,
            logger: quiet
        ) { port in continuation.yield(port) }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await fixture.run() }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw AuditOutboxError(.sink, "the fixture PARS did not listen") }
            return try await body(fixture, "https://localhost:\(port)/fhir")
        }
    }

    /// Runs `service` while `body` runs, then stops it gracefully and waits for it to return.
    static func running<T: Sendable>(_ service: AuditDeliveryService, _ body: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await service.run() }
            do {
                let result = try await body()
                service.stop()
                try await group.waitForAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// Fast retries for tests.
    static let fastDelivery = AuditDeliveryService.Configuration(
        batchSize: 16,
        backoff: DeliveryBackoff(base: .milliseconds(5), cap: .milliseconds(50)),
        idlePoll: .seconds(1),
        gather: .milliseconds(10)
    )
}
