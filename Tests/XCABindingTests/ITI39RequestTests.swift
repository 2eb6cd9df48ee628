import Foundation
import NIOCore
import Testing
import XCAModel
import XCASOAP
import XCAXML

@testable import XCABinding

@Suite("ITI-39 RetrieveDocumentSetRequest")
struct ITI39RequestTests {
    static func envelope(_ body: String, action: String? = "urn:ihe:iti:2007:CrossGatewayRetrieve") -> [UInt8] {
        let actionHeader = action.map { #"<a:Action s:mustUnderstand="1">\#($0)</a:Action>"# } ?? ""
        return Array(
            """
            <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">
              <s:Header>\(actionHeader)<a:MessageID>urn:uuid:0fbfdced-6c01-4d09-a110-2201afedaa02</a:MessageID></s:Header>
              <s:Body>\(body)</s:Body>
            </s:Envelope>
            """.utf8
        )
    }

    static func request(_ documentRequests: String) -> String {
        #"<xdsb:RetrieveDocumentSetRequest xmlns:xdsb="urn:ihe:iti:xds-b:2007">\#(documentRequests)</xdsb:RetrieveDocumentSetRequest>"#
    }

    static let complete = """
        <xdsb:DocumentRequest>
          <xdsb:HomeCommunityId> urn:oid:1.2.3.5 </xdsb:HomeCommunityId>
          <xdsb:RepositoryUniqueId>1.3.6.1.4.1000</xdsb:RepositoryUniqueId>
          <xdsb:DocumentUniqueId>1.3.6.1.4.2300^ext</xdsb:DocumentUniqueId>
        </xdsb:DocumentRequest>
        """

    static let sample = RetrieveDocumentSetRequest(documents: [
        DocumentRequest(
            homeCommunityID: HomeCommunityID("urn:oid:1.2.3.5"),
            repositoryUniqueID: RepositoryUniqueID("1.3.6.1.4.1000"),
            documentUniqueID: DocumentUniqueID("1.3.6.1.4.2300")
        ),
        DocumentRequest(
            homeCommunityID: nil,
            repositoryUniqueID: RepositoryUniqueID("1.3.6.1.4.2000"),
            documentUniqueID: DocumentUniqueID("1.3.6.1.4.2301")
        ),
    ])

    @Test func readsAnEnvelopeAndTrimsValues() throws {
        let (header, request) = try RetrieveDocumentSetRequest.decode(Self.envelope(Self.request(Self.complete)))
        #expect(header?.addressing.action == Transaction.iti39.requestAction)
        #expect(header?.addressing.messageID == "urn:uuid:0fbfdced-6c01-4d09-a110-2201afedaa02")
        let document = try #require(request.documents.first)
        #expect(request.documents.count == 1)
        #expect(document.homeCommunityID == HomeCommunityID("urn:oid:1.2.3.5"))
        #expect(document.repositoryUniqueID == RepositoryUniqueID("1.3.6.1.4.1000"))
        #expect(document.documentUniqueID == DocumentUniqueID("1.3.6.1.4.2300^ext"))
    }

    @Test func readsABareBodyAndAByteBuffer() throws {
        let bare = Array(Self.request(Self.complete).utf8)
        let (header, request) = try RetrieveDocumentSetRequest.decode(bare)
        #expect(header == nil)
        #expect(request.documents.count == 1)
        let (_, fromBuffer) = try RetrieveDocumentSetRequest.decode(
            ByteBuffer(bytes: Self.envelope(Self.request(Self.complete)))
        )
        #expect(fromBuffer == request)
    }

    /// A real partner quirk: `homeCommunityId` in lower camel case (protocol facts §2.5); and children written
    /// unqualified by stacks that get elementFormDefault wrong.
    @Test func acceptsLowerCaseHomeCommunityIdAndUnqualifiedChildren() throws {
        let body = Self.request(
            """
            <xdsb:DocumentRequest><xdsb:homeCommunityId>urn:oid:1.2.3</xdsb:homeCommunityId>
              <xdsb:RepositoryUniqueId>1.2.3.4</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>1.2.3.5</xdsb:DocumentUniqueId>
            </xdsb:DocumentRequest>
            <xdsb:DocumentRequest><HomeCommunityId>urn:oid:1.2.4</HomeCommunityId>
              <RepositoryUniqueId>1.2.4.4</RepositoryUniqueId><DocumentUniqueId>1.2.4.5</DocumentUniqueId>
            </xdsb:DocumentRequest>
            """
        )
        let (_, request) = try RetrieveDocumentSetRequest.decode(Self.envelope(body))
        #expect(
            request.documents.map(\.homeCommunityID) == [
                HomeCommunityID("urn:oid:1.2.3"), HomeCommunityID("urn:oid:1.2.4"),
            ]
        )
        #expect(request.documents.map(\.documentUniqueID.rawValue) == ["1.2.3.5", "1.2.4.5"])
    }

    @Test func skipsForeignExtensionsAndComments() throws {
        let body = Self.request(
            """
            <!-- a comment --><ext:Trace xmlns:ext="urn:vendor"><ext:Hop>1</ext:Hop></ext:Trace>
            <xdsb:DocumentRequest><ext:Note xmlns:ext="urn:vendor">x</ext:Note>
              <xdsb:RepositoryUniqueId>1.2.3.4</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>1.2.3.5</xdsb:DocumentUniqueId>
            </xdsb:DocumentRequest>
            """
        )
        let (_, request) = try RetrieveDocumentSetRequest.decode(Self.envelope(body))
        #expect(request.documents.count == 1)
        #expect(request.documents.first?.homeCommunityID == nil)
    }

    @Test func writesInSchemaOrderAndReadsBack() throws {
        var writer = XMLWriter()
        try Self.sample.write(into: &writer)
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(
            text
                == #"<xdsb:RetrieveDocumentSetRequest xmlns:xdsb="urn:ihe:iti:xds-b:2007"><xdsb:DocumentRequest>"#
                + "<xdsb:HomeCommunityId>urn:oid:1.2.3.5</xdsb:HomeCommunityId>"
                + "<xdsb:RepositoryUniqueId>1.3.6.1.4.1000</xdsb:RepositoryUniqueId>"
                + "<xdsb:DocumentUniqueId>1.3.6.1.4.2300</xdsb:DocumentUniqueId></xdsb:DocumentRequest>"
                + "<xdsb:DocumentRequest><xdsb:RepositoryUniqueId>1.3.6.1.4.2000</xdsb:RepositoryUniqueId>"
                + "<xdsb:DocumentUniqueId>1.3.6.1.4.2301</xdsb:DocumentUniqueId></xdsb:DocumentRequest>"
                + "</xdsb:RetrieveDocumentSetRequest>"
        )
        let addressing = AddressingHeaders.request(
            action: Transaction.iti39.requestAction,
            to: "https://rg.example.org/xca"
        )
        let encoded = try Self.sample.encode(addressing: addressing)
        let (header, decoded) = try RetrieveDocumentSetRequest.decode(encoded)
        #expect(decoded == Self.sample)
        #expect(header?.addressing == addressing)
        try ConformanceOutput.write(name: "iti39-request.xml", bytes: encoded)
    }

    // MARK: Refusals

    static let missingCases: [(String, String)] = [
        ("no DocumentRequest", Self.request("")),
        (
            "no DocumentRequest (empty element)",
            #"<xdsb:RetrieveDocumentSetRequest xmlns:xdsb="urn:ihe:iti:xds-b:2007"/>"#
        ),
        (
            "no RepositoryUniqueId",
            Self.request(
                "<xdsb:DocumentRequest><xdsb:DocumentUniqueId>1.2</xdsb:DocumentUniqueId></xdsb:DocumentRequest>"
            )
        ),
        (
            "no DocumentUniqueId",
            Self.request(
                "<xdsb:DocumentRequest><xdsb:RepositoryUniqueId>1.2</xdsb:RepositoryUniqueId></xdsb:DocumentRequest>"
            )
        ),
        (
            "empty DocumentUniqueId",
            Self.request(
                "<xdsb:DocumentRequest><xdsb:RepositoryUniqueId>1.2</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId> </xdsb:DocumentUniqueId></xdsb:DocumentRequest>"
            )
        ),
        ("empty DocumentRequest", Self.request("<xdsb:DocumentRequest/>")),
    ]

    @Test(arguments: missingCases.indices)
    func missingRequiredContent(index: Int) {
        let (label, body) = Self.missingCases[index]
        #expect(throws: BindingError(.missing, ""), "\(label)") {
            try RetrieveDocumentSetRequest.decode(Self.envelope(body))
        }
        #expect(throws: BindingError(.missing, ""), "\(label), bare") {
            try RetrieveDocumentSetRequest.decode(Array(body.utf8))
        }
    }

    static let unexpectedCases: [(String, String)] = [
        (
            "unknown XDS.b child",
            Self.request(
                "<xdsb:DocumentRequest><xdsb:RepositoryUniqueId>1.2</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>1.3</xdsb:DocumentUniqueId><xdsb:Extra/></xdsb:DocumentRequest>"
            )
        ),
        (
            "repeated RepositoryUniqueId",
            Self.request(
                "<xdsb:DocumentRequest><xdsb:RepositoryUniqueId>1.2</xdsb:RepositoryUniqueId><xdsb:RepositoryUniqueId>1.4</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>1.3</xdsb:DocumentUniqueId></xdsb:DocumentRequest>"
            )
        ),
        ("text in the request", Self.request("stray text")),
        (
            "element inside a value",
            Self.request(
                "<xdsb:DocumentRequest><xdsb:RepositoryUniqueId><b>1.2</b></xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>1.3</xdsb:DocumentUniqueId></xdsb:DocumentRequest>"
            )
        ),
    ]

    @Test(arguments: unexpectedCases.indices)
    func unexpectedContent(index: Int) {
        let (label, body) = Self.unexpectedCases[index]
        #expect(throws: BindingError(.unexpected, ""), "\(label)") {
            try RetrieveDocumentSetRequest.decode(Self.envelope(body))
        }
    }

    @Test func anotherBodyIsUnsupported() {
        let query = #"<query:AdhocQueryRequest xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"/>"#
        #expect(throws: BindingError(.unsupportedMessage, "")) {
            try RetrieveDocumentSetRequest.decode(Self.envelope(query))
        }
        #expect(throws: BindingError(.unsupportedMessage, "")) {
            try RetrieveDocumentSetRequest.decode(Array(query.utf8))
        }
        // The imaging request is not an ITI-39 request either.
        let imaging = #"<xdsi:RetrieveImagingDocumentSetRequest xmlns:xdsi="urn:ihe:rad:xdsi-b:2009"/>"#
        #expect(throws: BindingError(.unsupportedMessage, "")) {
            try RetrieveDocumentSetRequest.decode(Array(imaging.utf8))
        }
    }

    @Test func envelopeProblemsAreFaults() throws {
        let soap11 = Array(
            #"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>\#(Self.request(Self.complete))</soap:Body></soap:Envelope>"#
                .utf8
        )
        let versionMismatch = try #require(throws: SOAPFault.self) { try RetrieveDocumentSetRequest.decode(soap11) }
        #expect(versionMismatch.code == .versionMismatch)

        let noAction = try #require(throws: SOAPFault.self) {
            try RetrieveDocumentSetRequest.decode(Self.envelope(Self.request(Self.complete), action: nil))
        }
        #expect(noAction.subcodes == [SOAPFault.headerRequiredSubcode])
        // A partner's response need not carry an Action; the caller decides.
        let lenient = SOAPEnvelopeReader(requiresAction: false)
        #expect(
            try RetrieveDocumentSetRequest.decode(
                Self.envelope(Self.request(Self.complete), action: nil),
                envelope: lenient
            ).request.documents.count == 1
        )

        let malformed = try #require(throws: SOAPFault.self) {
            try RetrieveDocumentSetRequest.decode(Array(Self.request("<xdsb:DocumentRequest>").utf8))
        }
        #expect(malformed.code == .sender)
        let empty = try #require(throws: SOAPFault.self) { try RetrieveDocumentSetRequest.decode([]) }
        #expect(empty.code == .sender)
        let trailing = Array((Self.request(Self.complete) + "<second/>").utf8)
        #expect(throws: SOAPFault.self) { try RetrieveDocumentSetRequest.decode(trailing) }
    }

    @Test func bindingErrorsNameNoValuesAndBecomeSenderFaults() throws {
        let body = Self.request(
            "<xdsb:DocumentRequest><xdsb:HomeCommunityId>urn:oid:9.8.7.6</xdsb:HomeCommunityId><xdsb:DocumentUniqueId>1.2.999</xdsb:DocumentUniqueId></xdsb:DocumentRequest>"
        )
        let error = try #require(throws: BindingError.self) {
            try RetrieveDocumentSetRequest.decode(Self.envelope(body))
        }
        #expect(error.line > 0)
        #expect(!error.message.contains("9.8.7.6"))
        #expect(!error.message.contains("1.2.999"))
        #expect(error.soapFault.code == .sender)
    }

    @Test func writingAnEmptyRequestIsRefused() {
        var writer = XMLWriter()
        #expect(throws: BindingError(.missing, "")) {
            try RetrieveDocumentSetRequest(documents: []).write(into: &writer)
        }
        #expect(throws: BindingError(.missing, "")) {
            try RetrieveDocumentSetRequest(documents: []).encode(
                addressing: .request(action: Transaction.iti39.requestAction)
            )
        }
    }
}
