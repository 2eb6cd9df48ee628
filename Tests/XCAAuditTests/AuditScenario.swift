import Foundation
import Testing
import XCAAudit
import XCABinding
import XCAModel

/// Runs one request through a ``RequestAudit`` and checks what every event must have.
enum AuditScenario {
    static func run(
        _ envelope: [UInt8],
        at endpoint: GatewayEndpoint,
        settings: AuditSettings = AuditFixtures.settings(),
        patients: (any AuditPatientResolver)? = nil,
        _ fill: (inout RequestAudit) -> Void
    ) throws -> [AuditEnvelope] {
        let creator = AuditCreator(settings: settings, patients: patients)
        var audit = creator.begin(received: AuditFixtures.received, caller: AuditFixtures.caller, endpoint: endpoint)
        audit.decoded(try AuditFixtures.decode(envelope, at: endpoint), envelope: envelope)
        fill(&audit)
        return audit.envelopes()
    }

    /// The checks every event passes: parseable one-line JSON whose id, outcome and transaction agree with the
    /// envelope; one source and one destination agent, each with a network address; at most one requestor; the
    /// gateway's ASID on the observer; the transaction entity; response content nowhere.
    @discardableResult
    static func check(_ envelope: AuditEnvelope, settings: AuditSettings = AuditFixtures.settings()) throws -> AuditEventJSON {
        let event = try AuditEventJSON(envelope)
        #expect(event.string("resourceType") == "AuditEvent")
        #expect(event.string("id") == envelope.id)
        #expect(UUID(uuidString: envelope.id) != nil && envelope.id == envelope.id.lowercased())
        #expect(event.string("recorded") == "2025-03-04T10:15:30.123Z")
        #expect(event.string("outcome") == String(envelope.outcome))
        #expect(event.subtypeCode == envelope.transaction)
        #expect(event.transactionID == envelope.requestID)
        #expect(envelope.destination == (envelope.role == .responder ? .remote : .local))
        for role in ["110153", "110152"] {
            let agent = try #require(event.agent(role: role), "agent \(role)")
            let network = try #require(agent["network"] as? [String: Any])
            #expect(!(network["address"] as? String ?? "").isEmpty)
        }
        #expect(event.requestors.count == 1)
        let source = try #require(event["source"] as? [String: Any])
        let observer = try #require(source["observer"] as? [String: Any])
        #expect((observer["identifier"] as? [String: Any])?["value"] as? String == settings.asid)
        #expect(event.entities(role: "17").count == 1)
        if envelope.outcome != 0 { #expect(event.string("outcomeDesc") != nil) }
        let isPARS = envelope.role == .responder && settings.format == .pars
        #expect((event["meta"] != nil) == isPARS)
        for agent in event.agents {
            let type = (agent["who"] as? [String: Any])?["type"] as? String
            #expect(["Organization", "Patient", "Practitioner", "PractitionerRole", "Endpoint"].contains(type ?? ""))
        }
        #expect(!event.text.contains(ResponseMarkers.codeContext), "a codeContext reached the event")
        #expect(envelope.json.count < 64 << 10)
        return event
    }

    /// Errors as a response carries them, with codeContext text that must never reach an event.
    static func error(_ code: RegistryError.Code, at location: HomeCommunityID?, severity: RegistryError.Severity = .error) -> RegistryError {
        RegistryError(code, codeContext: ResponseMarkers.codeContext + " for 9990000018", location: location?.rawValue, severity: severity)
    }
}

enum ResponseMarkers {
    static let codeContext = "free text the partner wrote"
}
