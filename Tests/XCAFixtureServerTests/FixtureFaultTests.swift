import Foundation
import HTTPTypes
import NIOCore
import Testing
import XCABinding
import XCAFixtureServer
import XCAFixtures
import XCAModel
import XCASOAP
import XCATransport

/// Each injected fault, seen from the calling side as an initiating gateway sees it.
@Suite("Fixture fault injection over mutual TLS")
struct FixtureFaultTests {
    static func query() throws -> [UInt8] {
        try FixtureHarness.findDocuments(FixtureServerTests.patientInAllCommunities).1
    }

    @Test("http500: 500 with a plain-text body")
    func http500() async throws {
        try await FixtureHarness.with(faults: FaultInjection(fault: .http500)) { fixture in
            let answer = try await fixture.post(try Self.query(), action: Transaction.iti38.requestAction, path: "/xca")
            #expect(answer.status == .internalServerError)
            #expect(answer.headerFields[.contentType]?.hasPrefix("text/plain") == true)
        }
    }

    @Test("soap-fault: 500 with a SOAP 1.2 Receiver fault the binding reads as the partner's fault")
    func soapFault() async throws {
        try await FixtureHarness.with(faults: FaultInjection(fault: .soapFault)) { fixture in
            let answer = try await fixture.post(try Self.query(), action: Transaction.iti38.requestAction, path: "/xca")
            #expect(answer.status == .internalServerError)
            let bytes = try await answer.bytes()
            try FixtureHarness.conformanceOutput(name: "fault-injected-receiver.xml", bytes: bytes)
            let fault = try #require(throws: SOAPFault.self) { try CrossGatewayQueryResponse.decode(bytes) }
            #expect(fault.code == .receiver)
        }
    }

    @Test("garbage: 200 whose body is not XML")
    func garbage() async throws {
        try await FixtureHarness.with(faults: FaultInjection(fault: .garbage)) { fixture in
            let answer = try await fixture.post(try Self.query(), action: Transaction.iti38.requestAction, path: "/xca")
            #expect(answer.status == .ok)
            let bytes = try await answer.bytes()
            #expect(throws: (any Error).self) { try CrossGatewayQueryResponse.decode(bytes) }
        }
    }

    @Test("reset: the head arrives, the body is cut off")
    func reset() async throws {
        try await FixtureHarness.with(faults: FaultInjection(fault: .reset)) { fixture in
            let answer = try await fixture.post(try Self.query(), action: Transaction.iti38.requestAction, path: "/xca")
            #expect(answer.status == .ok)
            let error = try await #require(throws: TransportError.self) { try await answer.bytes() }
            #expect(error.code == .bodyTruncated || error.code == .connectionFailed)
        }
    }

    @Test("hang: the caller's deadline ends the call")
    func hang() async throws {
        try await FixtureHarness.with(faults: FaultInjection(fault: .hang)) { fixture in
            let error = try await #require(throws: TransportError.self) {
                _ = try await fixture.post(
                    try Self.query(),
                    action: Transaction.iti38.requestAction,
                    path: "/xca",
                    deadline: .milliseconds(300)
                )
            }
            #expect(error.code == .deadlineExceeded)
        }
    }

    @Test("slow-drip: the same answer, in many small pieces")
    func slowDrip() async throws {
        let plain = try await FixtureHarness.with { fixture in
            let answer = try await fixture.post(try Self.query(), action: Transaction.iti38.requestAction, path: "/xca")
            return try CrossGatewayQueryResponse.decode(try await answer.bytes()).response
        }
        try await FixtureHarness.with(faults: FaultInjection(fault: .slowDrip)) { fixture in
            let answer = try await fixture.post(try Self.query(), action: Transaction.iti38.requestAction, path: "/xca")
            var chunks = 0
            var bytes: [UInt8] = []
            for try await chunk in answer.body {
                chunks += 1
                bytes += chunk.readableBytesView
            }
            #expect(chunks >= bytes.count / 4_096)
            #expect(bytes.count > 4 * 256)
            let dripped = try CrossGatewayQueryResponse.decode(bytes).response
            #expect(dripped.registryObjects == plain.registryObjects)
            #expect(dripped.status == plain.status)
        }
    }

    @Test("delay: no answer before the delay has passed")
    func delay() async throws {
        try await FixtureHarness.with(faults: FaultInjection(delay: .milliseconds(250))) { fixture in
            let start = ContinuousClock.now
            let answer = try await fixture.post(try Self.query(), action: Transaction.iti38.requestAction, path: "/xca")
            _ = try await answer.bytes()
            #expect(ContinuousClock.now - start >= .milliseconds(250))
            #expect(answer.status == .ok)
        }
    }

    @Test("a fault on a fraction of requests: the others are answered normally")
    func fraction() async throws {
        try await FixtureHarness.with(faults: FaultInjection(fault: .http500, rate: 0.5, seed: 7)) { fixture in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<24 {
                let answer = try await fixture.post(try Self.query(), action: Transaction.iti38.requestAction, path: "/xca")
                _ = try await answer.bytes()
                statuses.append(answer.status)
            }
            // The planner is seeded: replay it to know exactly which requests were faulted.
            let replay = FaultInjection.Planner(FaultInjection(fault: .http500, rate: 0.5, seed: 7))
            let expected: [HTTPResponse.Status] = (0..<24).map { _ in replay.next().fault == nil ? .ok : .internalServerError }
            #expect(statuses == expected)
            #expect(statuses.contains(.ok) && statuses.contains(.internalServerError))
        }
    }

    @Test("expired-cert: the calling gateway refuses the handshake")
    func expiredCertificate() async throws {
        try await FixtureHarness.with(faults: FaultInjection(fault: .expiredCertificate)) { fixture in
            let error = try await #require(throws: TransportError.self) {
                _ = try await fixture.post(try Self.query(), action: Transaction.iti38.requestAction, path: "/xca")
            }
            #expect(error.code == .tlsHandshake)
        }
    }
}
