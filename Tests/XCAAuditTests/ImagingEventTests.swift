import Foundation
import Testing
import XCAAudit
import XCABinding
import XCAModel

@Suite("RAD-75 and RAD-69 events")
struct ImagingEventTests {
    private func index() -> AuditPatientIndex {
        let index = AuditPatientIndex()
        index.record(NHSNumber(AuditFixtures.patient), study: AuditFixtures.studyA)
        index.record(NHSNumber(AuditFixtures.patient), study: AuditFixtures.studyB)
        return index
    }

    private func studies(_ event: AuditEventJSON) -> [[String: Any]] {
        event.entities(role: "3")
    }

    private func instances(_ study: [String: Any]) -> Int? {
        ((study["extension"] as? [[String: Any]])?.first)?["valueInteger"] as? Int
    }

    @Test(
        "success: DICOM Instances Accessed (110103/R), study entities with series, repository, community, instances",
        arguments: [Transaction.rad75, .rad69]
    )
    func success(_ transaction: Transaction) throws {
        let envelopes = try AuditScenario.run(try AuditFixtures.imagingEnvelope(transaction), at: .xcai, patients: index()) { audit in
            audit.add(.imagingRetrieve(
                AuditFixtures.communityA,
                request: RetrieveImagingDocumentSetRequest(studies: [AuditFixtures.imagingRequest.studies[0]], transferSyntaxUIDs: AuditFixtures.imagingRequest.transferSyntaxUIDs),
                retrieved: Set((1...3).map { AuditFixtures.sop($0).documentUniqueID }),
                result: .answered(.success, errors: [])
            ))
            audit.finish(status: .success, errors: [])
        }
        try AuditConformanceOutput.write("\(transaction.rawValue.lowercased().replacingOccurrences(of: "-", with: ""))-success", envelopes)
        #expect(envelopes.map(\.transaction) == [transaction.rawValue, "RAD-75"])
        let responder = try AuditScenario.check(envelopes[0])
        #expect(responder.typeCode == "110103")
        #expect(responder.string("action") == "R")
        #expect(responder.patientValue == AuditFixtures.patient)
        let entities = studies(responder)
        #expect(entities.count == 2)
        let first = try #require(entities.first)
        #expect(AuditEventJSON.identifier(first)?["value"] as? String == "urn:oid:" + AuditFixtures.studyA.rawValue)
        #expect(AuditEventJSON.identifier(first)?["system"] as? String == "urn:dicom:uid")
        #expect(instances(first) == 3)
        #expect(AuditEventJSON.details(first).map(\.0) == ["Series Instance Unique Id", "Series Instance Unique Id", "Repository Unique Id", "urn:ihe:iti:xca:2010:homeCommunityId"])
        #expect(instances(entities[1]) == 1)
        #expect(responder.text.contains(#""coding":[{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"110180","display":"Study Instance UID"}]"#))
        let endpoint = try #require(responder.entities(role: "17").first)
        #expect(AuditEventJSON.details(endpoint).contains { $0 == ("interactionIdentifier", transaction.requestAction) })

        let leg = try AuditScenario.check(envelopes[1])
        #expect(leg.subtypeCode == "RAD-75")
        #expect(leg.typeCode == "110103")
        #expect(studies(leg).count == 1)
        #expect(AuditEventJSON.details(try #require(leg.entities(role: "17").first)).contains { $0 == ("interactionIdentifier", Transaction.rad75.requestAction) })
        // Retrieve direction on the leg: the community holds the data.
        #expect((try #require(leg.agent(role: "110153"))["network"] as? [String: Any])?["address"] as? String == AuditFixtures.communityA.endpoint)
    }

    @Test("PartialSuccess: the instances delivered and those not, counted per study")
    func partialSuccess() throws {
        let errors = [AuditScenario.error(.unavailableCommunity, at: AuditFixtures.homeB)]
        let delivered = Set([1, 2].map { AuditFixtures.sop($0).documentUniqueID })
        let envelopes = try AuditScenario.run(try AuditFixtures.imagingEnvelope(), at: .xcai, patients: index()) { audit in
            audit.add(.imagingRetrieve(
                AuditFixtures.communityB,
                request: RetrieveImagingDocumentSetRequest(studies: [AuditFixtures.imagingRequest.studies[1]], transferSyntaxUIDs: AuditFixtures.imagingRequest.transferSyntaxUIDs),
                retrieved: [],
                result: .unavailable
            ))
            audit.finish(status: .partialSuccess, errors: errors, retrieved: delivered)
        }
        try AuditConformanceOutput.write("rad75-partial", envelopes)
        #expect(envelopes.map(\.outcome) == [0, 4, 8])
        let success = try AuditScenario.check(envelopes[0])
        #expect(studies(success).map(instances) == [2])
        let failure = try AuditScenario.check(envelopes[1])
        #expect(studies(failure).map(instances) == [1, 1])
        #expect(failure.string("outcomeDesc") == "PartialSuccess; XDSUnavailableCommunity@urn:oid:1.2.3.4.5.300")
    }

    @Test("study unknown to the index: no patient entity")
    func patientUnknown() throws {
        let envelopes = try AuditScenario.run(try AuditFixtures.imagingEnvelope(), at: .xcai) { audit in
            audit.finish(status: .failure, errors: [AuditScenario.error(.xdsiUnknownIdsUid, at: AuditFixtures.homeA)])
        }
        try AuditConformanceOutput.write("rad75-patient-unknown", envelopes)
        #expect(envelopes.map(\.outcome) == [4])
        #expect(envelopes[0].patient == nil)
        #expect(try AuditScenario.check(envelopes[0]).entities(role: "1").isEmpty)
    }
}
