import NIOCore
import Testing
import XCABinding
import XCAFixtures
import XCAModel
import XCASOAP

@testable import XCAGateway

/// Phase 1: reading and checking one community's answer (ITI TF-2 Appendix V; SOAP 1.2 Part 2 §7.5.1.2).
@Suite("Retrieve relay: opening a leg")
struct RetrieveLegReaderTests {
    typealias F = RelayFixtures
    static let home = HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.3680043.10.77")

    static func document(_ number: Int, _ content: DocumentContent, home: HomeCommunityID? = home) -> DocumentResponse {
        DocumentResponse(
            homeCommunityID: home,
            repositoryUniqueID: RepositoryUniqueID(rawValue: "1.2.826.0.1.3680043.10.77.1"),
            documentUniqueID: DocumentUniqueID(rawValue: "1.2.826.0.1.3680043.10.77.2.\(number)"),
            mimeType: "application/dicom",
            content: content
        )
    }

    static let inlineBytes: [UInt8] = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }

    @Test func anInlineDocumentIsRelayedAsAnAttachment() async throws {
        let response = RetrieveDocumentSetResponse(documents: [Self.document(1, .inline(Self.inlineBytes))], errors: [])
        let answer = try F.plainAnswer(community: Self.home, response: response)
        let leg = try await answer.open()
        #expect(leg.response.documents.first?.content == .inline(Self.inlineBytes))
        let composed = try RetrieveResponseComposer(
            transaction: .rad75,
            requestHeader: .request(action: Transaction.rad75.requestAction)
        ).compose(legs: [leg], errors: [])
        let package = try await F.relay(composed)
        let document = try #require(package.response.documents.first)
        guard case .attachment = document.content else {
            Issue.record("the inline document is still inline")
            return
        }
        #expect(try package.documentBytes(document) == Self.inlineBytes)
        #expect(try package.attachment(document)?.contentType.mediaType == "application/dicom")
        #expect(package.response.status == .success)
    }

    @Test func inlineDocumentsAreRefusedWhenTheLimitsSaySo() async throws {
        let response = RetrieveDocumentSetResponse(documents: [Self.document(1, .inline([1, 2, 3]))], errors: [])
        let answer = try F.plainAnswer(community: Self.home, response: response)
        await #expect(throws: RetrieveRelayError(.inlineRefused, "")) {
            _ = try await answer.open(limits: RetrieveRelayLimits(acceptInlineDocuments: false))
        }
    }

    @Test func aMissingHomeCommunityIdIsStampedWithTheLegsCommunity() async throws {
        let response = RetrieveDocumentSetResponse(
            documents: [Self.document(1, .inline([1]), home: nil)],
            errors: []
        )
        let leg = try await F.plainAnswer(community: Self.home, response: response).open()
        #expect(leg.response.documents.first?.homeCommunityID == Self.home)
    }

    @Test(arguments: [SOAPFault.Code.receiver, .sender])
    func aCommunitysFaultIsThrownAsItsSOAPFault(code: SOAPFault.Code) async throws {
        let fault = SOAPFault(code: code, reason: "repository offline")
        let reply = FixtureReply.fault(fault, relatesTo: "urn:uuid:1")
        var bytes: [UInt8] = []
        try await reply.write { bytes += $0.readableBytesView }
        let answer = LegAnswer(
            community: Self.home,
            status: reply.httpStatus,
            contentType: reply.contentType.description,
            bytes: bytes
        )
        #expect(answer.status == (code == .sender ? 400 : 500))
        do {
            _ = try await answer.open()
            Issue.record("a fault was accepted")
        } catch let thrown as SOAPFault {
            #expect(thrown.code == code)
            #expect(thrown.reason == "repository offline")
        }
    }

    @Test func aFaultInAnMTOMPackageIsThrownToo() async throws {
        let fault = SOAPEnvelopeWriter.write(SOAPFault(code: .receiver, reason: "busy"), relatesTo: nil)
        let writer = try MTOMWriter(action: nil)
        let package = writer.message(root: ByteBuffer(bytes: fault), attachments: [])
        let answer = LegAnswer(
            community: Self.home,
            status: 500,
            contentType: writer.contentType.description,
            bytes: Array(package.readableBytesView)
        )
        await #expect(throws: SOAPFault(code: .receiver, reason: "busy")) { _ = try await answer.open() }
    }

    @Test(arguments: [(503, "text/html"), (302, "application/soap+xml"), (404, "text/plain"), (204, "")])
    func anotherHTTPStatusIsRefused(status: Int, contentType: String) async throws {
        let answer = LegAnswer(
            community: Self.home,
            status: status,
            contentType: contentType,
            bytes: Array("<html>Service Unavailable</html>".utf8)
        )
        do {
            _ = try await answer.open()
            Issue.record("HTTP \(status) was accepted")
        } catch let error as RetrieveRelayError {
            #expect(error.code == .httpStatus)
            #expect(error.httpStatus == status)
        }
    }

    @Test(arguments: [
        "text/html; charset=utf-8", "text/xml; charset=utf-8", "multipart/mixed; boundary=x",
        #"multipart/related; boundary=x; type="text/xml""#, "", "not a content type",
    ])
    func aContentTypeThatIsNotSOAPIsRefused(contentType: String) async throws {
        let answer = LegAnswer(community: Self.home, status: 200, contentType: contentType, bytes: Array("<x/>".utf8))
        await #expect(throws: RetrieveRelayError(.notSOAP, "")) { _ = try await answer.open() }
    }

    @Test(arguments: [
        "garbage, not XML",
        "<a><b></a>",
        #"<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body/></env:Envelope>"#,
        #"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><x xmlns="urn:other"/></env:Body></env:Envelope>"#,
        #"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><RetrieveDocumentSetResponse xmlns="urn:ihe:iti:xds-b:2007"/></env:Body></env:Envelope>"#,
        "",
    ])
    func anUnreadableRootIsMalformed(body: String) async throws {
        let answer = LegAnswer(
            community: Self.home,
            status: 200,
            contentType: "application/soap+xml; charset=UTF-8",
            bytes: Array(body.utf8)
        )
        await #expect(throws: RetrieveRelayError(.malformed, "")) { _ = try await answer.open() }
    }

    @Test func brokenMultipartFramingIsMalformedOrTruncated() async throws {
        let writer = try MTOMWriter(action: nil)
        let garbage = LegAnswer(
            community: Self.home,
            status: 200,
            contentType: writer.contentType.description,
            bytes: Array("no delimiter here at all".utf8)
        )
        await #expect(throws: RetrieveRelayError(.malformed, "")) { _ = try await garbage.open() }

        let north = try F.community("north-imaging")
        var (answer, _) = try await F.iti39(north, count: 1)
        answer.bytes = Array(answer.bytes.prefix(300))  // inside the root part
        await #expect(throws: RetrieveRelayError(.truncated, "")) { _ = try await answer.open() }
    }

    @Test func aRootOverTheLimitIsTooLarge() async throws {
        let response = RetrieveDocumentSetResponse(documents: [Self.document(1, .inline(Self.inlineBytes))], errors: [])
        let answer = try F.plainAnswer(community: Self.home, response: response)
        await #expect(throws: RetrieveRelayError(.tooLarge, "")) {
            _ = try await answer.open(limits: RetrieveRelayLimits(maxRootPartBytes: 100_000))
        }
    }

    @Test func aPlainAnswerNamingAnAttachmentIsMissingIt() async throws {
        let response = RetrieveDocumentSetResponse(
            documents: [Self.document(1, .attachment(contentID: "nowhere@x"))],
            errors: []
        )
        await #expect(throws: RetrieveRelayError(.missingAttachment, "")) {
            _ = try await F.plainAnswer(community: Self.home, response: response).open()
        }
    }

    @Test func twoDocumentsNamingOnePartAreMalformed() async throws {
        let response = RetrieveDocumentSetResponse(
            documents: [
                Self.document(1, .attachment(contentID: "a@x")), Self.document(2, .attachment(contentID: "a@x")),
            ],
            errors: []
        )
        let answer = try F.mtomAnswer(community: Self.home, response: response, attachments: [("a@x", [1])])
        await #expect(throws: RetrieveRelayError(.malformed, "")) { _ = try await answer.open() }
    }

    @Test func aFailureAnswerInMTOMIsReadToTheEndAtOpen() async throws {
        let error = RegistryError(.repositoryError, codeContext: "down", location: Self.home.rawValue)
        let response = RetrieveDocumentSetResponse(documents: [], errors: [error])
        let answer = try F.mtomAnswer(community: Self.home, response: response, attachments: [("stray@x", [9, 9])])
        let probe = BodyProbe()
        let leg = try await answer.open(probe: probe)
        #expect(probe.snapshot.ended)
        #expect(leg.response.status == .failure)
        #expect(leg.response.errors == [error])
        await #expect(throws: RetrieveRelayError(.unexpectedAttachment, "")) {
            _ = try await answer.open(limits: RetrieveRelayLimits(unreferencedAttachments: .refuse))
        }
    }

    @Test func theBodysOwnErrorPassesThroughUnchanged() async throws {
        let north = try F.community("north-imaging")
        let (answer, _) = try await F.iti39(north, count: 1)
        await #expect(throws: FakeTransportFailure()) { _ = try await answer.open(failAfter: 0) }
    }
}
