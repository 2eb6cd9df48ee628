import NIOCore
import Testing
import XCABinding
import XCAFixtures
import XCAModel
import XCASOAP

@testable import XCAGateway

/// Two communities' answers merged into one MTOM package (ITI TF-2 3.39.4.2; RAD TF-3 4.69.4.2, 4.75.4.2; XOP 1.0).
@Suite("Retrieve relay: merging legs")
struct RetrieveRelayMergeTests {
    typealias F = RelayFixtures

    /// Checks a merged package against the documents the communities hold: every document once, its bytes the
    /// community's, Content-IDs unique and each part referenced once, WS-Addressing of the transaction.
    static func check(
        _ package: ParsedPackage,
        transaction: Transaction,
        request: AddressingHeaders,
        expected: [String: [UInt8]],
        communities: [HomeCommunityID]
    ) throws {
        #expect(package.header?.addressing.action == transaction.responseAction)
        #expect(package.header?.addressing.relatesTo == [try #require(request.messageID)])
        #expect(package.response.status == .success)
        #expect(package.response.errors.isEmpty)
        let documents = package.response.documents
        #expect(documents.count == expected.count)
        #expect(Set(documents.map(\.documentUniqueID.rawValue)) == Set(expected.keys))
        var contentIDs: [String] = []
        for document in documents {
            guard case .attachment(let contentID) = document.content else {
                Issue.record("document \(document.documentUniqueID) is not an attachment")
                continue
            }
            contentIDs.append(contentID)
            #expect(try package.documentBytes(document) == expected[document.documentUniqueID.rawValue])
            #expect(try package.attachment(document)?.contentType.mediaType == document.mimeType)
            #expect(document.homeCommunityID.map(communities.contains) == true)
        }
        #expect(Set(contentIDs).count == contentIDs.count)
        #expect(package.message.attachments.count == documents.count)
        #expect(Set(package.message.attachments.map(\.contentID.value)) == Set(contentIDs))
    }

    @Test func twoITI39LegsBecomeOnePackage() async throws {
        let north = try F.community("north-imaging")
        let midlands = try F.community("midlands-imaging")
        let (northAnswer, northExpected) = try await F.iti39(north, count: 3)
        let (midlandsAnswer, midlandsExpected) = try await F.iti39(midlands, count: 2)
        let legs = [try await northAnswer.open(), try await midlandsAnswer.open()]
        #expect(legs.map(\.response.documents.count) == [3, 2])
        #expect(legs.allSatisfy { !$0.isSpooled })

        let request = AddressingHeaders.request(action: Transaction.iti39.requestAction)
        let composed = try RetrieveResponseComposer(transaction: .iti39, requestHeader: request)
            .compose(legs: legs, errors: [])
        #expect(composed.status == .success)
        #expect(composed.documentCount == 5)
        #expect(composed.contentType.hasPrefix("multipart/related;"))
        #expect(composed.contentType.contains(Transaction.iti39.responseAction))
        let package = try await F.relay(composed)
        try Self.check(
            package,
            transaction: .iti39,
            request: request,
            expected: northExpected.merging(midlandsExpected) { a, _ in a },
            communities: [north.homeCommunityID, midlands.homeCommunityID]
        )
        // Leg order: north's documents first, and the parts in the same order.
        #expect(package.response.documents.prefix(3).allSatisfy { $0.homeCommunityID == north.homeCommunityID })
        let partOrder = package.message.attachments.map(\.contentID.value)
        let documentOrder = package.response.documents.compactMap { document -> String? in
            if case .attachment(let id) = document.content { return id }
            return nil
        }
        #expect(partOrder == documentOrder)
        #expect(Array(package.message.root.body.readableBytesView) == composed.rootEnvelope)
        try F.conformanceOutput(name: "iti39.multipart", bytes: package.bytes)
    }

    @Test(arguments: [Transaction.rad75, .rad69])
    func twoRAD75LegsBecomeOnePackage(transaction: Transaction) async throws {
        let north = try F.community("north-imaging")
        let southWest = try F.community("south-west-imaging")
        let (northAnswer, northExpected) = try await F.rad75(north, count: 4)
        let (southAnswer, southExpected) = try await F.rad75(southWest, count: 3)
        #expect(northExpected.count >= 2 && southExpected.count >= 2)
        let legs = [try await northAnswer.open(), try await southAnswer.open()]

        let request = AddressingHeaders.request(action: transaction.requestAction)
        let composed = try RetrieveResponseComposer(transaction: transaction, requestHeader: request)
            .compose(legs: legs, errors: [])
        #expect(composed.documentCount == northExpected.count + southExpected.count)
        let package = try await F.relay(composed)
        try Self.check(
            package,
            transaction: transaction,
            request: request,
            expected: northExpected.merging(southExpected) { a, _ in a },
            communities: [north.homeCommunityID, southWest.homeCommunityID]
        )
        #expect(package.response.documents.allSatisfy { $0.mimeType == "application/dicom" })
        if transaction == .rad75 { try F.conformanceOutput(name: "rad75.multipart", bytes: package.bytes) }
    }

    @Test func reusedContentIDsAcrossLegsGetFreshOnes() async throws {
        let homes = [HomeCommunityID(rawValue: "urn:oid:1.2.3.1"), HomeCommunityID(rawValue: "urn:oid:1.2.3.2")]
        var legs: [OpenedRetrieveLeg] = []
        for (index, home) in homes.enumerated() {
            let response = RetrieveDocumentSetResponse(
                documents: [
                    DocumentResponse(
                        homeCommunityID: home,
                        repositoryUniqueID: RepositoryUniqueID(rawValue: "1.2.3.\(index).9"),
                        documentUniqueID: DocumentUniqueID(rawValue: "1.2.3.\(index).1"),
                        mimeType: "text/plain",
                        content: .attachment(contentID: "doc1@partner")
                    )
                ],
                errors: []
            )
            let answer = try F.mtomAnswer(
                community: home,
                response: response,
                attachments: [("doc1@partner", Array("leg \(index)\r\n--\r\n".utf8))]
            )
            legs.append(try await answer.open())
        }
        let composed = try RetrieveResponseComposer(
            transaction: .iti39,
            requestHeader: .request(action: Transaction.iti39.requestAction)
        ).compose(legs: legs, errors: [])
        let package = try await F.relay(composed)
        let ids = package.message.attachments.map(\.contentID)
        #expect(Set(ids).count == 2)
        #expect(!ids.contains { $0.value == "doc1@partner" })
        for (index, document) in package.response.documents.enumerated() {
            #expect(try package.documentBytes(document) == Array("leg \(index)\r\n--\r\n".utf8))
        }
    }

    @Test func aLegsErrorsPassThroughWithTheirLocation() async throws {
        let north = try F.community("north-imaging")
        let missing = DocumentRequest(
            homeCommunityID: north.homeCommunityID,
            repositoryUniqueID: try #require(north.repositories.first),
            documentUniqueID: DocumentUniqueID(rawValue: "1.2.3.999")
        )
        let (answer, expected) = try await F.iti39(north, count: 2, extra: [missing])
        let leg = try await answer.open()
        #expect(leg.response.status == .partialSuccess)
        #expect(leg.response.errors.map(\.code) == [.documentUniqueIDError])
        let unavailable = RegistryError(
            .unavailableCommunity,
            codeContext: "the community did not answer in time",
            location: "urn:oid:1.2.3.4"
        )
        let errors = leg.response.errors + [unavailable]
        let composed = try RetrieveResponseComposer(
            transaction: .iti39,
            requestHeader: .request(action: Transaction.iti39.requestAction)
        ).compose(legs: [leg], errors: errors)
        #expect(composed.status == .partialSuccess)
        let package = try await F.relay(composed)
        #expect(package.response.status == .partialSuccess)
        #expect(package.response.errors == errors)
        #expect(package.response.errors.first?.location == north.homeCommunityID.rawValue)
        #expect(package.response.documents.count == expected.count)
    }

    @Test func errorsWithoutDocumentsAreAFailure() async throws {
        let unavailable = RegistryError(.unavailableCommunity, codeContext: "no answer", location: "urn:oid:1.2.3.4")
        let request = AddressingHeaders.request(action: Transaction.rad75.requestAction)
        let composed = try RetrieveResponseComposer(transaction: .rad75, requestHeader: request)
            .compose(legs: [], errors: [unavailable])
        #expect(composed.status == .failure)
        #expect(composed.documentCount == 0)
        let package = try await F.relay(composed)
        #expect(package.response.status == .failure)
        #expect(package.response.errors == [unavailable])
        #expect(package.message.attachments.isEmpty)
        #expect(package.header?.addressing.action == Transaction.rad75.responseAction)
    }

    @Test func warningsAloneStayASuccess() async throws {
        let warning = RegistryError(
            .registryError,
            codeContext: "slow",
            location: "urn:oid:1.2.3.4",
            severity: .warning
        )
        let north = try F.community("north-imaging")
        let (answer, _) = try await F.iti39(north, count: 1)
        let composed = try RetrieveResponseComposer(
            transaction: .iti39,
            requestHeader: .request(action: Transaction.iti39.requestAction)
        ).compose(legs: [try await answer.open()], errors: [warning])
        #expect(composed.status == .success)
    }

    @Test func iti38IsNotARetrieve() throws {
        #expect(throws: RetrieveRelayError(.misuse, "")) {
            try RetrieveResponseComposer(transaction: .iti38, requestHeader: AddressingHeaders())
                .compose(legs: [], errors: [])
        }
    }

    @Test func fixedNamingGivesReproducibleBytesAndALegIsRelayedOnce() async throws {
        let north = try F.community("north-imaging")
        let (answer, _) = try await F.iti39(north, count: 2)
        let naming = try RetrieveRelayNaming(
            multipart: MultipartWriter(boundary: "relay-boundary"),
            rootContentID: ContentID("root@test"),
            messageID: "urn:uuid:00000000-0000-4000-8000-000000000001",
            contentIDToken: "t"
        )
        let request = AddressingHeaders.request(action: Transaction.iti39.requestAction)
        let composer = RetrieveResponseComposer(transaction: .iti39, requestHeader: request, naming: naming)
        let one = try await F.relay(composer.compose(legs: [try await answer.open()], errors: []))
        let two = try await F.relay(composer.compose(legs: [try await answer.open()], errors: []))
        #expect(one.bytes == two.bytes)
        #expect(one.message.attachments.map(\.contentID.value) == ["1.t@xca-gateway", "2.t@xca-gateway"])
        #expect(one.header?.addressing.messageID == naming.messageID)

        let leg = try await answer.open()
        let composed = try composer.compose(legs: [leg], errors: [])
        _ = try await F.relay(composed)
        await #expect(throws: RetrieveRelayError(.misuse, "")) { _ = try await F.relay(composed) }
    }
}
