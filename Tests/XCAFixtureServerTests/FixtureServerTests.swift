import Crypto
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

/// The fixture Responding Gateways end to end: real mutual TLS on loopback, the committed `Fixtures/` tree, the
/// gateway's outbound client. The messages exchanged are written for `validate-soap` (CI).
@Suite("Fixture Responding Gateway over mutual TLS")
struct FixtureServerTests {
    static let patientInAllCommunities = "9990000018"

    @Test("ITI-38 FindDocuments: the patient's entries, `home` on each, schema-valid messages")
    func crossGatewayQuery() async throws {
        try await FixtureHarness.with(community: "north-imaging") { fixture in
            let (_, request) = try FixtureHarness.findDocuments(Self.patientInAllCommunities)
            let answer = try await fixture.post(request, action: Transaction.iti38.requestAction, path: "/xca")
            #expect(answer.status == .ok)
            #expect(answer.headerFields[.contentType]?.contains("application/soap+xml") == true)
            let bytes = try await answer.bytes()
            try FixtureHarness.conformanceOutput(name: "iti38-request.xml", bytes: request)
            try FixtureHarness.conformanceOutput(name: "iti38-response.xml", bytes: bytes)
            let (_, response) = try CrossGatewayQueryResponse.decode(bytes)
            #expect(response.status == .success)
            let entries = response.documentEntries
            let expected = FixtureHarness.federation.community(named: "north-imaging")!.registryObjects
                .compactMap(DocumentEntry.init)
                .filter { $0.patientID.idNumber == Self.patientInAllCommunities && $0.status == .approved }
            #expect(!entries.isEmpty)
            #expect(Set(entries.map(\.uniqueID)) == Set(expected.map(\.uniqueID)))
            #expect(entries.allSatisfy { $0.home == fixture.community.homeCommunityID })
            #expect(entries.contains { $0.mimeType == "application/dicom" })
        }
    }

    @Test("ITI-38 for a patient the community does not know: Success with no entries")
    func unknownPatient() async throws {
        try await FixtureHarness.with(community: "midlands-imaging") { fixture in
            // 999 000 0034 is known in north-imaging only.
            let (_, request) = try FixtureHarness.findDocuments("9990000034")
            let answer = try await fixture.post(request, action: Transaction.iti38.requestAction, path: "/xca")
            let (_, response) = try CrossGatewayQueryResponse.decode(try await answer.bytes())
            #expect(response.status == .success)
            #expect(response.registryObjects.isEmpty)
        }
    }

    @Test("ITI-39 returns every document as MTOM, bytes equal the fixture files and the entries' hash and size")
    func crossGatewayRetrieve() async throws {
        try await FixtureHarness.with(community: "north-imaging") { fixture in
            let (_, query) = try FixtureHarness.findDocuments(Self.patientInAllCommunities)
            let queryAnswer = try await fixture.post(query, action: Transaction.iti38.requestAction, path: "/xca")
            let entries = try CrossGatewayQueryResponse.decode(try await queryAnswer.bytes()).response.documentEntries
            let unknown = DocumentUniqueID(rawValue: "1.2.3.4.5.6.7.8.9")
            let requests =
                entries.map {
                    DocumentRequest(homeCommunityID: $0.home, repositoryUniqueID: $0.repositoryUniqueID!, documentUniqueID: $0.uniqueID)
                } + [
                    DocumentRequest(
                        homeCommunityID: fixture.community.homeCommunityID,
                        repositoryUniqueID: entries[0].repositoryUniqueID!,
                        documentUniqueID: unknown
                    )
                ]
            let request = try RetrieveDocumentSetRequest(documents: requests)
                .encode(addressing: .request(action: Transaction.iti39.requestAction))
            let answer = try await fixture.post(request, action: Transaction.iti39.requestAction, path: "/xca")
            #expect(answer.status == .ok)
            let contentType = try #require(answer.headerFields[.contentType])
            let body = try await answer.bytes()
            try FixtureHarness.conformanceOutput(name: "iti39-request.xml", bytes: request)
            try FixtureHarness.conformanceOutput(name: "iti39-response.multipart", bytes: body)
            let message = try await MTOMMessage.read(
                contentType: try MIMEContentType(parsing: contentType),
                body: ByteBuffer(bytes: body),
                maxAttachmentBytes: 64 << 20
            )
            let response = try RetrieveDocumentSetResponse.decode(message.root.body).response
            #expect(response.status == .partialSuccess)
            #expect(response.errors.map(\.code) == [.documentUniqueIDError])
            #expect(response.errors.first?.location == fixture.community.homeCommunityID.rawValue)
            #expect(response.documents.count == entries.count)
            for document in response.documents {
                let entry = try #require(entries.first { $0.uniqueID == document.documentUniqueID })
                guard case .attachment(let contentID) = document.content else {
                    Issue.record("document \(document.documentUniqueID) is not an attachment")
                    continue
                }
                let attachment = try #require(message.attachments.first { $0.contentID.value == contentID })
                let bytes = Array(buffer: attachment.body)
                let stored = try #require(fixture.community.documents.first { $0.uniqueID == document.documentUniqueID })
                #expect(bytes == (try await stored.content.collect()))
                #expect(bytes.count == entry.size)
                #expect(sha1Hex(bytes) == entry.hash?.lowercased())
                #expect(document.mimeType == entry.mimeType)
            }
        }
    }

    @Test("RAD-75 returns a study's DICOM instances byte for byte as the fixture files, in the requested syntax")
    func crossGatewayRetrieveImaging() async throws {
        try await FixtureHarness.with(community: "north-imaging") { fixture in
            let study = try #require(fixture.community.instances.first?.studyInstanceUID)
            let instances = fixture.community.instances.filter { $0.studyInstanceUID == study }
            let explicitVRLittleEndian = TransferSyntaxUID(rawValue: "1.2.840.10008.1.2.1")
            let answer = try await Self.retrieveImaging(fixture, instances, syntaxes: [explicitVRLittleEndian])
            try FixtureHarness.conformanceOutput(name: "rad75-response.multipart", bytes: answer.body)
            #expect(answer.response.status == .success)
            #expect(answer.response.documents.count == instances.count)
            for instance in instances {
                let document = try #require(answer.response.documents.first { $0.documentUniqueID.rawValue == instance.sopInstanceUID.rawValue })
                #expect(document.mimeType == "application/dicom")
                #expect(document.repositoryUniqueID == instance.repositoryUniqueID)
                let file = try #require(FixtureHarness.dicomFile(community: fixture.community.name, sop: instance.sopInstanceUID.rawValue))
                #expect(answer.attachment(of: document) == [UInt8](try Data(contentsOf: file)))
            }
        }
    }

    @Test("RAD-75: Implicit VR Little Endian when asked first; an unofferable syntax is XDSRepositoryError at the SOP")
    func transferSyntaxes() async throws {
        try await FixtureHarness.with(community: "south-west-imaging") { fixture in
            let instance = try #require(fixture.community.instances.first)
            let implicit = TransferSyntaxUID(rawValue: "1.2.840.10008.1.2")
            let jpeg2000 = TransferSyntaxUID(rawValue: "1.2.840.10008.1.2.4.90")
            let answer = try await Self.retrieveImaging(fixture, [instance], syntaxes: [jpeg2000, implicit])
            let document = try #require(answer.response.documents.first)
            let file = try DICOMReader.read(try #require(answer.attachment(of: document)), stopAtPixelData: true)
            #expect(file.transferSyntax == implicit)

            let refused = try await Self.retrieveImaging(fixture, [instance], syntaxes: [jpeg2000])
            try FixtureHarness.conformanceOutput(name: "rad75-response-failure.multipart", bytes: refused.body)
            #expect(refused.response.status == .failure)
            #expect(refused.response.documents.isEmpty)
            #expect(refused.response.errors.map(\.code) == [.repositoryError])
            #expect(refused.response.errors.first?.location == instance.sopInstanceUID.rawValue)
        }
    }

    struct ImagingAnswer {
        let body: [UInt8]
        let message: MTOMMessage
        let response: RetrieveDocumentSetResponse

        func attachment(of document: DocumentResponse) -> [UInt8]? {
            guard case .attachment(let contentID) = document.content else { return nil }
            return message.attachments.first { $0.contentID.value == contentID }.map { Array(buffer: $0.body) }
        }
    }

    static func retrieveImaging(
        _ fixture: FixtureHarness,
        _ instances: [FixtureInstance],
        syntaxes: [TransferSyntaxUID]
    ) async throws -> ImagingAnswer {
        var studies: [StudyRequest] = []
        for instance in instances {
            let document = DocumentRequest(
                homeCommunityID: fixture.community.homeCommunityID,
                repositoryUniqueID: instance.repositoryUniqueID,
                documentUniqueID: DocumentUniqueID(rawValue: instance.sopInstanceUID.rawValue)
            )
            if let s = studies.firstIndex(where: { $0.studyInstanceUID == instance.studyInstanceUID }) {
                if let r = studies[s].series.firstIndex(where: { $0.seriesInstanceUID == instance.seriesInstanceUID }) {
                    studies[s].series[r].documents.append(document)
                } else {
                    studies[s].series.append(SeriesRequest(seriesInstanceUID: instance.seriesInstanceUID, documents: [document]))
                }
            } else {
                studies.append(
                    StudyRequest(
                        studyInstanceUID: instance.studyInstanceUID,
                        series: [SeriesRequest(seriesInstanceUID: instance.seriesInstanceUID, documents: [document])]
                    )
                )
            }
        }
        let request = try RetrieveImagingDocumentSetRequest(studies: studies, transferSyntaxUIDs: syntaxes)
            .encode(addressing: .request(action: Transaction.rad75.requestAction))
        try FixtureHarness.conformanceOutput(name: "rad75-request.xml", bytes: request)
        let answer = try await fixture.post(request, action: Transaction.rad75.requestAction, path: "/xcai")
        #expect(answer.status == .ok)
        let contentType = try #require(answer.headerFields[.contentType])
        let body = try await answer.bytes()
        let message = try await MTOMMessage.read(
            contentType: try MIMEContentType(parsing: contentType),
            body: ByteBuffer(bytes: body),
            maxAttachmentBytes: 64 << 20
        )
        let response = try RetrieveDocumentSetResponse.decode(message.root.body).response
        return ImagingAnswer(body: body, message: message, response: response)
    }

    @Test("routing: GET / describes the community, a wrong path is 404, GET on an endpoint 405, a wrong action a fault")
    func routing() async throws {
        try await FixtureHarness.with(community: "midlands-imaging") { fixture in
            let home = try await fixture.client.execute(
                CommunityHTTPRequest(method: .get, url: fixture.baseURL + "/"),
                tls: fixture.tls,
                deadline: .now + .seconds(10)
            )
            #expect(home.status == .ok)
            #expect(String(decoding: try await home.bytes(), as: UTF8.self).contains(fixture.community.homeCommunityID.rawValue))
            let missing = try await fixture.client.execute(
                CommunityHTTPRequest(method: .post, url: fixture.baseURL + "/nope", body: ByteBuffer(string: "x")),
                tls: fixture.tls,
                deadline: .now + .seconds(10)
            )
            #expect(missing.status == .notFound)
            let get = try await fixture.client.execute(
                CommunityHTTPRequest(method: .get, url: fixture.baseURL + "/xcai"),
                tls: fixture.tls,
                deadline: .now + .seconds(10)
            )
            #expect(get.status == .methodNotAllowed)
            // An ITI-38 query sent to the imaging endpoint: ActionNotSupported (WS-Addressing), a Sender fault.
            let (_, query) = try FixtureHarness.findDocuments(Self.patientInAllCommunities)
            let wrong = try await fixture.post(query, action: Transaction.iti38.requestAction, path: "/xcai")
            #expect(wrong.status == .badRequest)
            let faultBytes = try await wrong.bytes()
            try FixtureHarness.conformanceOutput(name: "fault-action-not-supported.xml", bytes: faultBytes)
            #expect(throws: SOAPFault.self) { try CrossGatewayQueryResponse.decode(faultBytes) }
        }
    }
}

/// SHA-1 hex, as the XDS `hash` slot carries it (computed here with swift-crypto, not with the generator's helper).
func sha1Hex(_ bytes: [UInt8]) -> String {
    Insecure.SHA1.hash(data: bytes).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
