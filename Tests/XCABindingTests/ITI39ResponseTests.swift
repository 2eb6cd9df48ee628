import Foundation
import NIOCore
import Testing
import XCAModel
import XCASOAP
import XCAXML

@testable import XCABinding

@Suite("ITI-39 / RAD-69 / RAD-75 RetrieveDocumentSetResponse")
struct ITI39ResponseTests {
    static func envelope(_ body: String) -> [UInt8] {
        Array(
            """
            <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">
              <s:Header><a:RelatesTo>urn:uuid:0fbfdced-6c01-4d09-a110-2201afedaa02</a:RelatesTo></s:Header>
              <s:Body>\(body)</s:Body>
            </s:Envelope>
            """.utf8
        )
    }

    static func response(
        _ content: String,
        status: String = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"
    )
        -> String
    {
        """
        <xdsb:RetrieveDocumentSetResponse xmlns:xdsb="urn:ihe:iti:xds-b:2007" xmlns:rs="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0">
          <rs:RegistryResponse status="\(status)"/>\(content)
        </xdsb:RetrieveDocumentSetResponse>
        """
    }

    static func documentResponse(_ document: String, mimeType: String? = "application/dicom") -> String {
        """
        <xdsb:DocumentResponse>
          <xdsb:HomeCommunityId>urn:oid:1.2.3</xdsb:HomeCommunityId>
          <xdsb:RepositoryUniqueId>1.3.6.1.4.1000</xdsb:RepositoryUniqueId>
          <xdsb:DocumentUniqueId>1.2.840.1.2.3</xdsb:DocumentUniqueId>
          \(mimeType.map { "<xdsb:mimeType>\($0)</xdsb:mimeType>" } ?? "")
          \(document)
        </xdsb:DocumentResponse>
        """
    }

    static func document(_ content: DocumentContent, index: Int, home: Bool = true) -> DocumentResponse {
        DocumentResponse(
            homeCommunityID: home ? HomeCommunityID("urn:oid:1.3.6.1.4.1.21367.13.70.201") : nil,
            repositoryUniqueID: RepositoryUniqueID("1.3.6.1.4.1.21367.13.71.201.1"),
            documentUniqueID: DocumentUniqueID("1.3.6.1.4.1.21367.201599.3.201606021454003.\(index)"),
            mimeType: "application/dicom",
            content: content
        )
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: count)
        var index = 0
        while index < count {
            var word = generator.next() as UInt64
            for _ in 0..<8 where index < count {
                bytes[index] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                index += 1
            }
        }
        return bytes
    }

    // MARK: Document content

    @Test func xopIncludeBecomesAnAttachmentWithItsContentIDDecoded() throws {
        let include =
            #"<xdsb:Document><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:1.urn:uuid:3D4B%40apache.org"/></xdsb:Document>"#
        let (header, response) = try RetrieveDocumentSetResponse.decode(
            Self.envelope(Self.response(Self.documentResponse(include)))
        )
        #expect(header?.addressing.relatesTo == ["urn:uuid:0fbfdced-6c01-4d09-a110-2201afedaa02"])
        #expect(response.status == .success)
        let document = try #require(response.documents.first)
        #expect(document.content == .attachment(contentID: "1.urn:uuid:3D4B@apache.org"))
        #expect(document.mimeType == "application/dicom")
        #expect(document.homeCommunityID == HomeCommunityID("urn:oid:1.2.3"))
        #expect(document.documentUniqueID == DocumentUniqueID("1.2.840.1.2.3"))
    }

    @Test func inlineBase64WithLineBreaksIsDecoded() throws {
        let bytes = Self.randomBytes(10_000)
        let text = Data(bytes).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        let body = Self.response(Self.documentResponse("<xdsb:Document>\n\(text)\n</xdsb:Document>"))
        let (_, response) = try RetrieveDocumentSetResponse.decode(Array(body.utf8))
        #expect(response.documents.first?.content == .inline(bytes))
        // Split by a comment, the text arrives in two pieces and still decodes.
        let middle = text.index(text.startIndex, offsetBy: 4_001)
        let split = Self.response(
            Self.documentResponse("<xdsb:Document>\(text[..<middle])<!-- c -->\(text[middle...])</xdsb:Document>")
        )
        #expect(
            try RetrieveDocumentSetResponse.decode(Array(split.utf8)).response.documents.first?.content
                == .inline(bytes)
        )
        // An empty Document is an empty inline document.
        let empty = Self.response(Self.documentResponse("<xdsb:Document/>"))
        #expect(
            try RetrieveDocumentSetResponse.decode(Array(empty.utf8)).response.documents.first?.content == .inline([])
        )
    }

    @Test func attachmentsAndInlineDocumentsRoundTrip() throws {
        let inlineBytes = Self.randomBytes(3_001)
        let response = RetrieveDocumentSetResponse(
            documents: [
                Self.document(.attachment(contentID: "instance-1@example.org"), index: 1),
                Self.document(.inline(inlineBytes), index: 2, home: false),
                Self.document(.attachment(contentID: "odd/id%with?query#and:colons@example.org"), index: 3),
                DocumentResponse(
                    homeCommunityID: HomeCommunityID("urn:oid:1.2.3"),
                    repositoryUniqueID: RepositoryUniqueID("1.2.3.4"),
                    documentUniqueID: DocumentUniqueID("1.2.3.4.5"),
                    mimeType: "text/xml",
                    content: .inline(Array("<ClinicalDocument/>".utf8)),
                    newRepositoryUniqueID: RepositoryUniqueID("1.2.3.9"),
                    newDocumentUniqueID: DocumentUniqueID("1.2.3.9.5")
                ),
            ],
            errors: []
        )
        let addressing = AddressingHeaders(
            action: Transaction.rad75.responseAction,
            messageID: MessageID.random(),
            relatesTo: ["urn:uuid:1"]
        )
        let encoded = try response.encode(addressing: addressing)
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(
            text.contains(
                #"<xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:instance-1@example.org"/>"#
            )
        )
        #expect(text.contains("href=\"cid:odd%2Fid%25with%3Fquery%23and:colons@example.org\""))
        #expect(text.contains("<xdsb:Document>\(Data(inlineBytes).base64EncodedString())</xdsb:Document>"))
        // Schema order inside DocumentResponse.
        let order = [
            "<xdsb:HomeCommunityId>", "<xdsb:RepositoryUniqueId>", "<xdsb:DocumentUniqueId>",
            "<xdsb:NewRepositoryUniqueId>",
            "<xdsb:NewDocumentUniqueId>", "<xdsb:mimeType>", "<xdsb:Document>",
        ]
        let last = try #require(text.range(of: "<xdsb:DocumentResponse>", options: .backwards))
        let positions = order.compactMap { text.range(of: $0, range: last.upperBound..<text.endIndex)?.lowerBound }
        #expect(positions.count == order.count)
        #expect(positions == positions.sorted())

        let (header, decoded) = try RetrieveDocumentSetResponse.decode(encoded)
        #expect(decoded == response)
        #expect(decoded.status == .success)
        #expect(header?.addressing == addressing)
        let (_, fromBuffer) = try RetrieveDocumentSetResponse.decode(ByteBuffer(bytes: encoded))
        #expect(fromBuffer == response)
    }

    /// An inline instance bigger than libxml2's default 10 MB text ceiling: needs the retrieve limits, which are
    /// the default of decode.
    @Test func largeInlineDocumentNeedsTheRetrieveLimits() throws {
        let bytes = Self.randomBytes(9_000_000)  // 12 MB of base64
        let response = RetrieveDocumentSetResponse(documents: [Self.document(.inline(bytes), index: 1)], errors: [])
        let encoded = try response.encode(addressing: AddressingHeaders(action: Transaction.iti39.responseAction))
        #expect(try RetrieveDocumentSetResponse.decode(encoded).response == response)
        let refused = try #require(throws: SOAPFault.self) {
            try RetrieveDocumentSetResponse.decode(encoded, limits: .default)
        }
        #expect(refused.code == .sender)
        #expect(XMLLimits.retrieveResponse.maxTextLength == 256 << 20)
    }

    // MARK: Status and errors

    @Test func statusAndErrorsRoundTrip() throws {
        let errors = [
            RegistryError(
                .documentUniqueIDError,
                codeContext: "No document matching the requested UID",
                location: "urn:oid:1.2.3"
            ),
            RegistryError(
                RegistryError.Code(rawValue: "urn:dicom:wado:0006"),
                codeContext: "vendor code",
                location: "urn:oid:1.2.3",
                severity: .warning
            ),
        ]
        let response = RetrieveDocumentSetResponse(
            documents: [Self.document(.attachment(contentID: "a@b"), index: 1)],
            errors: errors
        )
        #expect(response.status == .partialSuccess)
        let encoded = try response.encode(addressing: AddressingHeaders(action: Transaction.iti39.responseAction))
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(text.contains(#"status="urn:ihe:iti:2007:ResponseStatusType:PartialSuccess""#))
        #expect(text.contains(#"highestSeverity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error""#))
        let decoded = try RetrieveDocumentSetResponse.decode(encoded).response
        #expect(decoded == response)
        #expect(decoded.errors.map(\.code) == errors.map(\.code))
        #expect(decoded.errors.map(\.severity) == [.error, .warning])

        let failure = RetrieveDocumentSetResponse(documents: [], errors: [errors[0]])
        #expect(failure.status == .failure)
        let failureBytes = try failure.encode(addressing: AddressingHeaders(action: Transaction.iti39.responseAction))
        #expect(try RetrieveDocumentSetResponse.decode(failureBytes).response == failure)
        try ConformanceOutput.write(name: "iti39-response-failure.xml", bytes: failureBytes)
        let inline = RetrieveDocumentSetResponse(
            documents: [Self.document(.inline(Array("DICM".utf8)), index: 1)],
            errors: [errors[1]]
        )
        try ConformanceOutput.write(
            name: "rad75-response-inline.xml",
            bytes: try inline.encode(
                addressing: AddressingHeaders(action: Transaction.rad75.responseAction, messageID: MessageID.random())
            )
        )
    }

    /// Partners' quirks (protocol facts §2.5): a short or absent status, RegistryErrorList in another namespace or
    /// outside the RegistryResponse, a ResponseSlotList (Deferred Response option).
    @Test func partnerQuirksAreNormalised() throws {
        let attachment = Self.documentResponse(
            #"<xdsb:Document><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:x"/></xdsb:Document>"#
        )
        let shortStatus = Self.response(attachment, status: "PartialSuccess")
        #expect(try RetrieveDocumentSetResponse.decode(Array(shortStatus.utf8)).response.status == .partialSuccess)

        let noStatus = """
            <xdsb:RetrieveDocumentSetResponse xmlns:xdsb="urn:ihe:iti:xds-b:2007">
              <RegistryResponse xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0">
                <ResponseSlotList><Slot xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" name="DeferredProcessingRequired"/></ResponseSlotList>
                <RegistryErrorList xmlns="urn:other"><RegistryError errorCode="XDSMissingDocument" codeContext="gone"/></RegistryErrorList>
              </RegistryResponse>
              \(attachment)
            </xdsb:RetrieveDocumentSetResponse>
            """
        let normalised = try RetrieveDocumentSetResponse.decode(Array(noStatus.utf8)).response
        #expect(normalised.status == .partialSuccess)  // derived: an error and a document
        #expect(normalised.errors.map(\.code.rawValue) == ["XDSMissingDocument"])
        #expect(normalised.errors.first?.location == nil)

        let misplaced = """
            <xdsb:RetrieveDocumentSetResponse xmlns:xdsb="urn:ihe:iti:xds-b:2007" xmlns:rs="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0">
              <rs:RegistryResponse status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure"/>
              <rs:RegistryErrorList><rs:RegistryError errorCode="XDSRepositoryError" codeContext="c" location="l"/></rs:RegistryErrorList>
            </xdsb:RetrieveDocumentSetResponse>
            """
        let failure = try RetrieveDocumentSetResponse.decode(Array(misplaced.utf8)).response
        #expect(failure.status == .failure)
        #expect(failure.errors.map(\.code) == [.repositoryError])
        #expect(failure.documents.isEmpty)
    }

    @Test func aFaultBodyIsThrownAsThePartnersFault() throws {
        let fault = """
            <s:Fault><s:Code><s:Value>s:Receiver</s:Value></s:Code>
            <s:Reason><s:Text xml:lang="en">repository unavailable</s:Text></s:Reason></s:Fault>
            """
        let thrown = try #require(throws: SOAPFault.self) {
            try RetrieveDocumentSetResponse.decode(Self.envelope(fault))
        }
        #expect(thrown.code == .receiver)
        #expect(thrown.reason == "repository unavailable")
    }

    // MARK: Refusals

    static let refusals: [(label: String, body: String, code: BindingError.Code)] = [
        ("placeholder text", Self.response(Self.documentResponse("<xdsb:Document>...</xdsb:Document>")), .invalidValue),
        (
            "truncated base64", Self.response(Self.documentResponse("<xdsb:Document>Zm9vY</xdsb:Document>")),
            .invalidValue
        ),
        (
            "href not cid:",
            Self.response(
                Self.documentResponse(
                    #"<xdsb:Document><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="http://x/y"/></xdsb:Document>"#
                )
            ),
            .invalidValue
        ),
        (
            "bad percent-encoding",
            Self.response(
                Self.documentResponse(
                    #"<xdsb:Document><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:a%4"/></xdsb:Document>"#
                )
            ),
            .invalidValue
        ),
        (
            "xop:Include without href",
            Self.response(
                Self.documentResponse(
                    #"<xdsb:Document><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include"/></xdsb:Document>"#
                )
            ),
            .missing
        ),
        (
            "xop:Include and text",
            Self.response(
                Self.documentResponse(
                    #"<xdsb:Document>Zm9v<xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:a"/></xdsb:Document>"#
                )
            ),
            .unexpected
        ),
        (
            "another element in Document", Self.response(Self.documentResponse("<xdsb:Document><b/></xdsb:Document>")),
            .unexpected
        ),
        (
            "no mimeType", Self.response(Self.documentResponse("<xdsb:Document>Zm9v</xdsb:Document>", mimeType: nil)),
            .missing
        ),
        ("no Document", Self.response(Self.documentResponse("")), .missing),
        ("two Documents", Self.response(Self.documentResponse("<xdsb:Document/><xdsb:Document/>")), .unexpected),
        (
            "no RegistryResponse",
            #"<xdsb:RetrieveDocumentSetResponse xmlns:xdsb="urn:ihe:iti:xds-b:2007"/>"#,
            .missing
        ),
        (
            "no RepositoryUniqueId",
            Self.response(
                "<xdsb:DocumentResponse><xdsb:DocumentUniqueId>1.2</xdsb:DocumentUniqueId><xdsb:mimeType>a/b</xdsb:mimeType><xdsb:Document/></xdsb:DocumentResponse>"
            ),
            .missing
        ),
        (
            "not a response",
            #"<xdsb:RetrieveDocumentSetRequest xmlns:xdsb="urn:ihe:iti:xds-b:2007"/>"#,
            .unsupportedMessage
        ),
    ]

    @Test(arguments: refusals.indices)
    func refusedResponses(index: Int) {
        let (label, body, code) = Self.refusals[index]
        #expect(throws: BindingError(code, ""), "\(label)") {
            try RetrieveDocumentSetResponse.decode(Self.envelope(body))
        }
        #expect(throws: BindingError(code, ""), "\(label), bare") {
            try RetrieveDocumentSetResponse.decode(Array(body.utf8))
        }
    }
}
