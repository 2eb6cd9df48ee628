import Foundation
import Testing
import XCAAudit
import XCABinding
import XCAModel

@Suite("ITI-39 events")
struct RetrieveEventTests {
    private let documents = AuditFixtures.documents

    /// An index that knows the first two documents (patient) and the third (other patient).
    private func index() -> AuditPatientIndex {
        let index = AuditPatientIndex()
        index.record(NHSNumber(AuditFixtures.patient), document: documents[0].documentUniqueID, repository: documents[0].repositoryUniqueID, home: documents[0].homeCommunityID)
        index.record(NHSNumber(AuditFixtures.patient), document: documents[1].documentUniqueID, repository: documents[1].repositoryUniqueID, home: documents[1].homeCommunityID)
        index.record(NHSNumber(AuditFixtures.otherPatient), document: documents[2].documentUniqueID, repository: documents[2].repositoryUniqueID, home: documents[2].homeCommunityID)
        return index
    }

    private func documentIDs(_ event: AuditEventJSON) -> [String] {
        event.entities(role: "3").compactMap { AuditEventJSON.identifier($0)?["value"] as? String }
    }

    @Test("success: Export (110106/R) per patient for the caller, Import (110107/C) per leg", arguments: AuditFormat.allCases)
    func success(format: AuditFormat) throws {
        let settings = AuditFixtures.settings(format: format)
        let envelopes = try AuditScenario.run(try AuditFixtures.retrieveEnvelope(), at: .xca, settings: settings, patients: index()) { audit in
            audit.add(.retrieve(AuditFixtures.communityA, documents: Array(documents[0...1]), retrieved: [documents[0].documentUniqueID, documents[1].documentUniqueID], result: .answered(.success, errors: [])))
            audit.add(.retrieve(AuditFixtures.communityB, documents: [documents[2]], retrieved: [documents[2].documentUniqueID], result: .answered(.success, errors: [])))
            audit.finish(status: .success, errors: [])
        }
        try AuditConformanceOutput.write("iti39-success-\(format.rawValue)", envelopes)
        // One audit message per patient: two responder events (the request spans two patients), one per leg.
        #expect(envelopes.map(\.role) == [.responder, .responder, .initiator, .initiator])
        #expect(envelopes.map(\.patient) == [AuditFixtures.patient, AuditFixtures.otherPatient, AuditFixtures.patient, AuditFixtures.otherPatient])
        #expect(envelopes.allSatisfy { $0.outcome == 0 && $0.transaction == "ITI-39" })

        let first = try AuditScenario.check(envelopes[0], settings: settings)
        #expect(first.typeCode == "110106")
        #expect(first.string("action") == "R")
        #expect(documentIDs(first) == documents[0...1].map(\.documentUniqueID.rawValue))
        let document = try #require(first.entities(role: "3").first)
        #expect(AuditEventJSON.details(document).map(\.0) == ["Repository Unique ID", "ihe:homeCommunityID"])
        // Retrieve direction: the gateway (data holder) is the Source, the caller the Destination.
        let gateway = try #require(first.agent(role: "110153"))
        #expect(((gateway["who"] as? [String: Any])?["identifier"] as? [String: Any])?["value"] as? String == AuditFixtures.gatewayASID)
        let caller = try #require(first.agent(role: "110152"))
        #expect((caller["network"] as? [String: Any])?["address"] as? String == "10.20.30.40")
        #expect(((caller["who"] as? [String: Any])?["identifier"] as? [String: Any])?["value"] as? String == "01:0a:ff")
        #expect(documentIDs(try AuditScenario.check(envelopes[1], settings: settings)) == [documents[2].documentUniqueID.rawValue])

        let leg = try AuditScenario.check(envelopes[2], settings: settings)
        #expect(leg.typeCode == "110107")
        #expect(leg.string("action") == "C")
        let remote = try #require(leg.agent(role: "110153"))
        #expect((remote["network"] as? [String: Any])?["address"] as? String == AuditFixtures.communityA.endpoint)
        let own = try #require(leg.agent(role: "110152"))
        #expect(own["altId"] as? String == "4711")
        #expect(documentIDs(leg) == documents[0...1].map(\.documentUniqueID.rawValue))
    }

    @Test("PartialSuccess: the delivered documents at 0, the others at 4, sharing the transaction id")
    func partialSuccess() throws {
        let errors = [AuditScenario.error(.documentUniqueIDError, at: AuditFixtures.homeA)]
        let delivered: Set<DocumentUniqueID> = [documents[0].documentUniqueID, documents[2].documentUniqueID]
        let envelopes = try AuditScenario.run(try AuditFixtures.retrieveEnvelope(), at: .xca, patients: index()) { audit in
            audit.add(.retrieve(AuditFixtures.communityA, documents: Array(documents[0...1]), retrieved: [documents[0].documentUniqueID], result: .answered(.partialSuccess, errors: errors)))
            audit.add(.retrieve(AuditFixtures.communityB, documents: [documents[2]], retrieved: [documents[2].documentUniqueID], result: .answered(.success, errors: [])))
            audit.finish(status: .partialSuccess, errors: errors)
        }
        try AuditConformanceOutput.write("iti39-partial", envelopes)
        let responders = envelopes.filter { $0.role == .responder }
        #expect(responders.map(\.outcome) == [0, 0, 4])
        #expect(Set(envelopes.map(\.requestID)).count == 1)
        let successes = try responders.filter { $0.outcome == 0 }.flatMap { documentIDs(try AuditScenario.check($0)) }
        #expect(Set(successes) == Set(delivered.map(\.rawValue)))
        let failure = try AuditScenario.check(responders[2])
        #expect(documentIDs(failure) == [documents[1].documentUniqueID.rawValue])
        #expect(failure.string("outcomeDesc") == "PartialSuccess; XDSDocumentUniqueIdError@urn:oid:1.2.3.4.5.200")
        #expect(responders[2].patient == AuditFixtures.patient)

        let legA = envelopes.filter { $0.role == .initiator && $0.outcome == 4 }
        #expect(legA.count == 1)
        #expect(documentIDs(try AuditScenario.check(legA[0])) == [documents[1].documentUniqueID.rawValue])
    }

    @Test(
        "Failure: 4 for the requester's errors, 8 for the repository's or a community that did not answer",
        arguments: [
            (RegistryError.Code.documentUniqueIDError, AuditLeg.Result.answered(.failure, errors: []), 4),
            (.repositoryError, .answered(.failure, errors: []), 8),
            (.unavailableCommunity, .unavailable, 8),
            (.registryError, .faulted, 8),
            (.registryError, .malformed, 8),
        ]
    )
    func failure(_ code: RegistryError.Code, _ leg: AuditLeg.Result, _ outcome: Int) throws {
        let error = AuditScenario.error(code, at: AuditFixtures.homeA)
        var legResult = leg
        if case .answered(let status, _) = leg { legResult = .answered(status, errors: [error]) }
        let envelopes = try AuditScenario.run(try AuditFixtures.retrieveEnvelope(documents: Array(documents[0...1])), at: .xca, patients: index()) { audit in
            audit.add(.retrieve(AuditFixtures.communityA, documents: Array(documents[0...1]), retrieved: [], result: legResult))
            audit.finish(status: .failure, errors: [error])
        }
        try AuditConformanceOutput.write("iti39-failure-\(code.rawValue)-\(Self.label(leg))", envelopes)
        #expect(envelopes.map(\.outcome) == [outcome, outcome])
        for envelope in envelopes {
            let event = try AuditScenario.check(envelope)
            #expect(event.string("outcomeDesc") == "Failure; \(code.rawValue)@urn:oid:1.2.3.4.5.200")
            #expect(documentIDs(event).count == 2)
        }
    }

    private static func label(_ result: AuditLeg.Result) -> String {
        switch result {
        case .answered: "answered"
        case .unavailable: "unavailable"
        case .faulted: "faulted"
        case .malformed: "malformed"
        }
    }

    @Test("patient unknown: the events are made without a patient entity")
    func patientUnknown() throws {
        let envelopes = try AuditScenario.run(try AuditFixtures.retrieveEnvelope(security: nil), at: .xca) { audit in
            audit.finish(status: .success, errors: [])
        }
        try AuditConformanceOutput.write("iti39-patient-unknown", envelopes)
        #expect(envelopes.count == 1)
        #expect(envelopes[0].patient == nil)
        let event = try AuditScenario.check(envelopes[0])
        #expect(event.entities(role: "1").isEmpty)
        #expect(documentIDs(event).count == 3)
        // No user: the caller's organisation (its certificate's O) is the requestor.
        #expect(event.requestors.first.flatMap { ($0["who"] as? [String: Any])?["type"] as? String } == "Organization")
    }

    @Test("a leg without its documents listed covers the request's documents of its community")
    func legDocumentsFromRequest() throws {
        let envelopes = try AuditScenario.run(try AuditFixtures.retrieveEnvelope(), at: .xca) { audit in
            audit.add(AuditLeg(community: AuditFixtures.communityB, result: .answered(.success, errors: [])))
            audit.finish(status: .success, errors: [])
        }
        let leg = try AuditScenario.check(try #require(envelopes.last))
        #expect(documentIDs(leg) == [documents[2].documentUniqueID.rawValue])
    }
}
