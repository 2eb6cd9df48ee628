import Foundation
import Testing
import XCAAudit
import XCABinding
import XCAModel

@Suite("ITI-38 events")
struct QueryEventTests {
    private let envelope = AuditFixtures.queryEnvelope()

    @Test("success: one responder event for the caller, one initiator event per leg", arguments: AuditFormat.allCases)
    func success(format: AuditFormat) throws {
        let settings = AuditFixtures.settings(format: format)
        let envelopes = try AuditScenario.run(envelope, at: .xca, settings: settings) { audit in
            audit.add(.query(AuditFixtures.communityA, result: .answered(.success, errors: []), messageID: "urn:uuid:0b7e4a62-91c3-4d2f-8a55-3c6f1e2d7b10"))
            audit.add(.query(AuditFixtures.communityB, result: .answered(.failure, errors: [AuditScenario.error(.unknownPatientID, at: AuditFixtures.homeB)])))
            audit.finish(status: .success, errors: [])
        }
        try AuditConformanceOutput.write("iti38-success-\(format.rawValue)", envelopes)
        #expect(envelopes.map(\.role) == [.responder, .initiator, .initiator])
        #expect(envelopes.map(\.outcome) == [0, 0, 4])
        #expect(Set(envelopes.map(\.requestID)) == [AuditFixtures.transactionID])
        #expect(Set(envelopes.map(\.id)).count == 3)

        let responder = try AuditScenario.check(envelopes[0], settings: settings)
        #expect(responder.typeCode == "110112")
        #expect(responder.string("action") == (format == .pars ? "R" : "E"))
        #expect(((responder["meta"] as? [String: Any])?["profile"] as? [String])?.first
            == (format == .pars ? "https://fhir.nhs.uk/England/StructureDefinition/England-AuditEvent-PARS" : nil))
        #expect(responder.patientValue == AuditFixtures.patient)
        #expect((responder["source"] as? [String: Any])?["site"] as? String == "https://gw.example.nhs.uk")
        #expect(envelopes[0].patient == AuditFixtures.patient)
        #expect(envelopes[0].user == "555021935107")
        #expect(envelopes[0].organisation == "RX1")
        #expect(envelopes[0].transaction == "ITI-38")
        // Query direction: the caller is the Source, the gateway the Destination.
        let caller = try #require(responder.agent(role: "110153"))
        #expect((caller["network"] as? [String: Any])?["address"] as? String == "10.20.30.40")
        #expect((caller["network"] as? [String: Any])?["type"] as? String == "2")
        #expect((caller["who"] as? [String: Any])?["display"] as? String == "pacs.rx1.example.nhs.uk")
        let gateway = try #require(responder.agent(role: "110152"))
        #expect(gateway["altId"] as? String == "4711")
        #expect((gateway["network"] as? [String: Any])?["address"] as? String == "https://gw.example.nhs.uk/xca")
        #expect((gateway["network"] as? [String: Any])?["type"] as? String == "5")
        #expect(((gateway["who"] as? [String: Any])?["identifier"] as? [String: Any])?["value"] as? String == AuditFixtures.gatewayASID)
        // The user is the requestor, with role, purpose of use and policy; purposeOfEvent repeats the purpose.
        let user = try #require(responder.agents(whoType: "Practitioner").first)
        #expect(user["requestor"] as? Bool == true)
        #expect(((user["who"] as? [String: Any])?["identifier"] as? [String: Any])?["system"] as? String == "https://fhir.nhs.uk/Id/sds-user-id")
        #expect((user["who"] as? [String: Any])?["display"] as? String == "Dr Jane \"JJ\" Example")
        #expect(user["name"] as? String == "<555021935107@https://cis2.example.nhs.uk>")
        #expect(user["policy"] as? [String] == ["_7a2c1e4f-0b6d-4f3a-8e2c-1d9b0a7c6e55"])
        #expect(responder.text.contains(#""purposeOfEvent":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"TREAT","display":"treatment"}]}]"#))
        #expect(responder.agents(whoType: "PractitionerRole").count == 1)
        let organisations = responder.agents(whoType: "Organization")
        #expect(organisations.count == 2)
        #expect(responder.text.contains(#""identifier":{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"RX1"}"#))
        // The query entity: stored query id, QueryEncoding; no home detail (the query names none).
        let query = try #require(responder.entities(role: "24").first)
        #expect(AuditEventJSON.identifier(query)?["value"] as? String == StoredQuery.findDocuments.rawValue)
        #expect(AuditEventJSON.details(query).map(\.0) == ["QueryEncoding"])
        let endpoint = try #require(responder.entities(role: "17").first)
        #expect(endpoint["name"] as? String == "Cross Gateway Query")
        #expect(AuditEventJSON.details(endpoint).contains { $0 == ("interactionIdentifier", "urn:ihe:iti:2007:CrossGatewayQuery") })

        // Initiator legs: BALP, local, action E; the gateway is the Source, the community the Destination.
        for (index, community) in [AuditFixtures.communityA, AuditFixtures.communityB].enumerated() {
            let leg = try AuditScenario.check(envelopes[index + 1], settings: settings)
            #expect(leg["meta"] == nil)
            #expect(leg.string("action") == "E")
            #expect(leg.typeCode == "110112")
            let remote = try #require(leg.agent(role: "110152"))
            #expect((remote["network"] as? [String: Any])?["address"] as? String == community.endpoint)
            #expect((remote["network"] as? [String: Any])?["type"] as? String == "5")
            let own = try #require(leg.agent(role: "110153"))
            #expect(((own["who"] as? [String: Any])?["identifier"] as? [String: Any])?["value"] as? String == AuditFixtures.gatewayASID)
            let legQuery = try #require(leg.entities(role: "24").first)
            #expect(AuditEventJSON.details(legQuery).contains { $0 == ("urn:ihe:iti:xca:2010:homeCommunityId", community.homeCommunityID.rawValue) })
            #expect(leg.patientValue == AuditFixtures.patient)
            #expect(legQuery["query"] as? String == query["query"] as? String)
        }
        let legA = try AuditEventJSON(envelopes[1])
        #expect(AuditEventJSON.details(try #require(legA.entities(role: "17").first)).contains { $0 == ("MessageID", "urn:uuid:0b7e4a62-91c3-4d2f-8a55-3c6f1e2d7b10") })
        let legB = try AuditEventJSON(envelopes[2])
        #expect(legB.string("outcomeDesc") == "Failure; XDSUnknownPatientId@urn:oid:1.2.3.4.5.300")
    }

    @Test("the PARS ITI-38 action can be E")
    func executeAction() throws {
        let settings = AuditFixtures.settings(format: .pars, queryAction: .execute)
        let envelopes = try AuditScenario.run(envelope, at: .xca, settings: settings) { $0.finish(status: .success, errors: []) }
        #expect(try AuditScenario.check(envelopes[0], settings: settings).string("action") == "E")
        try AuditConformanceOutput.write("iti38-execute", envelopes)
    }

    @Test("PartialSuccess: a success and a failure event sharing the transaction id; the failed leg is 8")
    func partialSuccess() throws {
        let errors = [AuditScenario.error(.unavailableCommunity, at: AuditFixtures.homeB), AuditScenario.error(.unavailableCommunity, at: AuditFixtures.homeB)]
        let envelopes = try AuditScenario.run(envelope, at: .xca) { audit in
            audit.add(.query(AuditFixtures.communityA, result: .answered(.success, errors: [])))
            audit.add(.query(AuditFixtures.communityB, result: .unavailable))
            audit.finish(status: .partialSuccess, errors: errors)
        }
        try AuditConformanceOutput.write("iti38-partial", envelopes)
        #expect(envelopes.map(\.role) == [.responder, .responder, .initiator, .initiator])
        #expect(envelopes.map(\.outcome) == [0, 4, 0, 8])
        #expect(Set(envelopes.map(\.requestID)).count == 1)
        let success = try AuditScenario.check(envelopes[0])
        let failure = try AuditScenario.check(envelopes[1])
        #expect(success.string("outcomeDesc") == nil)
        #expect(failure.string("outcomeDesc") == "PartialSuccess; XDSUnavailableCommunity@urn:oid:1.2.3.4.5.300")
        #expect(success.entities(role: "24").first?["query"] as? String == failure.entities(role: "24").first?["query"] as? String)
        let leg = try AuditScenario.check(envelopes[3])
        #expect(leg.string("outcomeDesc") == "Failure; XDSUnavailableCommunity@urn:oid:1.2.3.4.5.300")
    }

    @Test(
        "Failure: 4 when every error is the requester's, 8 when any is a remote or system failure",
        arguments: [
            ([RegistryError.Code.storedQueryMissingParam], 4),
            ([.unknownCommunity, .storedQueryParamNumber], 4),
            ([.unavailableCommunity], 8),
            ([.unknownCommunity, .registryError], 8),
            ([RegistryError.Code(rawValue: "urn:example:partner:0006")], 8),
        ]
    )
    func failure(_ codes: [RegistryError.Code], _ outcome: Int) throws {
        let errors = codes.map { AuditScenario.error($0, at: AuditFixtures.homeA) }
        let envelopes = try AuditScenario.run(envelope, at: .xca) { $0.finish(status: .failure, errors: errors) }
        try AuditConformanceOutput.write("iti38-failure-\(codes.map(\.rawValue).joined(separator: "+").replacingOccurrences(of: ":", with: "_"))", envelopes)
        #expect(envelopes.map(\.outcome) == [outcome])
        let event = try AuditScenario.check(envelopes[0])
        let expected = "Failure; " + codes.map { "\($0.rawValue)@urn:oid:1.2.3.4.5.200" }.joined(separator: "; ")
        #expect(event.string("outcomeDesc") == expected)
    }

    @Test("a request without a WS-Security header: no user agent; the caller's organisation is the requestor")
    func noUser() throws {
        let envelope = AuditFixtures.queryEnvelope(security: nil)
        let envelopes = try AuditScenario.run(envelope, at: .xca) { $0.finish(status: .success, errors: []) }
        try AuditConformanceOutput.write("iti38-no-user", envelopes)
        let event = try AuditScenario.check(envelopes[0])
        #expect(event.agents(whoType: "Practitioner").isEmpty)
        #expect(event["purposeOfEvent"] == nil)
        let organisation = try #require(event.agents(whoType: "Organization").first)
        #expect(organisation["requestor"] as? Bool == true)
        #expect((organisation["who"] as? [String: Any])?["display"] as? String == "Example Requesting Trust, RX1")
        #expect(envelopes[0].user == nil)
        #expect(envelopes[0].organisation == "Example Requesting Trust, RX1")
    }

    @Test("a garbled WS-Security header: the request is still audited, without a user, and the reason is kept")
    func garbledUser() throws {
        let security = """
            <wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">\
            <saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="x"><saml:Issuer>i</saml:Issuer></saml:Assertion>\
            </wsse:Security>
            """
        let envelope = AuditFixtures.queryEnvelope(security: security)
        let creator = AuditCreator(settings: AuditFixtures.settings())
        var audit = creator.begin(received: AuditFixtures.received, caller: AuditFixtures.caller, endpoint: .xca)
        audit.decoded(try AuditFixtures.decode(envelope, at: .xca), envelope: envelope)
        audit.finish(status: .success, errors: [])
        #expect(audit.user.problem?.code == .incompleteAssertion)
        let envelopes = audit.envelopes()
        try AuditConformanceOutput.write("iti38-garbled-user", envelopes)
        let event = try AuditScenario.check(envelopes[0])
        #expect(event.agents(whoType: "Practitioner").isEmpty)
        #expect(envelopes[0].user == nil)
    }

    @Test("text from the assertion is escaped: quotes, backslashes, tabs and non-ASCII survive a JSON parser")
    func escaping() throws {
        let readable = AuditFixtures.queryEnvelope(security: AuditFixtures.securityHeader(subjectName: "Zoë \"Q\"\tÜnal\\日本😀"))
        let envelopes = try AuditScenario.run(readable, at: .xca) { $0.finish(status: .success, errors: []) }
        try AuditConformanceOutput.write("iti38-escaping", envelopes)
        let event = try AuditScenario.check(envelopes[0])
        let user = try #require(event.agents(whoType: "Practitioner").first)
        #expect((user["who"] as? [String: Any])?["display"] as? String == "Zoë \"Q\"\tÜnal\\日本😀")
        #expect(event.text.contains(#"Zoë \"Q\"\u0009Ünal\\日本😀"#))
    }

    @Test("a query by another CX assigning authority names the patient as a plain identifier")
    func otherPatientIdentifier() throws {
        let envelope = AuditFixtures.queryEnvelope(patientID: "PAT-77^^^&1.2.3.4.5.200.9&ISO")
        let envelopes = try AuditScenario.run(envelope, at: .xca) { $0.finish(status: .success, errors: []) }
        try AuditConformanceOutput.write("iti38-other-cx", envelopes)
        let event = try AuditScenario.check(envelopes[0])
        let patient = try #require(event.entities(role: "1").first)
        #expect(AuditEventJSON.identifier(patient)?["system"] as? String == "urn:oid:1.2.3.4.5.200.9")
        #expect(AuditEventJSON.identifier(patient)?["value"] as? String == "PAT-77")
        #expect(envelopes[0].patient == nil, "the journal's patient index holds NHS numbers only")
    }

    @Test("a query without a patient id (GetDocuments) gets its patients from the index, one event each")
    func getDocumentsPatients() throws {
        let index = AuditPatientIndex()
        index.record(NHSNumber(AuditFixtures.patient), document: DocumentUniqueID("1.2.3.9.1"), repository: AuditFixtures.repositoryA, home: AuditFixtures.homeA)
        index.record(NHSNumber(AuditFixtures.otherPatient), document: DocumentUniqueID("1.2.3.9.2"), repository: AuditFixtures.repositoryA, home: AuditFixtures.homeA)
        let slots = "<rim:Slot name=\"$XDSDocumentEntryUniqueId\"><rim:ValueList><rim:Value>('1.2.3.9.1','1.2.3.9.2','1.2.3.9.3')</rim:Value></rim:ValueList></rim:Slot>"
        let envelope = AuditFixtures.queryEnvelope(patientID: nil, queryID: StoredQuery.getDocuments.rawValue, home: AuditFixtures.homeA, extraSlots: slots)
        let envelopes = try AuditScenario.run(envelope, at: .xca, patients: index) { $0.finish(status: .success, errors: []) }
        try AuditConformanceOutput.write("iti38-get-documents", envelopes)
        #expect(envelopes.map(\.patient) == [AuditFixtures.patient, AuditFixtures.otherPatient])
        for envelope in envelopes {
            let event = try AuditScenario.check(envelope)
            let query = try #require(event.entities(role: "24").first)
            #expect(AuditEventJSON.details(query).contains { $0 == ("urn:ihe:iti:xca:2010:homeCommunityId", AuditFixtures.homeA.rawValue) })
        }

        // Nothing known: one event without a patient entity (validate-audit requires one on query events, so this
        // event is not part of the conformance output).
        let unknown = try AuditScenario.run(envelope, at: .xca) { $0.finish(status: .success, errors: []) }
        #expect(unknown.count == 1)
        #expect(try AuditScenario.check(unknown[0]).entities(role: "1").isEmpty)
    }

    @Test("a request never finished is audited as aborted (8)")
    func aborted() throws {
        let envelopes = try AuditScenario.run(envelope, at: .xca) { _ in }
        try AuditConformanceOutput.write("iti38-aborted", envelopes)
        #expect(envelopes.map(\.outcome) == [8])
        #expect(try AuditScenario.check(envelopes[0]).string("outcomeDesc") == "Aborted; no response released")
    }
}
