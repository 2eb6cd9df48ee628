import Foundation
import Testing
import XCAAudit
import XCABinding
import XCAModel
import XCASOAP

@Suite("Requests refused before they were decoded")
struct RefusedRequestTests {
    private func refuse(_ fault: SOAPFault, action: String?, endpoint: GatewayEndpoint?) -> [AuditEnvelope] {
        let creator = AuditCreator(settings: AuditFixtures.settings())
        var audit = creator.begin(received: AuditFixtures.received, caller: AuditFixtures.caller, endpoint: endpoint)
        audit.refused(fault, action: action)
        return audit.envelopes()
    }

    @Test(
        "a Sender fault is 4, a Receiver fault 8; the subtype is 'unknown', the type that of the action named",
        arguments: [
            (SOAPFault(code: .sender, reason: "the message is empty"), Transaction.iti38.requestAction, GatewayEndpoint.xca, 4, "110112", "Failure; env:Sender"),
            (SOAPFault.actionNotSupported("urn:example:9990000018"), "urn:example:9990000018", .xca, 4, "110100", "Failure; env:Sender/ActionNotSupported"),
            (SOAPFault.receiver("the gateway could not read the request"), nil, .xcai, 8, "110100", "Failure; env:Receiver"),
            (SOAPFault.versionMismatch(found: "http://schemas.xmlsoap.org/soap/envelope/"), Transaction.rad75.requestAction, .xcai, 4, "110103", "Failure; env:VersionMismatch"),
            (SOAPFault(code: .sender, reason: "x"), Transaction.iti39.requestAction, .xcai, 4, "110100", "Failure; env:Sender"),
        ] as [(SOAPFault, String?, GatewayEndpoint, Int, String, String)]
    )
    func refused(_ fault: SOAPFault, _ action: String?, _ endpoint: GatewayEndpoint, _ outcome: Int, _ type: String, _ description: String) throws {
        let envelopes = refuse(fault, action: action, endpoint: endpoint)
        try AuditConformanceOutput.write("refused-\(fault.code.rawValue)-\(type)-\(outcome)-\(endpoint == .xca ? "xca" : "xcai")", envelopes)
        #expect(envelopes.count == 1)
        let envelope = try #require(envelopes.first)
        #expect(envelope.transaction == "unknown")
        #expect(envelope.outcome == outcome)
        #expect(envelope.patient == nil && envelope.user == nil)
        #expect(envelope.destination == .remote)
        #expect(UUID(uuidString: envelope.requestID) != nil, "a minted transaction id")
        let event = try AuditScenario.check(envelope)
        #expect(event.typeCode == type)
        #expect(event.string("outcomeDesc") == description)
        #expect(!event.text.contains("9990000018"), "nothing of the refused request's text")
        #expect(event.entities(role: "24").isEmpty && event.entities(role: "1").isEmpty)
        let endpointEntity = try #require(event.entities(role: "17").first)
        let interaction = AuditEventJSON.details(endpointEntity).first { $0.0 == "interactionIdentifier" }?.1
        #expect(interaction == (type == "110100" ? nil : action))
    }

    @Test("a request neither decoded nor refused is audited as aborted")
    func neverDecoded() throws {
        let creator = AuditCreator(settings: AuditFixtures.settings())
        let audit = creator.begin(received: AuditFixtures.received, caller: AuditFixtures.caller, endpoint: .xca)
        let envelopes = audit.envelopes()
        try AuditConformanceOutput.write("refused-aborted", envelopes)
        #expect(envelopes.map(\.outcome) == [8])
        #expect(try AuditScenario.check(envelopes[0]).string("outcomeDesc") == "Aborted; no response released")
    }
}
