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

/// ITI-39 and RAD-75 through the gateway against real fixture communities over mutual TLS: the merged MTOM package
/// read back and every document compared byte for byte with what the community holds.
@Suite("Gateway: ITI-39 and RAD-75 relay", .timeLimit(.minutes(5)))
struct GatewayRetrieveTests {
    static let explicitVRLittleEndian = TransferSyntaxUID(rawValue: "1.2.840.10008.1.2.1")

    /// The merged answer: decoded root, attachments by Content-ID, raw bytes.
    struct Answer {
        var status: HTTPResponse.Status
        var response: RetrieveDocumentSetResponse
        var header: SOAPEnvelopeHeader?
        var attachments: [String: [UInt8]]
        var body: [UInt8]

        func bytes(of document: DocumentResponse) -> [UInt8]? {
            switch document.content {
            case .attachment(let contentID): attachments[contentID]
            case .inline(let bytes): bytes
            }
        }
    }

    static func send(_ harness: GatewayHarness, _ envelope: [UInt8], action: String, path: String) async throws -> Answer {
        let response = try await harness.post(envelope, action: action, path: path)
        let contentType = try #require(response.headerFields[.contentType])
        let body = Array(buffer: try await response.body.collect(upTo: 512 << 20))
        let message = try await MTOMMessage.read(
            contentType: try MIMEContentType(parsing: contentType),
            body: ByteBuffer(bytes: body),
            maxAttachmentBytes: 512 << 20
        )
        let (header, decoded) = try RetrieveDocumentSetResponse.decode(message.root.body)
        var attachments: [String: [UInt8]] = [:]
        for attachment in message.attachments {
            #expect(attachments[attachment.contentID.value] == nil, "Content-IDs are unique")
            attachments[attachment.contentID.value] = Array(buffer: attachment.body)
        }
        return Answer(status: response.status, response: decoded, header: header, attachments: attachments, body: body)
    }

    static func community(_ name: String) throws -> FixtureCommunity {
        try #require(GatewayHarness.federation.community(named: name))
    }

    /// A RAD-75 request for `instances` (home, instance), study/series structure built from them.
    static func imagingRequest(_ instances: [(HomeCommunityID, FixtureInstance)]) -> RetrieveImagingDocumentSetRequest {
        EmbeddedExamples.imagingRequest(for: instances, transferSyntaxes: [explicitVRLittleEndian])
            ?? RetrieveImagingDocumentSetRequest(studies: [], transferSyntaxUIDs: [explicitVRLittleEndian])
    }

    /// Every instance of the first study of north-imaging and of the first study of south-west-imaging.
    static func twoStudies() throws -> [(HomeCommunityID, FixtureInstance)] {
        var result: [(HomeCommunityID, FixtureInstance)] = []
        for name in ["north-imaging", "south-west-imaging"] {
            let community = try community(name)
            let study = try #require(community.instances.first?.studyInstanceUID)
            result += community.instances.filter { $0.studyInstanceUID == study }.map { (community.homeCommunityID, $0) }
        }
        return result
    }

    static func checkInstances(_ answer: Answer, _ instances: [(HomeCommunityID, FixtureInstance)]) async throws {
        #expect(answer.response.documents.count == instances.count)
        #expect(answer.attachments.count == instances.count)
        for (home, instance) in instances {
            let document = try #require(
                answer.response.documents.first { $0.documentUniqueID.rawValue == instance.sopInstanceUID.rawValue }
            )
            #expect(document.homeCommunityID == home)
            #expect(document.mimeType == "application/dicom")
            let stored = try #require(instance.renditions[explicitVRLittleEndian])
            #expect(answer.bytes(of: document) == (try await stored.collect()), "instance \(instance.sopInstanceUID.rawValue)")
        }
    }

    @Test("ITI-39 for documents of two communities: one package, every document byte-identical, Success, RelatesTo")
    func iti39TwoCommunities() async throws {
        let north = try Self.community("north-imaging")
        let midlands = try Self.community("midlands-imaging")
        let wanted = Array(north.documents.prefix(2)).map { (north.homeCommunityID, $0) } + Array(midlands.documents.prefix(2)).map { (midlands.homeCommunityID, $0) }
        let request = RetrieveDocumentSetRequest(
            documents: wanted.map { DocumentRequest(homeCommunityID: $0.0, repositoryUniqueID: $0.1.repositoryUniqueID, documentUniqueID: $0.1.uniqueID) }
        )
        let addressing = AddressingHeaders.request(action: Transaction.iti39.requestAction)
        try await GatewayHarness.with { harness in
            let answer = try await Self.send(harness, try request.encode(addressing: addressing), action: Transaction.iti39.requestAction, path: "/xca")
            #expect(answer.status == .ok)
            #expect(answer.response.status == .success)
            #expect(answer.response.errors.isEmpty)
            #expect(answer.header?.addressing.relatesTo == [addressing.messageID ?? ""])
            #expect(answer.header?.addressing.action == Transaction.iti39.responseAction)
            #expect(answer.response.documents.count == wanted.count)
            for (home, stored) in wanted {
                let document = try #require(answer.response.documents.first { $0.documentUniqueID == stored.uniqueID })
                #expect(document.homeCommunityID == home)
                #expect(answer.bytes(of: document) == (try await stored.content.collect()))
            }
            try GatewayHarness.conformanceOutput(name: "iti39-two-communities.multipart", bytes: answer.body)
        }
    }

    @Test("ITI-39 with one community down: PartialSuccess, its error at its homeCommunityId, the rest delivered")
    func iti39OneDown() async throws {
        let north = try Self.community("north-imaging")
        let down = HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.999.4")
        let document = try #require(north.documents.first)
        let request = RetrieveDocumentSetRequest(documents: [
            DocumentRequest(homeCommunityID: north.homeCommunityID, repositoryUniqueID: document.repositoryUniqueID, documentUniqueID: document.uniqueID),
            DocumentRequest(homeCommunityID: down, repositoryUniqueID: document.repositoryUniqueID, documentUniqueID: DocumentUniqueID(rawValue: "1.2.3.4.5.6")),
        ])
        let members = [GatewayHarness.Member.fixture("north-imaging"), .init(kind: .down(name: "down-imaging", home: down))]
        try await GatewayHarness.with(members) { harness in
            let answer = try await Self.send(
                harness, try request.encode(addressing: .request(action: Transaction.iti39.requestAction)),
                action: Transaction.iti39.requestAction, path: "/xca"
            )
            #expect(answer.response.status == .partialSuccess)
            #expect(answer.response.errors.map(\.code) == [.unavailableCommunity])
            #expect(answer.response.errors.first?.location == down.rawValue)
            #expect(answer.response.documents.map(\.documentUniqueID) == [document.uniqueID])
            #expect(answer.bytes(of: try #require(answer.response.documents.first)) == (try await document.content.collect()))
            try GatewayHarness.conformanceOutput(name: "iti39-partial-success.multipart", bytes: answer.body)
        }
    }

    @Test("ITI-39 from a community answering HTTP 500 without SOAP: XDSUnavailableCommunity, as for queries")
    func iti39HTTP500() async throws {
        let north = try Self.community("north-imaging")
        let midlands = try Self.community("midlands-imaging")
        let documents = [north, midlands].compactMap { community in
            community.documents.first.map {
                DocumentRequest(homeCommunityID: community.homeCommunityID, repositoryUniqueID: $0.repositoryUniqueID, documentUniqueID: $0.uniqueID)
            }
        }
        let request = RetrieveDocumentSetRequest(documents: documents)
        let members: [GatewayHarness.Member] = [.fixture("north-imaging"), .fixture("midlands-imaging", faults: FaultInjection(fault: .http500))]
        try await GatewayHarness.with(members) { harness in
            let answer = try await Self.send(
                harness, try request.encode(addressing: .request(action: Transaction.iti39.requestAction)),
                action: Transaction.iti39.requestAction, path: "/xca"
            )
            #expect(answer.response.status == .partialSuccess)
            #expect(answer.response.errors.map(\.code) == [.unavailableCommunity])
            #expect(answer.response.errors.first?.location == midlands.homeCommunityID.rawValue)
            #expect(answer.response.documents.map(\.homeCommunityID) == [north.homeCommunityID])
        }
    }

    @Test("ITI-39 naming an unknown community: XDSUnknownCommunity, nothing sent")
    func iti39UnknownCommunity() async throws {
        let north = try Self.community("north-imaging")
        let document = try #require(north.documents.first)
        let request = RetrieveDocumentSetRequest(documents: [
            DocumentRequest(
                homeCommunityID: HomeCommunityID(rawValue: "urn:oid:1.2.3.4.5"),
                repositoryUniqueID: document.repositoryUniqueID,
                documentUniqueID: document.uniqueID
            )
        ])
        try await GatewayHarness.with { harness in
            let answer = try await Self.send(
                harness, try request.encode(addressing: .request(action: Transaction.iti39.requestAction)),
                action: Transaction.iti39.requestAction, path: "/xca"
            )
            #expect(answer.response.status == .failure)
            #expect(answer.response.errors.map(\.code) == [.unknownCommunity])
            #expect(answer.response.documents.isEmpty)
            try GatewayHarness.conformanceOutput(name: "iti39-unknown-community.multipart", bytes: answer.body)
        }
    }

    @Test("RAD-75 of studies in two communities returns every instance, byte-identical, with the RAD-75 response action")
    func rad75TwoCommunities() async throws {
        let instances = try Self.twoStudies()
        let request = Self.imagingRequest(instances)
        try await GatewayHarness.with { harness in
            let answer = try await Self.send(
                harness, try request.encode(addressing: .request(action: Transaction.rad75.requestAction)),
                action: Transaction.rad75.requestAction, path: "/xcai"
            )
            #expect(answer.response.status == .success)
            #expect(answer.header?.addressing.action == Transaction.rad75.responseAction)
            try await Self.checkInstances(answer, instances)
            try GatewayHarness.conformanceOutput(name: "rad75-two-communities.multipart", bytes: answer.body)
        }
    }

    @Test(
        "RAD-75 split at a community's maximum per request, live and spooled, still returns every instance",
        arguments: [16, 1]
    )
    func rad75Split(maxConcurrent: Int) async throws {
        let instances = try Self.twoStudies()
        let request = Self.imagingRequest(instances)
        var north = GatewayHarness.Member.fixture("north-imaging")
        north.quirks.maxDocumentsPerRetrieve = 2
        north.maxConcurrentRequests = maxConcurrent
        let spool = FileManager.default.temporaryDirectory.appendingPathComponent("xca-spool-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: spool, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: spool) }
        try await GatewayHarness.with([north, .fixture("midlands-imaging"), .fixture("south-west-imaging")], settings: { $0.spoolDirectory = spool.path }) { harness in
            let answer = try await Self.send(
                harness, try request.encode(addressing: .request(action: Transaction.rad75.requestAction)),
                action: Transaction.rad75.requestAction, path: "/xcai"
            )
            #expect(answer.response.status == .success)
            try await Self.checkInstances(answer, instances)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool.path).isEmpty, "spool files are removed")
    }

    @Test("RAD-69 from a local consumer is routed by Imaging Document Source and answered with the RAD-69 response action")
    func rad69ByRepository() async throws {
        let north = try Self.community("north-imaging")
        let study = try #require(north.instances.first?.studyInstanceUID)
        let instances = north.instances.filter { $0.studyInstanceUID == study }.map { (north.homeCommunityID, $0) }
        var request = Self.imagingRequest(instances)
        for s in request.studies.indices {
            for r in request.studies[s].series.indices {
                for d in request.studies[s].series[r].documents.indices { request.studies[s].series[r].documents[d].homeCommunityID = nil }
            }
        }
        let rad69 = request
        try await GatewayHarness.with { harness in
            let answer = try await Self.send(
                harness, try rad69.encode(addressing: .request(action: Transaction.rad69.requestAction)),
                action: Transaction.rad69.requestAction, path: "/xcai"
            )
            #expect(answer.response.status == .success)
            #expect(answer.header?.addressing.action == Transaction.rad69.responseAction)
            #expect(answer.response.documents.count == instances.count)
        }
    }
}
