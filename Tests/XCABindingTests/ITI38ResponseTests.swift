import Foundation
import Testing
import XCABinding
import XCAModel
import XCASOAP
import XCAXML

@Suite("ITI-38 AdhocQueryResponse binding")
struct ITI38ResponseTests {
    static let samples = [
        "iti38/nist_sq-resp-leafclass.xml", "iti38/nist_sq-resp-objectref.xml", "iti38/nist_soap-xcq-resp.xml",
        "iti38/nist_soap-xcq-resp-error.xml",
    ]

    @Test(arguments: samples)
    func referenceResponseDecodeEncodeDecodeIsLossless(_ path: String) throws {
        let source = try ITI38ReferenceMessages.bytes(path)
        let text = String(decoding: source, as: UTF8.self)
        let (_, response) = try CrossGatewayQueryResponse.decode(source)

        // What the source holds, counted on its text, not with the decoder.
        let sourceObjects = ["ExtrinsicObject", "RegistryPackage", "ObjectRef", "Association"]
            .reduce(0) { $0 + text.occurrences(of: "<rim:\($1) ") + text.occurrences(of: "<rim:\($1)\n") }
        #expect(response.registryObjects.count == sourceObjects)
        #expect(sourceObjects > 0)
        #expect(response.errors.count == text.occurrences(of: "<rs:RegistryError "))
        #expect(
            response.status.rawValue
                == (text.contains("ResponseStatusType:Failure") ? ResponseStatus.failure : .success).rawValue
        )
        let counts = Self.descendantCounts(response.registryObjects.map(\.element))
        #expect(counts["Slot", default: 0] == text.occurrences(of: "<rim:Slot "))
        #expect(counts["Classification", default: 0] == text.occurrences(of: "<rim:Classification "))
        #expect(counts["ExternalIdentifier", default: 0] == text.occurrences(of: "<rim:ExternalIdentifier "))
        #expect(counts["LocalizedString", default: 0] == text.occurrences(of: "<rim:LocalizedString "))

        let addressing = AddressingHeaders(action: Transaction.iti38.responseAction, relatesTo: ["urn:uuid:1"])
        let encoded = try response.encode(addressing: addressing)
        let (header, again) = try CrossGatewayQueryResponse.decode(encoded)
        #expect(header?.addressing.action == Transaction.iti38.responseAction)
        #expect(again == response)
        for (before, after) in zip(response.registryObjects, again.registryObjects) {
            #expect(after.slots == before.slots)
            #expect(after.classifications == before.classifications)
            #expect(after.externalIdentifiers == before.externalIdentifiers)
            #expect(after.home == before.home)
        }
        // The encoded form says the same as the source (same elements and attributes counted on the text).
        let output = String(decoding: encoded, as: UTF8.self)
        #expect(output.occurrences(of: "<rim:Slot ") == text.occurrences(of: "<rim:Slot "))
        #expect(output.occurrences(of: "<rim:Value>") == text.occurrences(of: "<rim:Value>"))

        var writer = XMLWriter()
        try response.write(into: &writer)
        #expect(try CrossGatewayQueryResponse.decode(writer.bytes).response == response)

        // For the validator, the samples' empty homes are what an RG must not send: give them one.
        var conformant = response
        for index in conformant.registryObjects.indices where conformant.registryObjects[index].home == nil {
            conformant.registryObjects[index].home = HomeCommunityID(rawValue: "urn:oid:1.3.6.1.4.1.21367.13.70.1")
        }
        let name = (path as NSString).lastPathComponent.replacingOccurrences(of: "nist_", with: "")
        try ConformanceOutput.write(
            name: "iti38-response-\(name)",
            bytes: try conformant.encode(addressing: addressing)
        )
    }

    /// How many elements of each local name the elements hold, themselves included.
    static func descendantCounts(_ elements: [MetadataElement]) -> [String: Int] {
        var counts: [String: Int] = [:]
        var stack = elements
        while let element = stack.popLast() {
            counts[element.name.localName, default: 0] += 1
            stack.append(contentsOf: element.childElements)
        }
        return counts
    }

    @Test func keepsEverythingOfAnObject() throws {
        let xml = """
            <query:AdhocQueryResponse xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"
                status="urn:ihe:iti:2007:ResponseStatusType:PartialSuccess" startIndex="0" totalResultCount="7">
              <rs:ResponseSlotList xmlns:rs="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0">
                <rim:Slot xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" name="DeferredProcessingRequired"/>
              </rs:ResponseSlotList>
              <RegistryObjectList xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" xmlns:x="urn:example:ext">
                <ExtrinsicObject id="urn:uuid:1" home="urn:oid:1.2.3" x:flag="on">
                  <Slot name="creationTime"><ValueList><Value>20240101</Value></ValueList></Slot>
                  <Name><LocalizedString xml:lang="en-GB" value="Chest X-ray &amp; report"/></Name>
                  <Classification id="c1" classifiedObject="urn:uuid:1" classificationScheme="s" nodeRepresentation="n"/>
                  <ExternalIdentifier id="e1" registryObject="urn:uuid:1" identificationScheme="i" value="v"/>
                  <x:Unknown a="b">text</x:Unknown>
                </ExtrinsicObject>
                <ObjectRef id="urn:uuid:2"/>
              </RegistryObjectList>
              <rs:RegistryErrorList xmlns:rs="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0">
                <rs:RegistryError errorCode="XDSRegistryError" codeContext="c" location="urn:oid:1.2.3"
                    severity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning"/>
              </rs:RegistryErrorList>
            </query:AdhocQueryResponse>
            """
        let (header, response) = try CrossGatewayQueryResponse.decode(Array(xml.utf8))
        #expect(header == nil)
        #expect(response.status == .partialSuccess)
        #expect(response.startIndex == 0)
        #expect(response.totalResultCount == 7)
        #expect(
            response.errors == [
                RegistryError(.registryError, codeContext: "c", location: "urn:oid:1.2.3", severity: .warning)
            ]
        )
        #expect(response.registryObjects.map(\.kind) == [.extrinsicObject, .objectRef])
        let document = response.registryObjects[0]
        #expect(document.element.attribute("flag", namespace: "urn:example:ext") == "on")
        #expect(document.name == "Chest X-ray & report")
        #expect(document.element.firstChild(named: "Unknown", namespace: "urn:example:ext")?.text == "text")

        let encoded = try response.encode(addressing: AddressingHeaders(action: Transaction.iti38.responseAction))
        let output = String(decoding: encoded, as: UTF8.self)
        // Schema order: RegistryErrorList before RegistryObjectList; the ResponseSlotList is not kept.
        let errorList = try #require(output.range(of: "<rs:RegistryErrorList"))
        let objectList = try #require(output.range(of: "<rim:RegistryObjectList"))
        #expect(errorList.lowerBound < objectList.lowerBound)
        #expect(try CrossGatewayQueryResponse.decode(encoded).response == response)
    }

    @Test func anEmptyResponseStillHasARegistryObjectList() throws {
        let response = CrossGatewayQueryResponse(
            registryObjects: [],
            errors: [RegistryError(.unknownPatientID, codeContext: "patient not known", location: "urn:oid:1.2.3")]
        )
        #expect(response.status == .failure)
        var writer = XMLWriter()
        try response.write(into: &writer)
        let xml = String(decoding: writer.bytes, as: UTF8.self)
        #expect(xml.hasSuffix("</rs:RegistryErrorList><rim:RegistryObjectList/></query:AdhocQueryResponse>"))
        #expect(try CrossGatewayQueryResponse.decode(writer.bytes).response == response)
        let encoded = try response.encode(
            addressing: AddressingHeaders(action: Transaction.iti38.responseAction, relatesTo: ["urn:uuid:2"])
        )
        try ConformanceOutput.write(name: "iti38-response-failure.xml", bytes: encoded)
    }

    @Test func readsStatusLeniently() throws {
        func status(_ attribute: String, _ content: String = "") throws -> ResponseStatus {
            let xml =
                #"<q:AdhocQueryResponse xmlns:q="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" \#(attribute)>\#(content)</q:AdhocQueryResponse>"#
            return try CrossGatewayQueryResponse.decode(Array(xml.utf8)).response.status
        }
        let error =
            #"<RegistryErrorList><RegistryError errorCode="XDSRegistryError" codeContext="x"/></RegistryErrorList>"#
        let object =
            #"<rim:RegistryObjectList xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"><rim:ObjectRef id="a"/></rim:RegistryObjectList>"#
        #expect(try status(#"status="Success""#) == .success)
        #expect(
            try status(#"status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:PartialSuccess""#)
                == .partialSuccess
        )
        #expect(try status("") == .success)
        #expect(try status("", error) == .failure)
        #expect(try status(#"status="bogus""#, error + object) == .partialSuccess)
        #expect(throws: BindingError(.invalidValue, "")) { try status(#"status="Success" totalResultCount="many""#) }
    }

    @Test func aFaultBodyIsThrownAsThePartnersFault() throws {
        let fault = SOAPFault(code: .receiver, reason: "registry down", detail: "try later")
        let envelope = SOAPEnvelopeWriter.write(fault, relatesTo: "urn:uuid:1")
        let thrown = try #require(throws: SOAPFault.self) { try CrossGatewayQueryResponse.decode(envelope) }
        #expect(thrown.code == .receiver)
        #expect(thrown.reason == "registry down")

        // An envelope the reader refuses is not the partner's fault: it is a binding error.
        let soap11 = #"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>"#
        #expect(throws: BindingError(.unsupportedMessage, "")) {
            try CrossGatewayQueryResponse.decode(Array(soap11.utf8))
        }
        let request = #"<q:AdhocQueryRequest xmlns:q="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"/>"#
        #expect(throws: BindingError(.unsupportedMessage, "")) {
            try CrossGatewayQueryResponse.decode(Array(request.utf8))
        }
        #expect(throws: XMLError.self) { try CrossGatewayQueryResponse.decode(Array("<q:AdhocQueryResponse".utf8)) }
    }
}
