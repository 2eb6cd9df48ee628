import Foundation
import Testing
import XCAClient
import XCAFixtureServer
import XCAFixtures
import XCAModel

/// What the client says when a call fails: no connection, TLS refused by either side, a hang, a SOAP Fault, an HTTP
/// status without SOAP, an unreadable answer — each against a real server misbehaving on purpose.
@Suite("XCAClient: failures", .timeLimit(.minutes(2)))
struct ClientFailureTests {
    let query = DocumentQuery(.findDocuments, patient: FixtureExpectations.everywhere)

    /// The error a query to `north-imaging` (served with `faults`) fails with, with `configure` applied.
    func failure(
        faults: FaultInjection = .none,
        timeout: Duration = .seconds(30),
        identity configure: @Sendable (ClientHarness) -> XCAClientConfiguration.Identity? = { _ in nil }
    ) async throws -> XCAClientError? {
        try await ClientHarness.with([.fixture("north-imaging", faults: faults)], gateway: false) { harness in
            let url = try #require(harness.communityURLs["north-imaging"])
            let configuration = harness.configuration(url, identity: configure(harness), timeout: timeout)
            return await #expect(throws: XCAClientError.self) {
                try await XCAClient.with(configuration) { client in try await client.query(query) }
            }
        }
    }

    @Test("Nothing listening: connect, naming the host and port")
    func connectionRefused() async throws {
        try await ClientHarness.with([], gateway: false) { harness in
            let configuration = harness.configuration("https://127.0.0.1:1")
            let error = await #expect(throws: XCAClientError.self) {
                try await XCAClient.with(configuration) { client in try await client.query(query) }
            }
            #expect(error?.code == .connect)
            #expect(error?.message.contains("127.0.0.1:1") == true)
        }
    }

    @Test("An expired client certificate: the gateway refused this client's certificate")
    func clientCertificateRefused() async throws {
        let error = try await failure { harness in
            .init(
                certificate: harness.pkiDirectory + "/bad/expired-client.pem",
                privateKey: harness.pkiDirectory + "/bad/expired-client-key.pem",
                trustAnchors: [harness.pkiDirectory + "/ca.pem"]
            )
        }
        #expect(error?.code == .tlsHandshake)
        #expect(error?.message.contains("refused this client's certificate") == true)
    }

    @Test("A gateway certificate from a CA the client does not trust: this client refused the gateway's certificate")
    func serverCertificateRefused() async throws {
        let error = try await failure { harness in
            .init(
                certificate: harness.pkiDirectory + "/client.pem",
                privateKey: harness.pkiDirectory + "/client-key.pem",
                trustAnchors: [harness.pkiDirectory + "/bad/other-ca.pem"]
            )
        }
        #expect(error?.code == .tlsHandshake)
        #expect(error?.message.contains("this client refused the gateway's certificate") == true)
    }

    @Test("A gateway that never answers: timeout after --timeout")
    func hang() async throws {
        let started = ContinuousClock.now
        // 3 s: room for the connection and handshake on a loaded machine (within 500 ms they once were not done, and
        // the failure was reported as connect); the fixture never answers, so the outcome must be a timeout.
        let error = try await failure(faults: FaultInjection(fault: .hang), timeout: .seconds(3))
        #expect(error?.code == .timeout)
        // The fixture never answers: any bound proves the timeout (wide: the whole suite on 2 cores delays timers).
        #expect(started.duration(to: .now) < .seconds(60))
    }

    @Test("A SOAP Fault: its code and reason")
    func soapFault() async throws {
        let error = try await failure(faults: FaultInjection(fault: .soapFault))
        #expect(error?.code == .soapFault)
        #expect(error?.message.contains("Receiver") == true)
    }

    @Test("HTTP 500 with a plain-text body: the status")
    func httpStatus() async throws {
        let error = try await failure(faults: FaultInjection(fault: .http500))
        #expect(error?.code == .httpStatus)
        #expect(error?.message.contains("500") == true)
    }

    @Test("Garbage instead of SOAP: an unreadable answer")
    func garbage() async throws {
        let error = try await failure(faults: FaultInjection(fault: .garbage))
        #expect(error?.code == .malformedAnswer)
    }

    @Test("Missing identity files: tlsConfiguration naming the file, before any call")
    func missingIdentity() async throws {
        try await ClientHarness.with([], gateway: false) { harness in
            var identity = harness.identity
            identity.certificate = harness.pkiDirectory + "/nope.pem"
            let configuration = harness.configuration("https://127.0.0.1:1", identity: identity)
            let error = #expect(throws: XCAClientError.self) { try XCAClient(configuration) }
            #expect(error?.code == .tlsConfiguration)
            #expect(error?.message.contains("nope.pem") == true)
        }
    }
}
