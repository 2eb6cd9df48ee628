import Foundation
import Synchronization
import HTTPTypes
import NIOCore
import Testing
import XCAAudit
import XCAAuditOutbox
import XCABinding
import XCAFederation
import XCAFixtures
import XCAGateway
import XCAModel
import XCASOAP
import XCATransport

/// The audit trail through the whole gateway, with a real SQLite outbox on disk and real fixture communities over
/// mutual TLS: every request's events are durable before its answer arrives (the store is read the moment the
/// answer is in, without waiting), refused requests are audited too, retrieves are audited against the patient the
/// gateway saw in an earlier query, and a gateway that cannot write its trail refuses to answer.
@Suite("Gateway: every request audited before it is answered", .timeLimit(.minutes(5)))
struct GatewayAuditTests {
    static let patient = "9990000018"

    /// An outbox in a fresh directory, no sinks (events stay in the local store).
    static func trail(_ directory: URL, maxOutboxBytes: Int? = nil) throws -> AuditTrail {
        try AuditTrail(
            configuration: AuditTrail.Configuration(
                settings: AuditSettings(
                    asid: "200000000999",
                    baseURL: "https://gateway.test",
                    processID: String(ProcessInfo.processInfo.processIdentifier)
                ),
                outboxPath: directory.appendingPathComponent("outbox.sqlite").path,
                maxOutboxBytes: maxOutboxBytes
            ),
            logger: GatewayHarness.quiet
        )
    }

    static func withDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xca-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory)
    }

    /// Every event in the store, parsed; written for CI's validate-audit as `gateway-audit-NAME.ndjson`.
    static func events(in trail: AuditTrail, name: String) throws -> [[String: Any]] {
        var lines: [[UInt8]] = []
        try AuditStore(path: trail.outbox.path).export(.init()) { lines.append($0) }
        try GatewayHarness.conformanceOutput(
            name: "audit-\(name).ndjson",
            bytes: Array(lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n").utf8) + [0x0A]
        )
        return try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]) }
    }

    static func subtype(_ event: [String: Any]) -> String? {
        ((event["subtype"] as? [[String: Any]])?.first)?["code"] as? String
    }

    static func outcome(_ event: [String: Any]) -> String? { event["outcome"] as? String }

    static func isResponder(_ event: [String: Any]) -> Bool {
        // The gateway's own agent carries its process id (altId). Answering a query it is the 110152 destination (the
        // query flows to it); answering a retrieve it is the 110153 source (the data flows from it). Its legs have it
        // the other way round; ITI-39 legs are Import events (110107).
        let agents = event["agent"] as? [[String: Any]] ?? []
        let own = agents.first { $0["altId"] != nil }
        let role = (((own?["type"] as? [String: Any])?["coding"] as? [[String: Any]])?.first)?["code"] as? String
        switch (event["type"] as? [String: Any])?["code"] as? String {
        case "110112": return role == "110152"
        case "110107": return false
        default: return role == "110153"
        }
    }

    static func transactionID(_ event: [String: Any]) -> String? {
        for entity in event["entity"] as? [[String: Any]] ?? [] where (entity["type"] as? [String: Any])?["code"] as? String == "XrequestId" {
            return ((entity["what"] as? [String: Any])?["identifier"] as? [String: Any])?["value"] as? String
        }
        return nil
    }

    static func patients(_ event: [String: Any]) -> [String] {
        (event["entity"] as? [[String: Any]] ?? []).compactMap { entity in
            guard (entity["role"] as? [String: Any])?["code"] as? String == "1" else { return nil }
            return ((entity["what"] as? [String: Any])?["identifier"] as? [String: Any])?["value"] as? String
        }
    }

    static func uuid(_ messageID: String) -> String {
        messageID.hasPrefix("urn:uuid:") ? String(messageID.dropFirst(9)) : messageID
    }

    @Test("an ITI-38 answer arrives with its responder event and one initiator event per community already durable")
    func queryIsAuditedBeforeTheAnswer() async throws {
        try await Self.withDirectory { directory in
            let trail = try Self.trail(directory)
            try await GatewayHarness.with(audit: trail) { harness in
                let (response, _, messageID, _) = try await harness.findDocuments(Self.patient)
                #expect(response.status == .success)
                // Read at once: the answer is only released after the commit.
                let events = try Self.events(in: trail, name: "query-success")
                #expect(events.count == 1 + harness.communities.count)
                let responder = events.filter(Self.isResponder)
                try #require(responder.count == 1)
                #expect(Self.transactionID(responder[0]) == Self.uuid(messageID))
                #expect(Self.patients(responder[0]) == [Self.patient])
                #expect(Self.outcome(responder[0]) == "0")
                #expect(responder[0]["action"] as? String == "R")  // the PARS serialisation's ITI-38 action
                let legs = events.filter { !Self.isResponder($0) }
                #expect(legs.count == harness.communities.count)
                #expect(legs.allSatisfy { Self.transactionID($0) == Self.uuid(messageID) && $0["action"] as? String == "E" })
                // The request is audited, the response never: no event holds a byte of the answer.
                for event in events {
                    let text = String(decoding: try JSONSerialization.data(withJSONObject: event), as: UTF8.self)
                    #expect(!text.contains("AdhocQueryResponse") && !text.contains("ExtrinsicObject"))
                }
            }
        }
    }

    @Test("PartialSuccess gives two responder events, outcomes 0 and 4, sharing the transaction id")
    func partialSuccessPair() async throws {
        try await Self.withDirectory { directory in
            let trail = try Self.trail(directory)
            let members = GatewayHarness.allFixtures + [
                .init(kind: .down(name: "down", home: HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.3680043.10.99")))
            ]
            try await GatewayHarness.with(members, audit: trail) { harness in
                let (response, _, messageID, _) = try await harness.findDocuments(Self.patient)
                #expect(response.status == .partialSuccess)
                let events = try Self.events(in: trail, name: "query-partial")
                let responder = events.filter(Self.isResponder)
                #expect(Set(responder.compactMap(Self.outcome)) == ["0", "4"])
                #expect(responder.allSatisfy { Self.transactionID($0) == Self.uuid(messageID) })
                let failed = try #require(responder.first { Self.outcome($0) == "4" })
                let description = try #require(failed["outcomeDesc"] as? String)
                #expect(description.contains("XDSUnavailableCommunity@urn:oid:1.2.826.0.1.3680043.10.99"))
                #expect(!description.contains(Self.patient))
                // The leg to the community that refused connections is audited as a serious failure.
                let down = events.filter { !Self.isResponder($0) && Self.outcome($0) == "8" }
                #expect(down.count == 1)
            }
        }
    }

    @Test("malformed and invalid requests are audited too: a SOAP fault and a Failure")
    func refusedRequestsAreAudited() async throws {
        try await Self.withDirectory { directory in
            let trail = try Self.trail(directory)
            try await GatewayHarness.with(audit: trail) { harness in
                let garbage = try await harness.post(Array("<not-soap".utf8), action: Transaction.iti38.requestAction, path: "/xca")
                #expect(garbage.status.code == 400)
                let invalid = CrossGatewayQueryRequest(
                    .findDocuments,
                    parameters: [
                        QueryParameter(name: "$XDSDocumentEntryPatientId", values: ["'9990000019^^^&2.16.840.1.113883.2.1.4.1&ISO'"]),
                        QueryParameter(name: "$XDSDocumentEntryStatus", values: ["('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"]),
                    ]
                )
                let addressing = AddressingHeaders.request(action: Transaction.iti38.requestAction)
                let answer = try await harness.post(try invalid.encode(addressing: addressing), action: Transaction.iti38.requestAction, path: "/xca")
                let (_, decoded) = try CrossGatewayQueryResponse.decode(Array(buffer: try await answer.body.collect(upTo: 1 << 20)))
                #expect(decoded.status == .failure)
                let events = try Self.events(in: trail, name: "refused")
                // Nothing was sent to a community: two responder events, no initiator events.
                #expect(events.count == 2)
                #expect(events.allSatisfy { Self.outcome($0) == "4" && ($0["outcomeDesc"] as? String).map { !$0.isEmpty } == true })
                #expect(events.contains { Self.subtype($0) == "unknown" })
                #expect(events.contains { Self.subtype($0) == "ITI-38" && Self.transactionID($0) == Self.uuid(addressing.messageID ?? "") })
                for event in events {
                    #expect(!(event["outcomeDesc"] as? String ?? "").contains("9990000019"))
                }
            }
        }
    }

    @Test("a retrieve after a query is audited against the patient the query named")
    func retrieveFindsItsPatient() async throws {
        try await Self.withDirectory { directory in
            let trail = try Self.trail(directory)
            try await GatewayHarness.with(audit: trail) { harness in
                let (response, _, _, _) = try await harness.findDocuments(Self.patient)
                let entries = response.registryObjects.filter { $0.kind == .extrinsicObject }.compactMap(DocumentEntry.init)
                let document = try #require(entries.first { $0.repositoryUniqueID != nil && $0.home != nil })
                let request = RetrieveDocumentSetRequest(documents: [
                    DocumentRequest(
                        homeCommunityID: document.home,
                        repositoryUniqueID: try #require(document.repositoryUniqueID),
                        documentUniqueID: document.uniqueID
                    )
                ])
                let addressing = AddressingHeaders.request(action: Transaction.iti39.requestAction)
                let answer = try await harness.post(try request.encode(addressing: addressing), action: Transaction.iti39.requestAction, path: "/xca")
                #expect(answer.status == .ok)
                _ = try await answer.body.collect(upTo: 64 << 20)

                // A study the query listed (its KOS entry's referenceIdList), retrieved with RAD-75.
                let studyUID = try #require(
                    entries.lazy.flatMap(\.referenceIdList).first { $0.hasSuffix("^^^^urn:ihe:iti:xds:2016:studyInstanceUID") }
                        .map { String($0.prefix { $0 != "^" }) }
                )
                let community = try #require(GatewayHarness.federation.communities.first { community in
                    community.instances.contains { $0.studyInstanceUID.rawValue == studyUID }
                })
                let instances = community.instances.filter { $0.studyInstanceUID.rawValue == studyUID }.prefix(2)
                let imaging = try #require(
                    EmbeddedExamples.imagingRequest(
                        for: instances.map { (community.homeCommunityID, $0) },
                        transferSyntaxes: [TransferSyntaxUID(rawValue: "1.2.840.10008.1.2.1")]
                    )
                )
                let imagingAddressing = AddressingHeaders.request(action: Transaction.rad75.requestAction)
                let imagingAnswer = try await harness.post(
                    try imaging.encode(addressing: imagingAddressing),
                    action: Transaction.rad75.requestAction,
                    path: "/xcai"
                )
                #expect(imagingAnswer.status == .ok)
                _ = try await imagingAnswer.body.collect(upTo: 256 << 20)

                let events = try Self.events(in: trail, name: "retrieve")
                let retrieve = try #require(events.first { Self.subtype($0) == "ITI-39" && Self.isResponder($0) })
                #expect(Self.patients(retrieve) == [Self.patient])
                #expect(Self.transactionID(retrieve) == Self.uuid(addressing.messageID ?? ""))
                let study = try #require(events.first { Self.subtype($0) == "RAD-75" && Self.transactionID($0) == Self.uuid(imagingAddressing.messageID ?? "") })
                #expect(Self.patients(study) == [Self.patient])
            }
        }
    }

    @Test("no audit, no access: once the outbox cannot be written, answers are withheld and no community is called")
    func noAuditNoAccess() async throws {
        try await Self.withDirectory { directory in
            // A high-water mark the first few requests exceed.
            let trail = try Self.trail(directory, maxOutboxBytes: 96 * 1024)
            let calls = CallCounter()
            let home = HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.3680043.10.98")
            let members = GatewayHarness.allFixtures + [
                .init(kind: .scripted(name: "counted", home: home) { _ in
                    calls.increment()
                    return TransportResponse(status: .internalServerError)
                })
            ]
            try await GatewayHarness.with(members, audit: trail) { harness in
                var refusedAt: Int?
                for attempt in 1...200 {
                    let request = GatewayHarness.findDocumentsRequest(Self.patient)
                    let addressing = AddressingHeaders.request(action: Transaction.iti38.requestAction)
                    let answer = try await harness.post(try request.encode(addressing: addressing), action: Transaction.iti38.requestAction, path: "/xca")
                    let body = String(decoding: Array(buffer: try await answer.body.collect(upTo: 64 << 20)), as: UTF8.self)
                    if body.contains("no audit, no access") {
                        #expect(answer.status.code == 500)
                        #expect(!body.contains("RegistryObjectList"), "the withheld answer's content is not sent")
                        refusedAt = attempt
                        break
                    }
                }
                let first = try #require(refusedAt, "the outbox never filled")
                #expect(trail.outbox.isWritable == false)
                // Further requests are refused at once: no community is called for them.
                let before = calls.value
                let request = GatewayHarness.findDocumentsRequest(Self.patient)
                let answer = try await harness.post(
                    try request.encode(addressing: .request(action: Transaction.iti38.requestAction)),
                    action: Transaction.iti38.requestAction,
                    path: "/xca"
                )
                let body = String(decoding: Array(buffer: try await answer.body.collect(upTo: 1 << 20)), as: UTF8.self)
                #expect(body.contains("no audit, no access"))
                #expect(calls.value == before)
                #expect(first > 1)
            }
        }
    }
}

/// Counts calls from concurrent handlers.
final class CallCounter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
