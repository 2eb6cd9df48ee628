import Testing
import XCASOAP

@Suite("SOAP message format from the Content-Type")
struct SOAPMessageFormatTests {
    @Test(arguments: [
        ("application/soap+xml; charset=UTF-8; action=\"urn:ihe:iti:2007:CrossGatewayQuery\"", SOAPMessageFormat.plain),
        ("Application/SOAP+XML", .plain),
        (
            "multipart/related; type=\"application/xop+xml\"; boundary=\"MIMEBoundary_1\"; start=\"<root@x>\"; start-info=\"application/soap+xml\"",
            .mtom
        ),
        ("multipart/related; type=\"application/xop+xml\"; boundary=b", .mtom),
    ])
    func acceptsSOAP12Framings(_ header: String, _ format: SOAPMessageFormat) throws {
        #expect(try SOAPMessageFormat(contentTypeHeader: header) == format)
    }

    @Test func textXMLIsSOAP11() throws {
        let fault = #expect(throws: SOAPFault.self) { try SOAPMessageFormat(contentTypeHeader: "text/xml; charset=utf-8") }
        #expect(fault?.code == .versionMismatch)
    }

    @Test(arguments: [
        "application/json",
        "multipart/form-data; boundary=x",
        "multipart/related; type=\"text/plain\"; boundary=x",
        "multipart/related; type=\"application/xop+xml\"; boundary=x; start-info=\"text/xml\"",
        "not a content type",
    ])
    func refusesOtherFramings(_ header: String) throws {
        let fault = #expect(throws: SOAPFault.self) { try SOAPMessageFormat(contentTypeHeader: header) }
        #expect(fault?.code == .sender)
    }

    @Test func findsTheActionWhereSendersPutIt() throws {
        let plain = try MIMEContentType(parsing: "application/soap+xml; action=\"urn:a\"")
        #expect(SOAPMessageFormat.action(of: plain) == "urn:a")
        let mtom = try MIMEContentType(
            parsing: #"multipart/related; type="application/xop+xml"; boundary=b; start-info="application/soap+xml; action=\"urn:b\"""#
        )
        #expect(SOAPMessageFormat.action(of: mtom) == "urn:b")
        #expect(SOAPMessageFormat.action(of: try MIMEContentType(parsing: "application/soap+xml")) == nil)
    }

    @Test func actionMustMatchWSAddressing() throws {
        let addressing = AddressingHeaders(action: "urn:ihe:iti:2007:CrossGatewayQuery")
        try SOAPMessageFormat.checkAction("urn:ihe:iti:2007:CrossGatewayQuery", matches: addressing)
        try SOAPMessageFormat.checkAction(nil, matches: addressing)
        let fault = #expect(throws: SOAPFault.self) {
            try SOAPMessageFormat.checkAction("urn:ihe:iti:2007:CrossGatewayRetrieve", matches: addressing)
        }
        #expect(fault?.subcodes == [SOAPFault.invalidAddressingHeaderSubcode])
    }
}
