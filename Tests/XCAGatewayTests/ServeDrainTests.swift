import Foundation
import Testing
import XCAAuditOutbox
import XCABinding
import XCAFixtureServer
import XCAFixtures
import XCAModel
import XCATransport

/// `serve --config FILE` and SIGTERM, as a real child process: new connections are refused at once, the request in
/// flight gets its whole answer and its AuditEvent reaches PARS before the process exits 0; a request held past
/// `gateway.shutdown.drainTimeout` is cut off, recorded as aborted in the outbox, and the process still exits 0.
@Suite("xca-gateway serve: draining shutdown on SIGTERM (child process)", .timeLimit(.minutes(2)))
struct ServeDrainTests {
    static let everywhere = GatewayQueryTests.everywhere

    /// The transaction ids of the AuditEvents in the NDJSON lines of `json`, with their outcome and description.
    static func events(_ lines: [[UInt8]]) -> [(transaction: String, outcome: String, description: String?)] {
        lines.compactMap { line in
            guard let event = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { return nil }
            for entity in event["entity"] as? [[String: Any]] ?? []
            where (entity["type"] as? [String: Any])?["code"] as? String == "XrequestId" {
                if let transaction = ((entity["what"] as? [String: Any])?["identifier"] as? [String: Any])?["value"] as? String {
                    return (transaction, event["outcome"] as? String ?? "", event["outcomeDesc"] as? String)
                }
            }
            return nil
        }
    }

    @Test("SIGTERM: new connections refused, readiness 503, the request in flight answered in full, its event at PARS before exit 0")
    func drains() async throws {
        let gate = HoldGate()
        try await ServeFixture.with(communities: ["north-imaging"], gates: ["north-imaging": gate]) { fixture in
            let received = fixture.directory.appendingPathComponent("pars/audit-events.ndjson")
            try FileManager.default.createDirectory(at: received.deletingLastPathComponent(), withIntermediateDirectories: true)
            let (bound, binding) = AsyncStream.makeStream(of: Int.self)
            let pars = try PARSFixture(
                transport: PARSFixture.transport(pki: fixture.material),
                basePath: "/FHIR/R4",
                output: received.path,
                logger: GatewayHarness.quiet
            ) { binding.yield($0) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                defer { group.cancelAll() }
                group.addTask { try await pars.run() }
                var ports = bound.makeAsyncIterator()
                let parsPort = try #require(await ports.next())
                try fixture.write(
                    fixture.configuration(
                        communities: [try fixture.community("north-imaging")],
                        sections: """
                            audit:
                              pars:
                                url: https://127.0.0.1:\(parsPort)/FHIR/R4
                                tls:
                                  certificate: pki/gateway-client.pem
                                  privateKey: pki/gateway-client-key.pem
                                  trustAnchors: [pki/ca.pem]
                            """
                    )
                )
                let gateway = try await ServeProcess(configuration: fixture.file)
                let client = CommunityHTTPClient()
                let tls = try fixture.caller()
                let messageID = "urn:uuid:\(UUID().uuidString.lowercased())"
                do {
                    gate.holdNext()
                    async let held = client.findDocuments(Self.everywhere, at: gateway.url, tls: tls, messageID: messageID)
                    await gate.waitUntilHeld()

                    gateway.signal(SIGTERM)
                    let draining = try #require(
                        await gateway.logs.first(message: "shutting down: no new connections; requests in flight may finish")
                    )
                    #expect(draining.line["xca.shutdown.inFlight"] as? String == "1")
                    // The admin listener stays up through the drain and says the gateway is not ready.
                    let readiness = try await AdminClient.ready(gateway.adminURL)
                    #expect(readiness.status == 503)
                    #expect(readiness.ready == false)
                    #expect(
                        readiness.checks["listener"]?["problem"] as? String
                            == "shutting down: no new connections; requests in flight are finishing"
                    )
                    // New connections are refused: the listener closes as shutdown begins (a connection that raced
                    // it is answered and closed; the bounded loop waits for the refusal).
                    var refused = false
                    for _ in 0..<100 where !refused {
                        let fresh = CommunityHTTPClient()
                        do {
                            _ = try await fresh.findDocuments(Self.everywhere, at: gateway.url, tls: tls)
                        } catch {
                            refused = true
                        }
                        try? await fresh.shutdown()
                    }
                    #expect(refused)

                    gate.release()
                    let answer = try await held
                    #expect(answer.status == .success)
                    #expect(!answer.registryObjects.isEmpty)
                    #expect(Set(answer.registryObjects.compactMap(\.home)) == [try ServeReloadTests.home("north-imaging")])
                } catch {
                    gate.release()
                    try? await client.shutdown()
                    throw error
                }
                try await client.shutdown()
                #expect(await gateway.exitStatus() == 0)

                // Delivered before the exit: the fixture PARS holds the request's events.
                let lines = ((try? String(contentsOf: received, encoding: .utf8)) ?? "").split(separator: "\n").map { Array($0.utf8) }
                let transaction = String(messageID.dropFirst("urn:uuid:".count))
                let mine = Self.events(lines).filter { $0.transaction == transaction }
                #expect(mine.contains { $0.outcome == "0" }, "the answered request's events reached PARS before exit")
                let flushed = await gateway.logs.first(message: "audit events not yet delivered stay in the outbox for the next start")
                #expect(flushed == nil, "the outbox was flushed")
            }
        }
    }

    @Test("a second SIGTERM cuts the drain short: the request in flight is cancelled, exit 0 long before drainTimeout")
    func secondSignal() async throws {
        let gate = HoldGate()
        try await ServeFixture.with(communities: ["north-imaging"], gates: ["north-imaging": gate]) { fixture in
            try fixture.write(
                fixture.configuration(
                    communities: [try fixture.community("north-imaging")],
                    gateway: "  shutdown:\n    drainTimeout: 120s"
                )
            )
            let gateway = try await ServeProcess(configuration: fixture.file)
            let client = CommunityHTTPClient()
            defer { gate.release() }
            gate.holdNext()
            let tls = try fixture.caller()
            let url = gateway.url
            let request = Task { try await client.findDocuments(Self.everywhere, at: url, tls: tls) }
            await gate.waitUntilHeld()

            let signalled = ContinuousClock.now
            gateway.signal(SIGTERM)
            _ = try #require(await gateway.logs.first(message: "shutting down: no new connections; requests in flight may finish"))
            gateway.signal(SIGTERM)
            #expect(await gateway.exitStatus() == 0)
            #expect(signalled.duration(to: .now) < .seconds(60), "well before the 120s drainTimeout")
            await #expect(throws: (any Error).self) { _ = try await request.value }
            try await client.shutdown()
            #expect(await gateway.logs.first(message: "shutdown cut short: cancelling the requests still in flight (audited as aborted)") != nil)
        }
    }

    @Test("a request held past gateway.shutdown.drainTimeout is cut off and recorded as aborted; exit 0 in bounded time")
    func drainDeadline() async throws {
        let gate = HoldGate()
        try await ServeFixture.with(communities: ["north-imaging"], gates: ["north-imaging": gate]) { fixture in
            try fixture.write(
                fixture.configuration(
                    communities: [try fixture.community("north-imaging", timeout: "60s")],
                    gateway: "  shutdown:\n    drainTimeout: 1s",
                    sections: "audit:\n  shutdownFlushTimeout: 1s"
                )
            )
            let gateway = try await ServeProcess(configuration: fixture.file)
            let client = CommunityHTTPClient()
            let messageID = "urn:uuid:\(UUID().uuidString.lowercased())"
            defer { gate.release() }
            gate.holdNext()
            let tls = try fixture.caller()
            let url = gateway.url
            let request = Task { try await client.findDocuments(Self.everywhere, at: url, tls: tls, messageID: messageID) }
            await gate.waitUntilHeld()

            let signalled = ContinuousClock.now
            gateway.signal(SIGTERM)
            #expect(await gateway.exitStatus() == 0)
            let elapsed = signalled.duration(to: .now)
            #expect(elapsed >= .seconds(1), "the request had its drainTimeout")
            #expect(elapsed < .seconds(30), "bounded: the drain deadline, then no flush to wait for")
            await #expect(throws: (any Error).self) { _ = try await request.value }
            try await client.shutdown()
            let cut = await gateway.logs.first(message: "drain deadline passed: cancelling the requests still in flight (audited as aborted)")
            #expect(cut?.line["xca.shutdown.inFlight"] as? String == "1")

            // The cut request's events are durable in the outbox: aborted, no response released.
            let store = try AuditStore(path: fixture.directory.appendingPathComponent("state/audit/outbox.sqlite").path)
            var lines: [[UInt8]] = []
            try store.export(AuditStore.ExportFilter()) { lines.append($0) }
            let transaction = String(messageID.dropFirst("urn:uuid:".count))
            let mine = Self.events(lines).filter { $0.transaction == transaction }
            #expect(!mine.isEmpty)
            #expect(mine.contains { $0.outcome == "8" && $0.description == "Aborted; no response released" })
        }
    }
}
