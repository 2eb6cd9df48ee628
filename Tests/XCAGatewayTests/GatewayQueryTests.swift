import Foundation
import HTTPTypes
import NIOCore
import Testing
import XCABinding
import XCAFederation
import XCAFixtureServer
import XCAFixtures
import XCAGateway
import XCAModel
import XCASOAP
import XCATransport

/// ITI-38 through the gateway against real fixture communities over mutual TLS.
@Suite("Gateway: ITI-38 fan-out and merge", .timeLimit(.minutes(5)))
struct GatewayQueryTests {
    static let everywhere = "9990000018"  // in all three fixture communities
    static let northOnly = "9990000034"

    /// What one community answers by itself (the fixture responder in-process): the oracle for the merge.
    static func direct(_ request: CrossGatewayQueryRequest, community name: String) throws -> CrossGatewayQueryResponse {
        let community = try #require(GatewayHarness.federation.community(named: name))
        let envelope = try request.encode(addressing: .request(action: Transaction.iti38.requestAction))
        let reply = FixtureResponder(community: community).respond(to: try RequestDecoder().decode(envelope))
        guard case .envelope(let bytes) = reply.body else { throw GatewayError(.notSOAP, "not an envelope") }
        return try CrossGatewayQueryResponse.decode(bytes).response
    }

    static func keys(_ objects: [RegistryObject]) -> Set<String> {
        Set(objects.map { "\($0.id?.rawValue ?? "?")@\($0.home?.rawValue ?? "?")" })
    }

    @Test("a patient known in all three communities merges to Success: every community's objects, home on each, RelatesTo the request")
    func mergesEverywhere() async throws {
        try await GatewayHarness.with { harness in
            let (response, bytes, messageID, header) = try await harness.findDocuments(Self.everywhere)
            #expect(response.status == .success)
            #expect(response.errors.isEmpty)
            var expected: Set<String> = []
            for community in GatewayHarness.federation.communities {
                let alone = try Self.direct(GatewayHarness.findDocumentsRequest(Self.everywhere), community: community.name)
                #expect(!alone.registryObjects.isEmpty, "\(community.name) holds the patient")
                expected.formUnion(Self.keys(alone.registryObjects))
            }
            #expect(Self.keys(response.registryObjects) == expected)
            #expect(response.registryObjects.count == expected.count, "no duplicates")
            let homes = Set(GatewayHarness.federation.communities.map(\.homeCommunityID))
            #expect(response.registryObjects.allSatisfy { $0.home.map(homes.contains) ?? false })
            #expect(header?.addressing.relatesTo == [messageID])
            #expect(header?.addressing.action == Transaction.iti38.responseAction)
            try GatewayHarness.conformanceOutput(name: "iti38-success.xml", bytes: bytes)
        }
    }

    @Test("a patient unknown in two communities: only the third's entries, still Success")
    func unknownElsewhere() async throws {
        try await GatewayHarness.with { harness in
            let (response, _, _, _) = try await harness.findDocuments(Self.northOnly)
            let north = try #require(GatewayHarness.federation.community(named: "north-imaging"))
            #expect(response.status == .success)
            #expect(response.errors.isEmpty)
            #expect(!response.registryObjects.isEmpty)
            #expect(response.registryObjects.allSatisfy { $0.home == north.homeCommunityID })
        }
    }

    @Test("ObjectRef answers pass through, each with home")
    func objectRefs() async throws {
        try await GatewayHarness.with { harness in
            let (response, bytes, _, _) = try await harness.findDocuments(Self.everywhere, returnType: .objectRef)
            #expect(response.status == .success)
            #expect(!response.registryObjects.isEmpty)
            #expect(response.registryObjects.allSatisfy { $0.kind == .objectRef && $0.home != nil })
            try GatewayHarness.conformanceOutput(name: "iti38-objectref.xml", bytes: bytes)
        }
    }

    @Test("one community down: PartialSuccess with XDSUnavailableCommunity at its homeCommunityId")
    func oneDown() async throws {
        let down = HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.999.1")
        let members = GatewayHarness.allFixtures.prefix(2) + [.init(kind: .down(name: "down-imaging", home: down))]
        try await GatewayHarness.with(Array(members)) { harness in
            let (response, bytes, _, _) = try await harness.findDocuments(Self.everywhere)
            #expect(response.status == .partialSuccess)
            #expect(response.errors.count == 1)
            let error = try #require(response.errors.first)
            #expect(error.code == .unavailableCommunity)
            #expect(error.location == down.rawValue)
            #expect(error.severity == .error)
            #expect(!response.registryObjects.isEmpty)
            try GatewayHarness.conformanceOutput(name: "iti38-partial-success.xml", bytes: bytes)
        }
    }

    @Test("every community down: Failure, one XDSUnavailableCommunity per community")
    func allDown() async throws {
        let homes = (1...2).map { HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.999.\($0)") }
        let members = homes.enumerated().map { GatewayHarness.Member(kind: .down(name: "down-\($0.offset)", home: $0.element)) }
        try await GatewayHarness.with(members) { harness in
            let (response, bytes, _, _) = try await harness.findDocuments(Self.everywhere)
            #expect(response.status == .failure)
            #expect(Set(response.errors.compactMap(\.location)) == Set(homes.map(\.rawValue)))
            #expect(response.errors.allSatisfy { $0.code == .unavailableCommunity })
            try GatewayHarness.conformanceOutput(name: "iti38-failure.xml", bytes: bytes)
        }
    }

    @Test("a community slower than its timeout: the answer comes within the timeout plus a margin, with its error")
    func slowCommunity() async throws {
        let timeout = Duration.seconds(1)
        // Far slower than any bound below: an answer before it proves the timeout worked, even on a machine so
        // loaded (the whole suite in parallel on 2 cores) that timers fire seconds late.
        let slow = FaultInjection(delay: .seconds(300))
        let members: [GatewayHarness.Member] = [
            .fixture("north-imaging"), .fixture("midlands-imaging", faults: slow, timeout: timeout), .fixture("south-west-imaging"),
        ]
        try await GatewayHarness.with(members) { harness in
            let midlands = try #require(GatewayHarness.federation.community(named: "midlands-imaging"))
            let started = ContinuousClock.now
            let (response, _, _, _) = try await harness.findDocuments(Self.everywhere)
            let elapsed = started.duration(to: .now)
            #expect(elapsed >= timeout)
            #expect(elapsed < timeout + .seconds(30), "answered after \(elapsed)")
            #expect(response.status == .partialSuccess)
            #expect(response.errors.map(\.location) == [midlands.homeCommunityID.rawValue])
            #expect(response.errors.first?.code == .unavailableCommunity)
            #expect(response.registryObjects.allSatisfy { $0.home != midlands.homeCommunityID })
        }
    }

    @Test("the overall deadline cuts every leg short")
    func overallDeadline() async throws {
        // The deadline leaves the fast community time to answer on a loaded machine; the slow one never would.
        let slow = FaultInjection(delay: .seconds(300))
        let members: [GatewayHarness.Member] = [.fixture("north-imaging"), .fixture("midlands-imaging", faults: slow)]
        try await GatewayHarness.with(members, settings: { $0.queryDeadline = .seconds(5) }) { harness in
            let started = ContinuousClock.now
            let (response, _, _, _) = try await harness.findDocuments(Self.everywhere)
            let elapsed = started.duration(to: .now)
            #expect(elapsed >= .seconds(5))
            #expect(elapsed < .seconds(35), "answered after \(elapsed)")
            #expect(response.status == .partialSuccess)
            #expect(response.errors.first?.code == .unavailableCommunity)
        }
    }

    @Test("a SOAP Fault from a community becomes XDSRegistryError at its homeCommunityId")
    func faultingCommunity() async throws {
        let members: [GatewayHarness.Member] = [.fixture("north-imaging"), .fixture("midlands-imaging", faults: FaultInjection(fault: .soapFault))]
        try await GatewayHarness.with(members) { harness in
            let midlands = try #require(GatewayHarness.federation.community(named: "midlands-imaging"))
            let (response, _, _, _) = try await harness.findDocuments(Self.everywhere)
            #expect(response.status == .partialSuccess)
            #expect(response.errors.map(\.code) == [.registryError])
            #expect(response.errors.first?.location == midlands.homeCommunityID.rawValue)
        }
    }

    @Test("garbage and HTTP 500 without SOAP: XDSRegistryError and XDSUnavailableCommunity")
    func brokenCommunities() async throws {
        let members: [GatewayHarness.Member] = [
            .fixture("north-imaging", faults: FaultInjection(fault: .garbage)),
            .fixture("midlands-imaging", faults: FaultInjection(fault: .http500)),
            .fixture("south-west-imaging"),
        ]
        try await GatewayHarness.with(members) { harness in
            let north = try #require(GatewayHarness.federation.community(named: "north-imaging"))
            let midlands = try #require(GatewayHarness.federation.community(named: "midlands-imaging"))
            let (response, _, _, _) = try await harness.findDocuments(Self.everywhere)
            #expect(response.status == .partialSuccess)
            let byLocation = Dictionary(uniqueKeysWithValues: response.errors.map { ($0.location ?? "", $0.code) })
            #expect(byLocation[north.homeCommunityID.rawValue] == .registryError)
            #expect(byLocation[midlands.homeCommunityID.rawValue] == .unavailableCommunity)
        }
    }

    @Test("Get* queries go to the community named by home; missing home and unknown home are refused")
    func getQueries() async throws {
        let north = try #require(GatewayHarness.federation.community(named: "north-imaging"))
        let entry = try #require(north.registryObjects.first { $0.kind == .extrinsicObject })
        let entryID = try #require(entry.id)
        @Sendable func getDocuments(home: HomeCommunityID?) -> CrossGatewayQueryRequest {
            CrossGatewayQueryRequest(
                .getDocuments,
                parameters: [QueryParameter(name: "$XDSDocumentEntryEntryUUID", values: ["('\(entryID.rawValue)')"])],
                home: home
            )
        }
        try await GatewayHarness.with { harness in
            func send(_ request: CrossGatewayQueryRequest) async throws -> (CrossGatewayQueryResponse, [UInt8]) {
                let response = try await harness.post(
                    try request.encode(addressing: .request(action: Transaction.iti38.requestAction)),
                    action: Transaction.iti38.requestAction,
                    path: "/xca"
                )
                let bytes = Array(buffer: try await response.body.collect(upTo: 16 << 20))
                return (try CrossGatewayQueryResponse.decode(bytes).response, bytes)
            }
            let (found, foundBytes) = try await send(getDocuments(home: north.homeCommunityID))
            #expect(found.status == .success)
            #expect(found.registryObjects.map(\.id) == [entryID])
            #expect(found.registryObjects.first?.home == north.homeCommunityID)
            try GatewayHarness.conformanceOutput(name: "iti38-getdocuments.xml", bytes: foundBytes)

            let (missing, missingBytes) = try await send(getDocuments(home: nil))
            #expect(missing.status == .failure)
            #expect(missing.errors.map(\.code) == [.missingHomeCommunityID])
            #expect(missing.errors.first?.location == GatewayHarness.gatewayHome.rawValue)
            try GatewayHarness.conformanceOutput(name: "iti38-missing-home.xml", bytes: missingBytes)

            let (unknown, _) = try await send(getDocuments(home: HomeCommunityID(rawValue: "urn:oid:1.2.3.4.5")))
            #expect(unknown.status == .failure)
            #expect(unknown.errors.map(\.code) == [.unknownCommunity])
        }
    }

    @Test("an action the endpoint does not serve is the WS-Addressing ActionNotSupported fault")
    func actionNotSupported() async throws {
        try await GatewayHarness.with([]) { harness in
            let request = GatewayHarness.findDocumentsRequest(Self.everywhere)
            let action = "urn:ihe:iti:2007:RegistryStoredQuery"
            let response = try await harness.post(
                try request.encode(addressing: .request(action: action)),
                action: action,
                path: "/xca"
            )
            let bytes = Array(buffer: try await response.body.collect(upTo: 1 << 20))
            #expect(response.status.code == 400 || response.status.code == 500)
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.contains("ActionNotSupported"))
            try GatewayHarness.conformanceOutput(name: "action-not-supported-fault.xml", bytes: bytes)
        }
    }

    @Test("ITI-38 sent to /xcai is ActionNotSupported too")
    func wrongEndpoint() async throws {
        try await GatewayHarness.with([]) { harness in
            let request = GatewayHarness.findDocumentsRequest(Self.everywhere)
            let response = try await harness.post(
                try request.encode(addressing: .request(action: Transaction.iti38.requestAction)),
                action: Transaction.iti38.requestAction,
                path: "/xcai"
            )
            let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
            #expect(text.contains("ActionNotSupported"))
        }
    }

    @Test("an invalid query (malformed NHS number) is refused with RegistryErrors before any community is asked")
    func invalidQuery() async throws {
        let (events, event) = AsyncStream.makeStream(of: String.self)
        let scripted: TransportHandler = { _ in
            event.yield("called")
            return TransportResponse(status: .internalServerError)
        }
        let home = HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.999.7")
        try await GatewayHarness.with([.init(kind: .scripted(name: "scripted", home: home, handler: scripted))]) { harness in
            let (response, _, _, _) = try await harness.findDocuments("9990000019")  // bad check digit
            #expect(response.status == .failure)
            #expect(!response.errors.isEmpty)
            event.finish()
            var calls = 0
            for await _ in events { calls += 1 }
            #expect(calls == 0)
        }
    }

    @Test("after repeated failures the circuit opens: the community is skipped at once and shown open in /status")
    func circuitBreaker() async throws {
        let down = HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.999.3")
        let members = [GatewayHarness.allFixtures[0], GatewayHarness.Member(kind: .down(name: "down-imaging", home: down))]
        try await GatewayHarness.with(members, circuitBreaker: .init(failureThreshold: 2, openDuration: .seconds(60))) { harness in
            for _ in 0..<2 {
                let (response, _, _, _) = try await harness.findDocuments(Self.everywhere)
                #expect(response.errors.first?.codeContext.contains("circuit") == false)
            }
            let (response, _, _, _) = try await harness.findDocuments(Self.everywhere)
            #expect(response.status == .partialSuccess)
            let error = try #require(response.errors.first)
            #expect(error.code == .unavailableCommunity)
            #expect(error.location == down.rawValue)
            #expect(error.codeContext.contains("circuit"))

            var headers = HTTPFields()
            headers[.accept] = "application/json"
            let status = try await harness.client.execute(
                CommunityHTTPRequest(method: .get, url: harness.gatewayURL + "/status", headerFields: headers),
                tls: harness.callerTLS,
                deadline: .now + .seconds(10)
            )
            let json = try JSONSerialization.jsonObject(with: Data(Array(buffer: try await status.body.collect(upTo: 1 << 20)))) as? [String: Any]
            let communities = json?["communities"] as? [[String: Any]] ?? []
            let entry = communities.first { $0["homeCommunityId"] as? String == down.rawValue }
            #expect(entry?["circuit"] as? String == "open")
        }
    }

    @Test("a caller who disconnects cancels the legs still running")
    func disconnectCancelsLegs() async throws {
        let (events, event) = AsyncStream.makeStream(of: String.self)
        let scripted: TransportHandler = { _ in
            event.yield("leg started")
            let (never, keep) = AsyncStream.makeStream(of: Void.self)
            await withTaskCancellationHandler {
                for await _ in never {}
            } onCancel: {
                keep.finish()
            }
            event.yield(Task.isCancelled ? "leg cancelled" : "leg ended")
            return TransportResponse(status: .internalServerError)
        }
        let home = HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.999.8")
        var member = GatewayHarness.Member(kind: .scripted(name: "stuck", home: home, handler: scripted))
        member.timeout = .seconds(100)
        try await GatewayHarness.with([member], settings: { $0.queryDeadline = .seconds(100) }) { harness in
            var iterator = events.makeAsyncIterator()
            let caller = Task {
                _ = try? await harness.findDocumentsWithDeadline(Self.everywhere, deadline: .seconds(100))
            }
            #expect(await iterator.next() == "leg started")
            // The caller gives up: its client cancels the request and closes the connection.
            caller.cancel()
            await caller.value
            #expect(await iterator.next() == "leg cancelled")
        }
    }
}

extension GatewayHarness {
    func findDocumentsWithDeadline(_ nhsNumber: String, deadline: Duration) async throws -> CommunityHTTPResponse {
        let request = Self.findDocumentsRequest(nhsNumber)
        let response = try await post(
            try request.encode(addressing: .request(action: Transaction.iti38.requestAction)),
            action: Transaction.iti38.requestAction,
            path: "/xca",
            deadline: deadline
        )
        _ = try await response.body.collect(upTo: 1 << 20)
        return response
    }
}
