import Foundation
import Testing
import XCABinding
import XCAModel

@testable import XCAAudit

/// A request's events are written with the part they share (source, patient and transaction entities, the query
/// through its base64) written once and copied: each event must still be byte for byte what writing it alone gives,
/// and its `shared` range must cover exactly the bytes the other events of the same patient hold too.
@Suite("Events of a request: the shared part")
struct SharedPartTests {
    private static func check(_ audit: RequestAudit, creator: AuditCreator) throws -> [AuditEnvelope] {
        let records = audit.records()
        let envelopes = audit.envelopes(of: records)
        try #require(envelopes.count == records.count)
        for (envelope, record) in zip(envelopes, records) {
            #expect(envelope.json == creator.json(record), "event \(record.role) differs from the one written alone")
            let shared = try #require(envelope.shared)
            #expect(!shared.isEmpty && shared.upperBound <= envelope.json.count)
            #expect(String(decoding: envelope.json[shared], as: UTF8.self).hasPrefix(#","source":{"#))
        }
        // Events of the same patient share their bytes exactly.
        for group in Dictionary(grouping: envelopes, by: \.patient).values {
            let parts = Set(group.compactMap { envelope in envelope.shared.map { Array(envelope.json[$0]) } })
            #expect(parts.count == 1)
        }
        return envelopes
    }

    @Test("ITI-38 PartialSuccess with three legs: the query and its base64 are in the shared part", arguments: AuditFormat.allCases)
    func query(format: AuditFormat) throws {
        let creator = AuditCreator(settings: AuditFixtures.settings(format: format))
        let envelope = AuditFixtures.queryEnvelope()
        var audit = creator.begin(received: AuditFixtures.received, caller: AuditFixtures.caller, endpoint: .xca)
        audit.decoded(try AuditFixtures.decode(envelope, at: .xca), envelope: envelope)
        audit.add(.query(AuditFixtures.communityA, result: .answered(.success, errors: [])))
        audit.add(.query(AuditFixtures.communityB, result: .unavailable))
        audit.add(.query(AuditFixtures.communityA, result: .answered(.partialSuccess, errors: [AuditScenario.error(.registryError, at: AuditFixtures.homeA)])))
        audit.finish(status: .partialSuccess, errors: [AuditScenario.error(.unavailableCommunity, at: AuditFixtures.homeB)])
        let envelopes = try Self.check(audit, creator: creator)
        #expect(envelopes.count == 2 + 1 + 1 + 2)
        let query = try #require(QueryElement.cut(from: envelope))
        let base64 = String(decoding: Base64.encode(query), as: UTF8.self)
        for envelope in envelopes {
            let shared = try #require(envelope.shared)
            #expect(String(decoding: envelope.json[shared], as: UTF8.self).hasSuffix(#""query":""# + base64 + #"""#))
        }
    }

    @Test("ITI-39 over two patients: each patient's events share their own part")
    func retrieve() throws {
        let documents = AuditFixtures.documents
        let index = AuditPatientIndex()
        index.record(NHSNumber(AuditFixtures.patient), document: documents[0].documentUniqueID, repository: documents[0].repositoryUniqueID, home: documents[0].homeCommunityID)
        index.record(NHSNumber(AuditFixtures.otherPatient), document: documents[2].documentUniqueID, repository: documents[2].repositoryUniqueID, home: documents[2].homeCommunityID)
        let creator = AuditCreator(settings: AuditFixtures.settings(), patients: index)
        let envelope = try AuditFixtures.retrieveEnvelope()
        var audit = creator.begin(received: AuditFixtures.received, caller: AuditFixtures.caller, endpoint: .xca)
        audit.decoded(try AuditFixtures.decode(envelope, at: .xca), envelope: envelope)
        audit.add(.retrieve(AuditFixtures.communityA, documents: Array(documents[0...1]), retrieved: [documents[0].documentUniqueID], result: .answered(.partialSuccess, errors: [])))
        audit.add(.retrieve(AuditFixtures.communityB, documents: [documents[2]], retrieved: [documents[2].documentUniqueID], result: .answered(.success, errors: [])))
        audit.finish(status: .partialSuccess, errors: [AuditScenario.error(.repositoryError, at: AuditFixtures.homeA)])
        let envelopes = try Self.check(audit, creator: creator)
        #expect(Set(envelopes.map(\.patient)).count == 3)  // two patients and a document no lookup knows
    }
}
