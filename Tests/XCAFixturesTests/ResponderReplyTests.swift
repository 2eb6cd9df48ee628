import Foundation
import NIOCore
import Testing
import XCABinding
import XCAFixtures
import XCAModel
import XCASOAP

/// What the responder sends back: requests decoded from envelopes, answered, written through the streaming
/// body, and read back with XCASOAP's MTOM reader and XCABinding's decoders. The messages go to
/// `XCA_CONFORMANCE_OUT` for validate-soap.
@Suite("Responder: replies")
struct ResponderReplyTests {
    typealias C = TestCommunity
    let responder = FixtureResponder(community: TestCommunity.community)

    /// The whole body as written, with the sizes of the buffers it came in.
    static func collect(_ reply: FixtureReply, chunkSize: Int = 64 * 1024) async throws -> (ByteBuffer, [Int]) {
        var body = ByteBuffer()
        var sizes: [Int] = []
        try await reply.write(chunkSize: chunkSize) { chunk in
            sizes.append(chunk.readableBytes)
            body.writeImmutableBuffer(chunk)
        }
        return (body, sizes)
    }

    /// The fault in an envelope, and its RelatesTo.
    static func readFault(_ bytes: [UInt8]) throws -> (SOAPFault, [String]) {
        let (header, fault) = try SOAPEnvelopeReader(requiresAction: false).read(bytes) { _, body in
            try SOAPFault.read(from: body)
        }
        return (fault, header.addressing.relatesTo)
    }

    // MARK: ITI-38

    @Test(arguments: [
        ("leafclass", C.findDocuments(), ResponseStatus.success, 2),
        ("objectref", C.findDocuments(returnType: .objectRef), .success, 2),
        (
            "getall",
            C.query(
                .getAll,
                [
                    ("$patientId", C.quoted(C.patient.rawValue)), ("$XDSDocumentEntryStatus", C.bothStatuses),
                    ("$XDSSubmissionSetStatus", C.bothStatuses), ("$XDSFolderStatus", C.bothStatuses),
                ]
            ), .success, 13
        ),
        ("error", C.query(.getDocuments, [("$XDSDocumentEntryUniqueId", C.quoted("1.2.3"))]), .failure, 0),
    ])
    func queryAnswerIsAPlainEnvelope(
        _ name: String,
        _ request: CrossGatewayQueryRequest,
        _ status: ResponseStatus,
        _ count: Int
    )
        async throws
    {
        let addressing = AddressingHeaders.request(
            action: Transaction.iti38.requestAction,
            to: "https://rg.example.nhs.uk/xca"
        )
        let reply = responder.respond(toEnvelope: try request.encode(addressing: addressing), at: .xca)
        #expect(reply.httpStatus == 200)
        #expect(reply.transaction == .iti38)
        #expect(reply.status == status)
        #expect(reply.contentType.mediaType == "application/soap+xml")
        #expect(reply.contentType.action == Transaction.iti38.responseAction)
        let (body, sizes) = try await Self.collect(reply)
        #expect(sizes.count == 1)
        #expect(body.readableBytes == reply.contentLength)
        let bytes = Array(buffer: body)
        try ResponderConformanceOutput.write(name: "iti38-response-\(name).xml", bytes: bytes)

        let (header, response) = try CrossGatewayQueryResponse.decode(bytes)
        #expect(header?.addressing.action == Transaction.iti38.responseAction)
        #expect(header?.addressing.relatesTo == [addressing.messageID].compactMap { $0 })
        #expect(response.status == status)
        #expect(response.registryObjects.count == count)
        #expect(response == responder.query(request))
    }

    // MARK: ITI-39

    @Test func retrieveAnswerIsAnMTOMPackageThatReadsBack() async throws {
        let request = RetrieveDocumentSetRequest(documents: [
            DocumentRequest(homeCommunityID: C.home, repositoryUniqueID: C.repository, documentUniqueID: C.uniqueID(1)),
            DocumentRequest(homeCommunityID: C.home, repositoryUniqueID: C.repository, documentUniqueID: C.uniqueID(7)),
            DocumentRequest(homeCommunityID: C.home, repositoryUniqueID: C.repository, documentUniqueID: C.uniqueID(2)),
        ])
        let addressing = AddressingHeaders.request(
            action: Transaction.iti39.requestAction,
            to: "https://rg.example.nhs.uk/xca"
        )
        let reply = responder.respond(toEnvelope: try request.encode(addressing: addressing), at: .xca)
        #expect(reply.httpStatus == 200)
        #expect(reply.transaction == .iti39)
        #expect(reply.status == .partialSuccess)
        #expect(reply.contentType.mediaType == "multipart/related")
        #expect(reply.contentType.typeParameter == "application/xop+xml")
        #expect(reply.contentType.startInfo == "application/soap+xml")
        #expect(reply.contentType.action == Transaction.iti39.responseAction)
        #expect(reply.contentType.boundary != nil)

        let (body, _) = try await Self.collect(reply)
        #expect(body.readableBytes == reply.contentLength)
        try ResponderConformanceOutput.write(name: "iti39-response.multipart", bytes: Array(buffer: body))

        let message = try await MTOMMessage.read(contentType: reply.contentType, body: body)
        #expect(message.root.contentID?.headerValue == reply.contentType.start)
        #expect(message.root.contentType.mediaType == "application/xop+xml")
        let (header, response) = try RetrieveDocumentSetResponse.decode(message.root.body)
        #expect(header?.addressing.action == Transaction.iti39.responseAction)
        #expect(header?.addressing.relatesTo == [addressing.messageID].compactMap { $0 })
        #expect(response.status == .partialSuccess)
        #expect(response.errors.map(\.code) == [.documentUniqueIDError])
        #expect(response.errors.map(\.location) == [C.home.rawValue])
        #expect(response.documents.map(\.documentUniqueID) == [C.uniqueID(1), C.uniqueID(2)])
        #expect(message.attachments.count == 2)
        let expected = [C.uniqueID(1): C.reportText, C.uniqueID(2): C.manifestBytes]
        for document in response.documents {
            guard case .attachment(let contentID) = document.content else {
                Issue.record("the document is inline, not an xop:Include")
                continue
            }
            let part = try message.attachment(for: XOPInclude(contentID: ContentID(contentID)))
            #expect(Array(buffer: part.body) == expected[document.documentUniqueID])
            #expect(part.contentType.mediaType == document.mimeType)
        }
    }

    // MARK: RAD-75 and RAD-69

    @Test(arguments: [(Transaction.rad75, GatewayEndpoint.xcai), (.rad69, .xcai)])
    func imagingRetrieveAnswersWithTheTransactionsResponseAction(
        _ transaction: Transaction,
        _ endpoint: GatewayEndpoint
    )
        async throws
    {
        let request = ResponderImagingRetrieveTests.request(
            [C.i1, C.i2],
            home: transaction == .rad75 ? C.home : nil,
            syntaxes: [C.jpeg2000, .explicitVRLittleEndian]
        )
        let addressing = AddressingHeaders.request(
            action: transaction.requestAction,
            to: "https://rig.example.nhs.uk/xcai"
        )
        let reply = responder.respond(toEnvelope: try request.encode(addressing: addressing), at: endpoint)
        #expect(reply.transaction == transaction)
        #expect(reply.status == .success)
        #expect(reply.contentType.action == transaction.responseAction)
        let expectedAction =
            transaction == .rad75
            ? "urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSetResponse"
            : "urn:ihe:iti:2007:RetrieveDocumentSetResponse"
        #expect(transaction.responseAction == expectedAction)

        let (body, _) = try await Self.collect(reply)
        #expect(body.readableBytes == reply.contentLength)
        try ResponderConformanceOutput.write(
            name: "\(transaction.rawValue.lowercased())-response.multipart",
            bytes: Array(buffer: body)
        )
        let message = try await MTOMMessage.read(contentType: reply.contentType, body: body)
        let (header, response) = try RetrieveDocumentSetResponse.decode(message.root.body)
        #expect(header?.addressing.action == expectedAction)
        #expect(response.documents.map(\.mimeType) == ["application/dicom", "application/dicom"])
        let renditions = [C.rendition(1, .explicitVRLittleEndian), C.rendition(2, C.jpeg2000)]
        for (document, expected) in zip(response.documents, renditions) {
            guard case .attachment(let contentID) = document.content else {
                Issue.record("the instance is inline, not an xop:Include")
                continue
            }
            #expect(
                Array(buffer: try message.attachment(for: XOPInclude(contentID: ContentID(contentID))).body) == expected
            )
        }
    }

    @Test func anImagingRetrieveWithOnlyErrorsIsStillMTOM() async throws {
        let request = ResponderImagingRetrieveTests.request([C.i2], syntaxes: [.implicitVRLittleEndian])
        let addressing = AddressingHeaders.request(action: Transaction.rad75.requestAction)
        let reply = responder.respond(toEnvelope: try request.encode(addressing: addressing), at: .xcai)
        #expect(reply.status == .failure)
        let (body, _) = try await Self.collect(reply)
        try ResponderConformanceOutput.write(name: "rad75-response-failure.multipart", bytes: Array(buffer: body))
        let message = try await MTOMMessage.read(contentType: reply.contentType, body: body)
        #expect(message.attachments.isEmpty)
        let (_, response) = try RetrieveDocumentSetResponse.decode(message.root.body)
        #expect(response.errors.map(\.code) == [.repositoryError])
        #expect(response.errors.map(\.location) == [C.i2.rawValue])
    }

    // MARK: Streaming

    @Test func attachmentsAreStreamedInBoundedChunks() async throws {
        let size = 300_007
        let bytes = C.bytes(9, count: size)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("responder-\(UUID().uuidString).dcm")
            .path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }

        let envelope = try RetrieveDocumentSetResponse(status: .success).encode(
            addressing: AddressingHeaders(action: "urn:x")
        )
        let attachments = try (1...2).map { number in
            FixtureAttachment(
                contentID: try ContentID("instance-\(number)@fixture"),
                contentType: try MIMEContentType(parsing: "application/dicom"),
                content: .file(path: path, size: size)
            )
        }
        let package = try FixtureMTOMBody(envelope: envelope, attachments: attachments, action: "urn:x")
        let reply = FixtureReply(
            httpStatus: 200,
            contentType: package.contentType,
            body: .mtom(package),
            transaction: nil,
            status: nil
        )
        let (body, sizes) = try await Self.collect(reply, chunkSize: 32 * 1024)
        #expect(body.readableBytes == package.contentLength)
        #expect(sizes.max() ?? 0 <= 32 * 1024)
        #expect(sizes.count >= 2 * (size / (32 * 1024)) + 4)  // root, 2 heads, close and the chunks

        let message = try await MTOMMessage.read(
            contentType: package.contentType,
            body: body,
            maxAttachmentBytes: 1 << 20
        )
        #expect(message.root.body == ByteBuffer(bytes: envelope))
        #expect(message.attachments.count == 2)
        #expect(message.attachments.allSatisfy { Array(buffer: $0.body) == bytes })
    }

    // MARK: Faults

    @Test func anInjectedFaultIsAReceiverFaultWithHTTP500() throws {
        let reply = FixtureReply.fault(
            .receiver("fault injected by the fixture server"),
            relatesTo: "urn:uuid:0a1b2c3d-0000-4000-8000-000000000001"
        )
        #expect(reply.httpStatus == 500)
        #expect(reply.transaction == nil)
        #expect(reply.contentType.mediaType == "application/soap+xml")
        #expect(reply.contentType.action == SOAPNamespace.soapFaultAction)
        guard case .envelope(let bytes) = reply.body else {
            Issue.record("a fault is a plain envelope")
            return
        }
        try ResponderConformanceOutput.write(name: "fault-injected.xml", bytes: bytes)
        let (fault, relatesTo) = try Self.readFault(bytes)
        #expect(fault.code == .receiver)
        #expect(fault.reason == "fault injected by the fixture server")
        #expect(relatesTo == ["urn:uuid:0a1b2c3d-0000-4000-8000-000000000001"])
        #expect(bytes.count == reply.contentLength)
    }

    @Test func requestsThatCannotBeDecodedGetTheDecodersFault() throws {
        let garbage = responder.respond(toEnvelope: Array("<not-soap".utf8), at: .xca)
        #expect(garbage.httpStatus == 400)
        guard case .envelope(let garbageBytes) = garbage.body else { return }
        #expect(try Self.readFault(garbageBytes).0.code == .sender)

        // ITI-38 is not served at the XCA-I endpoint.
        let query = try C.findDocuments().encode(addressing: .request(action: Transaction.iti38.requestAction))
        let wrongEndpoint = responder.respond(toEnvelope: query, at: .xcai)
        #expect(wrongEndpoint.httpStatus == 400)
        guard case .envelope(let bytes) = wrongEndpoint.body else { return }
        let (fault, _) = try Self.readFault(bytes)
        #expect(fault.subcodes == [SOAPFault.actionNotSupportedSubcode])
        #expect(wrongEndpoint.contentType.action == SOAPNamespace.addressingFaultAction)

        // A body that is not the action's message: a BindingError, answered with its Sender fault.
        let retrieveBody = try ResponderImagingRetrieveTests.request([C.i1], syntaxes: [C.jpeg2000])
            .encode(addressing: .request(action: Transaction.iti38.requestAction))
        let wrongBody = responder.respond(toEnvelope: retrieveBody, at: .xca)
        #expect(wrongBody.httpStatus == 400)
    }
}
