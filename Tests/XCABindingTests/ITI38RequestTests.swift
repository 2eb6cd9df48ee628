import Foundation
import Testing
import XCABinding
import XCAModel
import XCASOAP
import XCAXML

@Suite("ITI-38 AdhocQueryRequest binding")
struct ITI38RequestTests {
    /// Every reference message whose body is an AdhocQueryRequest (bare or in an envelope).
    static let requestFiles: [String] = ITI38ReferenceMessages.files(in: ["stored-queries", "iti38"]).filter { path in
        (try? ITI38ReferenceMessages.text(path).contains("AdhocQueryRequest")) == true
    }

    @Test func theReferenceRequestsAreThere() throws {
        // The parameterised test below is vacuous without them: fail loudly.
        #expect(Self.requestFiles.count >= 22, "reference requests missing under \(ITI38ReferenceMessages.root.path)")
    }

    @Test(arguments: requestFiles)
    func referenceRequestReadWriteReadIsLossless(_ path: String) throws {
        let source = try ITI38ReferenceMessages.bytes(path)
        let text = String(decoding: source, as: UTF8.self)
        let (header, request) = try CrossGatewayQueryRequest.decode(source)
        #expect(header == nil || header?.addressing.action == Transaction.iti38.requestAction)
        #expect(request.queryID.hasPrefix("urn:uuid:"))
        #expect(request.storedQuery != nil)
        #expect(request.parameters.count == text.occurrences(of: "Slot name="))
        #expect(request.parameters.allSatisfy { !$0.values.isEmpty })
        #expect(request.returnType.rawValue == (text.contains("returnType=\"ObjectRef\"") ? "ObjectRef" : "LeafClass"))
        #expect((request.home != nil) == text.contains("home=\""))

        // Bare: write, read back.
        var writer = XMLWriter()
        try request.write(into: &writer)
        #expect(writer.isComplete)
        let (bareHeader, bare) = try CrossGatewayQueryRequest.decode(writer.bytes)
        #expect(bareHeader == nil)
        #expect(bare == request)

        // In an envelope.
        let addressing = AddressingHeaders.request(
            action: Transaction.iti38.requestAction,
            to: "https://rg.example.org/xca"
        )
        let envelope = try request.encode(addressing: addressing)
        let (envelopeHeader, enveloped) = try CrossGatewayQueryRequest.decode(envelope)
        #expect(enveloped == request)
        #expect(envelopeHeader?.addressing == addressing)
        let name = (path as NSString).lastPathComponent
        try ConformanceOutput.write(name: "iti38-request-\(name)", bytes: envelope)
    }

    @Test func readsEveryPartOfTheRequest() throws {
        let xml = """
            <q:AdhocQueryRequest xmlns:q="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" startIndex=" 10 " maxResults="50"
                federated="false">
              <rs:RequestSlotList xmlns:rs="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0"/>
              <q:ResponseOption returnType="ObjectRef"/>
              <AdhocQuery xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" id="urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4"
                  home="urn:OID:1.2.3">
                <Slot name="$XDSDocumentEntryUniqueId">
                  <ValueList><Value>('1.2.3', '1.2.4')</Value><Value>('a &amp; b')</Value><Value/></ValueList>
                </Slot>
                <Slot name="$Empty"/>
                <Name><LocalizedString value="ignored"/></Name>
                <x:Extension xmlns:x="urn:x"><Slot name="not-a-parameter"/></x:Extension>
                <Slot name="$XDSDocumentEntryUniqueId" slotType="x"><ValueList><Value>'1.2.5'</Value></ValueList></Slot>
              </AdhocQuery>
            </q:AdhocQueryRequest>
            """
        let (header, request) = try CrossGatewayQueryRequest.decode(Array(xml.utf8))
        #expect(header == nil)
        #expect(request.startIndex == 10)
        #expect(request.maxResults == 50)
        #expect(request.returnType == .objectRef)
        #expect(request.returnComposedObjects == false)  // the schema default
        #expect(request.queryID == StoredQuery.getDocuments.rawValue)
        #expect(request.home?.rawValue == "urn:OID:1.2.3")  // kept as sent
        #expect(
            request.parameters == [
                QueryParameter(name: "$XDSDocumentEntryUniqueId", values: ["('1.2.3', '1.2.4')", "('a & b')", ""]),
                QueryParameter(name: "$Empty", values: []),
                QueryParameter(name: "$XDSDocumentEntryUniqueId", values: ["'1.2.5'"]),
            ]
        )
        #expect(request.values(of: "$XDSDocumentEntryUniqueId") == ["1.2.3", "1.2.4", "a & b", "1.2.5"])
    }

    @Test func writesSchemaOrderWithQueryAndRimPrefixes() throws {
        let request = CrossGatewayQueryRequest(
            .findDocuments,
            parameters: [
                QueryParameter(
                    name: "$XDSDocumentEntryPatientId",
                    values: ["'9434765919^^^&2.16.840.1.113883.2.1.4.1&ISO'"]
                ),
                QueryParameter(
                    name: "$XDSDocumentEntryStatus",
                    values: ["('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"]
                ),
            ],
            returnType: .leafClass
        )
        var writer = XMLWriter()
        try request.write(into: &writer)
        let xml = String(decoding: writer.bytes, as: UTF8.self)
        #expect(
            xml == """
                <query:AdhocQueryRequest xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" \
                xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0">\
                <query:ResponseOption returnComposedObjects="true" returnType="LeafClass"/>\
                <rim:AdhocQuery id="urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d">\
                <rim:Slot name="$XDSDocumentEntryPatientId"><rim:ValueList>\
                <rim:Value>'9434765919^^^&amp;2.16.840.1.113883.2.1.4.1&amp;ISO'</rim:Value></rim:ValueList></rim:Slot>\
                <rim:Slot name="$XDSDocumentEntryStatus"><rim:ValueList>\
                <rim:Value>('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')</rim:Value></rim:ValueList></rim:Slot>\
                </rim:AdhocQuery></query:AdhocQueryRequest>
                """
        )
        var paged = request
        paged.startIndex = 0
        paged.maxResults = 100
        paged.home = HomeCommunityID(rawValue: "urn:oid:1.2.3")
        let envelope = try paged.encode(addressing: .request(action: Transaction.iti38.requestAction))
        #expect(try CrossGatewayQueryRequest.decode(envelope).request == paged)
        try ConformanceOutput.write(name: "iti38-request-paged.xml", bytes: envelope)
    }

    // MARK: Refusals

    static let query =
        #"<rim:AdhocQuery xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" id="urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d"/>"#
    static let option = #"<q:ResponseOption returnType="LeafClass"/>"#

    static func request(_ content: String, attributes: String = "") -> [UInt8] {
        Array(
            #"<q:AdhocQueryRequest xmlns:q="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" \#(attributes)>\#(content)</q:AdhocQueryRequest>"#
                .utf8
        )
    }

    static let refusals: [(String, [UInt8], BindingError.Code)] = [
        ("no ResponseOption", request(query), .missing),
        ("no AdhocQuery", request(option), .missing),
        (
            "AdhocQuery without id",
            request(option + #"<rim:AdhocQuery xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"/>"#), .missing
        ),
        (
            "Slot without name",
            request(
                option
                    + #"<rim:AdhocQuery xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" id="x"><rim:Slot/></rim:AdhocQuery>"#
            ), .missing
        ),
        ("ResponseOption without returnType", request(#"<q:ResponseOption/>"# + query), .missing),
        ("non-numeric startIndex", request(option + query, attributes: #"startIndex="ten""#), .invalidValue),
        ("non-numeric maxResults", request(option + query, attributes: #"maxResults="1.5""#), .invalidValue),
        ("unknown returnType", request(#"<q:ResponseOption returnType="RegistryObject"/>"# + query), .invalidValue),
        (
            "non-boolean returnComposedObjects",
            request(#"<q:ResponseOption returnType="LeafClass" returnComposedObjects="yes"/>"# + query), .invalidValue
        ),
        ("AdhocQuery in the wrong namespace", request(option + #"<AdhocQuery id="x"/>"#), .missing),
        (
            "a response instead of a request",
            Array(#"<q:AdhocQueryResponse xmlns:q="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" status="x"/>"#.utf8),
            .unsupportedMessage
        ),
        (
            "an envelope with another body",
            Array(
                """
                <e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Header>\
                <a:Action xmlns:a="http://www.w3.org/2005/08/addressing">urn:ihe:iti:2007:CrossGatewayQuery</a:Action>\
                </e:Header><e:Body><x:Other xmlns:x="urn:x"/></e:Body></e:Envelope>
                """.utf8
            ),
            .unsupportedMessage
        ),
    ]

    @Test(arguments: refusals)
    func refusesWhatIsNotAnAdhocQueryRequest(_ name: String, _ bytes: [UInt8], _ code: BindingError.Code) {
        #expect(throws: BindingError(code, name)) { try CrossGatewayQueryRequest.decode(bytes) }
    }

    @Test func envelopeProblemsAreSOAPFaultsAndBrokenXMLIsAnXMLError() throws {
        let soap11 = #"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>"#
        let fault = try #require(throws: SOAPFault.self) { try CrossGatewayQueryRequest.decode(Array(soap11.utf8)) }
        #expect(fault.code == .versionMismatch)

        let noAction = """
            <e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Header/><e:Body>\
            \(String(decoding: Self.request(Self.option + Self.query), as: UTF8.self))</e:Body></e:Envelope>
            """
        let missing = try #require(throws: SOAPFault.self) { try CrossGatewayQueryRequest.decode(Array(noAction.utf8)) }
        #expect(missing.subcodes == [SOAPFault.headerRequiredSubcode])

        var truncated = Self.request(Self.option + Self.query)
        truncated.removeLast(10)
        #expect(throws: XMLError(.malformed, "")) { try CrossGatewayQueryRequest.decode(truncated) }
        #expect(throws: XMLError.self) {
            try CrossGatewayQueryRequest.decode(Self.request(Self.option + Self.query) + Array("<x/>".utf8))
        }
    }

    @Test func readLeavesTheReaderOnTheEndOfTheRequest() throws {
        let xml = "<wrap>" + String(decoding: Self.request(Self.option + Self.query), as: UTF8.self) + "<after/></wrap>"
        let reader = try XMLStreamReader(string: xml)
        _ = try reader.nextStartElement()
        _ = try reader.nextStartElement()
        let request = try CrossGatewayQueryRequest.read(from: reader)
        #expect(request.storedQuery == .findDocuments)
        #expect(reader.isEndElement("AdhocQueryRequest", namespace: "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"))
        #expect(try reader.nextStartElement())
        #expect(reader.localName == "after")
    }
}

/// The reference messages under `shared/ihe-reference/messages`, found from this file's path.
enum ITI38ReferenceMessages {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("../../../shared/ihe-reference/messages")
        .standardizedFileURL

    /// `folder/name.xml` paths of the XML files in these folders, sorted.
    static func files(in folders: [String]) -> [String] {
        folders.flatMap { folder in
            let names =
                (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
            return names.filter { $0.hasSuffix(".xml") }.sorted().map { folder + "/" + $0 }
        }
    }

    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "reference message \(path) not found under \(ITI38ReferenceMessages.root.path)" }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
            throw Missing(path: path)
        }
        return Array(data)
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try bytes(path), as: UTF8.self)
    }
}

extension String {
    /// How many times `needle` occurs (non-overlapping).
    func occurrences(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }
}
