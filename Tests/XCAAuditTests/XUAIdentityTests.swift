import Testing
import XCAAudit
import XCABinding
import XCASOAP

@Suite("XUA identity from the WS-Security header")
struct XUAIdentityTests {
    @Test("every attribute the audit needs is read from a SAML 2.0 assertion")
    func present() throws {
        let decoded = try AuditFixtures.decode(AuditFixtures.queryEnvelope(), at: .xca)
        let reading = XUAIdentity.read(from: decoded.header)
        let identity = try #require(reading.identity)
        #expect(reading.problem == nil)
        #expect(identity.assertionID == "_7a2c1e4f-0b6d-4f3a-8e2c-1d9b0a7c6e55")
        #expect(identity.issuer == AuditFixtures.nhsIssuer)
        #expect(identity.nameID == "555021935107")
        #expect(identity.subjectName == "Dr Jane \"JJ\" Example")
        #expect(identity.organization == "Example Requesting Trust")
        #expect(identity.organizationID == "RX1")
        #expect(identity.odsCode == "RX1")
        #expect(identity.roles == [XUACode(code: "R8000", codeSystem: "2.16.840.1.113883.2.1.3.2.4.18.23", displayName: "Clinical Practitioner Access Role")])
        #expect(identity.purposesOfUse == [XUACode(code: "TREAT", codeSystem: "2.16.840.1.113883.5.8", displayName: "treatment")])
        #expect(identity.homeCommunityID == "urn:oid:1.2.3.4.5.100")
        #expect(identity.roleProfileID == "555021936108")
    }

    @Test("a request without a WS-Security header has no user")
    func absent() throws {
        let decoded = try AuditFixtures.decode(AuditFixtures.queryEnvelope(security: nil), at: .xca)
        #expect(XUAIdentity.read(from: decoded.header) == .absent)
    }

    @Test("the role profile attribute is configurable")
    func roleProfileAttribute() throws {
        let header = Array(AuditFixtures.securityHeader().utf8)
        #expect(XUAIdentity.read(securityHeader: header, roleProfileAttributes: ["urn:example:none"]).identity?.roleProfileID == nil)
        let second = XUAIdentity.read(securityHeader: header, roleProfileAttributes: ["urn:example:none", "selected_roleid"])
        #expect(second.identity?.roleProfileID == "555021936108")
    }

    @Test(
        "a header that cannot be read yields no user and a reason",
        arguments: [
            ("<wsse:Security xmlns:wsse=\"x\"><saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">", AuditError.Code.unreadableSecurityHeader),
            ("<!DOCTYPE x [<!ENTITY e \"boom\">]><wsse:Security xmlns:wsse=\"x\">&e;</wsse:Security>", .unreadableSecurityHeader),
            ("<wsse:Security xmlns:wsse=\"x\"><u:Timestamp xmlns:u=\"y\"/></wsse:Security>", .noAssertion),
            ("<wsse:Security xmlns:wsse=\"x\"/>", .noAssertion),
            (
                "<wsse:Security xmlns:wsse=\"x\"><saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"a\"><saml:Issuer>i</saml:Issuer><saml:Subject><saml:NameID>  </saml:NameID></saml:Subject></saml:Assertion></wsse:Security>",
                .incompleteAssertion
            ),
            ("", .unreadableSecurityHeader),
        ]
    )
    func unreadable(_ xml: String, _ code: AuditError.Code) {
        let reading = XUAIdentity.read(securityHeader: Array(xml.utf8))
        #expect(reading.identity == nil)
        #expect(reading.problem?.code == code)
        #expect(!(reading.problem?.message.contains("boom") ?? true), "the reason never repeats content")
    }

    @Test("a kept block without its XML is reported, not guessed at")
    func notKept() {
        let header = SOAPEnvelopeHeader(blocks: [
            SOAPHeaderBlock(namespace: SOAPNamespace.wsSecurity, localName: "Security", mustUnderstand: true, xml: nil)
        ])
        #expect(XUAIdentity.read(from: header).problem?.code == .headerNotKept)
    }

    @Test("the caller's certificate subject gives CN and O, with RFC 4514 escapes undone")
    func certificateSubject() {
        let caller = AuditCaller(subject: "CN=gw\\2c one,O=Trust\\, RX1+OU=Imaging,C=GB", serialNumber: "0a", remoteAddress: "::1")
        #expect(caller.commonName == "gw, one")
        #expect(caller.organisation == "Trust, RX1")
        #expect(AuditFixtures.caller.organisation == "Example Requesting Trust, RX1")
        #expect(AuditFixtures.caller.commonName == "pacs.rx1.example.nhs.uk")
    }
}
