import Foundation
import Testing
import XCASOAP
import XCAXML

@Suite("SOAP 1.2 envelope")
struct SOAPEnvelopeTests {
    static let request = """
        <?xml version="1.0" encoding="UTF-8"?>
        <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">
          <s:Header>
            <a:Action s:mustUnderstand="1">urn:ihe:iti:2007:CrossGatewayQuery</a:Action>
            <a:MessageID>urn:uuid:0b8e4c1e-3d9f-4a55-9a0a-5b1d0c2e7f10</a:MessageID>
            <a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>
            <a:To s:mustUnderstand="true">https://gateway.example.nhs.uk/xca</a:To>
            <wsse:Security s:mustUnderstand="1" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><Assertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1">x</Assertion></wsse:Security>
            <other:Hint xmlns:other="urn:other">optional</other:Hint>
          </s:Header>
          <s:Body><q:Thing xmlns:q="urn:q" n="1"><q:Inner>text</q:Inner></q:Thing></s:Body>
        </s:Envelope>
        """

    func read(_ xml: String, reader: SOAPEnvelopeReader = SOAPEnvelopeReader()) throws -> SOAPEnvelopeHeader {
        try reader.read(Array(xml.utf8)) { _, body in
            let name = body.localName
            try body.skipElement()
            return name
        }.header
    }

    @Test func readsAddressingHeadersAndHandsOverTheBody() throws {
        let (header, bodyName) = try SOAPEnvelopeReader().read(Array(Self.request.utf8)) { header, body in
            #expect(header.addressing.action == "urn:ihe:iti:2007:CrossGatewayQuery")
            #expect(body.isStartElement("Thing", namespace: "urn:q"))
            #expect(body.attribute("n") == "1")
            let moved = try body.nextStartElement()
            let text = try body.readText()
            let end = try body.next()  // </q:Thing>
            #expect(moved)
            #expect(text == "text")
            #expect(end == .endElement)
            return body.localName
        }
        #expect(bodyName == "Thing")
        #expect(header.addressing.messageID == "urn:uuid:0b8e4c1e-3d9f-4a55-9a0a-5b1d0c2e7f10")
        #expect(header.addressing.replyTo == SOAPNamespace.anonymous)
        #expect(header.addressing.isSynchronous)
        #expect(header.addressing.to == "https://gateway.example.nhs.uk/xca")
        #expect(header.blocks.map(\.localName) == ["Security", "Hint"])
        let security = try #require(header.block(namespace: SOAPNamespace.wsSecurity, localName: "Security"))
        #expect(security.mustUnderstand)
        let kept = String(decoding: try #require(security.xml), as: UTF8.self)
        #expect(kept.contains("Assertion"))
        #expect(kept.contains(#"ID="_a1""#))
        #expect(header.blocks[1].xml == nil)
    }

    @Test func soap11EnvelopeIsAVersionMismatch() throws {
        let soap11 = """
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><x/></soap:Body></soap:Envelope>
            """
        let fault = #expect(throws: SOAPFault.self) { _ = try read(soap11) }
        #expect(fault?.code == .versionMismatch)
        let written = String(decoding: SOAPEnvelopeWriter.write(try #require(fault)), as: UTF8.self)
        #expect(written.contains("<env:Upgrade><env:SupportedEnvelope qname=\"env:Envelope\"/></env:Upgrade>"))
        #expect(written.contains("<env:Value>env:VersionMismatch</env:Value>"))
    }

    @Test func notAnEnvelopeIsAVersionMismatch() throws {
        let fault = #expect(throws: SOAPFault.self) { _ = try read("<Envelope><Body/></Envelope>") }
        #expect(fault?.code == .versionMismatch)
    }

    @Test func unknownMustUnderstandHeaderIsAMustUnderstandFault() throws {
        let xml = Self.request.replacingOccurrences(
            of: #"<other:Hint xmlns:other="urn:other">"#,
            with: #"<other:Hint xmlns:other="urn:other" s:mustUnderstand="true">"#
        )
        let fault = #expect(throws: SOAPFault.self) { _ = try read(xml) }
        #expect(fault?.code == .mustUnderstand)
        #expect(fault?.notUnderstood == [SOAPFault.QName(namespace: "urn:other", localName: "Hint")])
        let written = String(decoding: SOAPEnvelopeWriter.write(try #require(fault), relatesTo: "urn:uuid:1"), as: UTF8.self)
        #expect(written.contains(#"<env:NotUnderstood xmlns:nu0="urn:other" qname="nu0:Hint"/>"#))
        #expect(written.contains("<wsa:RelatesTo>urn:uuid:1</wsa:RelatesTo>"))
    }

    @Test func mustUnderstandForAnotherRoleIsIgnored() throws {
        let xml = Self.request.replacingOccurrences(
            of: #"<other:Hint xmlns:other="urn:other">"#,
            with: #"<other:Hint xmlns:other="urn:other" s:mustUnderstand="1" s:role="http://www.w3.org/2003/05/soap-envelope/role/none">"#
        )
        #expect(try read(xml).blocks.count == 2)
    }

    @Test func securityHeaderIsUnderstoodOnlyWhenConfigured() throws {
        let strict = SOAPEnvelopeReader(understood: [], kept: [])
        let fault = #expect(throws: SOAPFault.self) { _ = try read(Self.request, reader: strict) }
        #expect(fault?.code == .mustUnderstand)
    }

    @Test func missingActionIsAnAddressingFault() throws {
        let xml = Self.request.replacingOccurrences(
            of: #"<a:Action s:mustUnderstand="1">urn:ihe:iti:2007:CrossGatewayQuery</a:Action>"#,
            with: ""
        )
        let fault = #expect(throws: SOAPFault.self) { _ = try read(xml) }
        #expect(fault?.subcodes == [SOAPFault.headerRequiredSubcode])
        #expect(fault?.action == SOAPNamespace.addressingFaultAction)
        // A partner's response may omit it when we say so.
        #expect(try read(xml, reader: SOAPEnvelopeReader(requiresAction: false)).addressing.action == nil)
    }

    @Test func duplicateActionIsInvalid() throws {
        let xml = Self.request.replacingOccurrences(
            of: "<a:MessageID>",
            with: "<a:Action>urn:other</a:Action><a:MessageID>"
        )
        let fault = #expect(throws: SOAPFault.self) { _ = try read(xml) }
        #expect(fault?.subcodes == [SOAPFault.invalidAddressingHeaderSubcode])
    }

    @Test(arguments: [
        // no Body
        #"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Header/></e:Envelope>"#,
        // empty Body
        #"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>"#,
        // something else where the Body belongs
        #"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Other/></e:Envelope>"#,
        // two body elements
        #"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><a/><b/></e:Body></e:Envelope>"#,
    ])
    func badStructureIsASenderFault(_ xml: String) throws {
        let fault = #expect(throws: SOAPFault.self) {
            _ = try read(xml, reader: SOAPEnvelopeReader(requiresAction: false))
        }
        #expect(fault?.code == .sender)
    }

    @Test func malformedXMLIsASenderFaultWithAPosition() throws {
        let truncated = String(Self.request.dropLast(30))
        let fault = #expect(throws: SOAPFault.self) { _ = try read(truncated) }
        #expect(fault?.code == .sender)
        #expect(fault?.reason.contains("line") == true)
        let doctype = "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>" + Self.request.drop(while: { $0 != "\n" })
        let refused = #expect(throws: SOAPFault.self) { _ = try read(doctype) }
        #expect(refused?.reason.contains("doctypeForbidden") == true)
    }

    @Test func writtenEnvelopeReadsBack() throws {
        let request = AddressingHeaders.request(action: "urn:ihe:iti:2007:CrossGatewayRetrieve", to: "https://x/xca")
        let response = request.response(action: "urn:ihe:iti:2007:CrossGatewayRetrieveResponse")
        #expect(response.relatesTo == [request.messageID!])
        let bytes = try SOAPEnvelopeWriter.write(response) { writer in
            try writer.startElement("Payload", namespace: "urn:p", prefix: "p")
            try writer.text("ok & fine")
            try writer.endElement()
        }
        let (header, text) = try SOAPEnvelopeReader().read(bytes) { _, body in try body.readText() }
        #expect(header.addressing == response)
        #expect(text == "ok & fine")
    }

    @Test func faultsRoundTrip() throws {
        let faults: [SOAPFault] = [
            .actionNotSupported("urn:unknown"),
            .addressingHeaderRequired("Action"),
            .receiver("no audit, no access"),
            SOAPFault(code: .sender, subcodes: [.init(namespace: "urn:x", localName: "Deep")], reason: "r", detail: "d"),
        ]
        for fault in faults {
            let bytes = SOAPEnvelopeWriter.write(fault, relatesTo: "urn:uuid:9")
            let (header, read) = try SOAPEnvelopeReader().read(bytes) { _, body in try SOAPFault.read(from: body) }
            #expect(header.addressing.action == fault.action)
            #expect(header.addressing.relatesTo == ["urn:uuid:9"])
            #expect(read.code == fault.code)
            #expect(read.subcodes == fault.subcodes)
            #expect(read.reason == fault.reason)
            if let problemAction = fault.problemAction { #expect(read.detail?.contains(problemAction) == true) }
        }
    }

    @Test func messageIDsAreFreshUUIDURNs() {
        let first = MessageID.random()
        let second = MessageID.random()
        #expect(first != second)
        #expect(first.hasPrefix("urn:uuid:"))
        #expect(first.count == 45)
        let uuid = Array(first.dropFirst(9))
        #expect(uuid[14] == "4")
        #expect("89ab".contains(uuid[19]))
    }

    /// Bytes in generator order (little-endian words), version and variant bits forced, whatever the input.
    @Test(arguments: [UInt64.min, UInt64.max, 0x0123_4567_89AB_CDEF])
    func messageIDLaysOutTheGeneratorsBytes(word: UInt64) {
        struct Fixed: RandomNumberGenerator {
            let word: UInt64
            mutating func next() -> UInt64 { word }
        }
        var generator = Fixed(word: word)
        let id = MessageID.random(using: &generator)
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: word >> (UInt64($0) * 8)) }
        bytes += bytes
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
        let expected = "urn:uuid:" + hex[0..<4].joined() + "-" + hex[4..<6].joined() + "-" + hex[6..<8].joined() + "-"
            + hex[8..<10].joined() + "-" + hex[10..<16].joined()
        #expect(id == expected)
    }
}

@Suite("SOAP 1.2 envelope without a header")
struct SOAPEnvelopeWithoutHeaderTests {
    @Test func aRequestWithoutAHeaderLacksItsAction() throws {
        let xml = #"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><x/></e:Body></e:Envelope>"#
        let fault = #expect(throws: SOAPFault.self) {
            _ = try SOAPEnvelopeReader().read(Array(xml.utf8)) { _, body in try body.skipElement() }
        }
        #expect(fault?.subcodes == [SOAPFault.headerRequiredSubcode])
        // A partner's response without a header is fine.
        _ = try SOAPEnvelopeReader(requiresAction: false).read(Array(xml.utf8)) { _, body in try body.skipElement() }
    }
}
