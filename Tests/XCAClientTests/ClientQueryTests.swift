import Foundation
import Testing
import XCAClient
import XCAFixtureServer
import XCAFixtures
import XCAModel

/// `XCAClient.query` against real servers over mutual TLS: this project's gateway (three fixture communities
/// behind it) and a fixture Responding Gateway called directly; results compared with the fixture registries.
@Suite("XCAClient: ITI-38 queries", .timeLimit(.minutes(2)))
struct ClientQueryTests {
    let patient = FixtureExpectations.everywhere

    @Test("FindDocuments through the gateway: one row per approved entry of 999 000 0018 in every community")
    func findDocumentsThroughGateway() async throws {
        try await ClientHarness.with { harness in
            let (outcome, names) = try await harness.withGatewayClient { client in
                (try await client.query(DocumentQuery(.findDocuments, patient: patient)), await client.communityNames())
            }
            #expect(outcome.status == .success)
            #expect(outcome.errors.isEmpty)
            let expected = FixtureExpectations.approvedEntries(of: patient)
            #expect(outcome.rows.count == expected.count)
            for (community, entry) in expected {
                let row = try #require(
                    outcome.rows.first { $0.uniqueID == entry.uniqueID },
                    "missing \(entry.uniqueID)"
                )
                #expect(row.homeCommunityID == community.homeCommunityID)
                #expect(row.title == entry.title)
                #expect(row.size == entry.size)
                #expect(row.date == entry.creationTime)
                #expect(row.repositoryUniqueID == entry.repositoryUniqueID)
                #expect((row.kind == .imagingManifest) == (entry.formatCode?.code == QueryRow.manifestFormatCode))
                if case .document(let name) = row.kind { #expect(name == entry.typeCode?.displayName) }
            }
            // Every study of the patient appears, in the community that holds it.
            let studies = FixtureExpectations.studies(of: patient)
            let rowStudies = Set(
                outcome.rows.compactMap { row in
                    row.studyInstanceUID.map {
                        "\(names[row.homeCommunityID ?? HomeCommunityID("")] ?? "?")/\($0.rawValue)"
                    }
                }
            )
            #expect(rowStudies == Set(studies.map { "\($0.community)/\($0.studyInstanceUID)" }))
            // The gateway's /status names the communities.
            #expect(Set(names.values) == Set(FixtureExpectations.federation.communities.map(\.name)))
        }
    }

    @Test("FindDocuments straight to one fixture community (another XCA gateway, no /status): its entries only")
    func findDocumentsAtCommunity() async throws {
        try await ClientHarness.with([.fixture("midlands-imaging")], gateway: false) { harness in
            let (outcome, names) = try await harness.withCommunityClient("midlands-imaging") { client in
                (try await client.query(DocumentQuery(.findDocuments, patient: patient)), await client.communityNames())
            }
            let community = try FixtureExpectations.community("midlands-imaging")
            let expected = FixtureExpectations.approvedEntries(of: patient, in: [community])
            #expect(outcome.status == .success)
            #expect(Set(outcome.rows.compactMap(\.uniqueID)) == Set(expected.map(\.entry.uniqueID)))
            #expect(outcome.rows.allSatisfy { $0.homeCommunityID == community.homeCommunityID })
            #expect(names.isEmpty)
        }
    }

    @Test("GetAll adds the SubmissionSets; FindSubmissionSets returns only them")
    func getAllAndSubmissionSets() async throws {
        try await ClientHarness.with([.fixture("north-imaging")], gateway: false) { harness in
            try await harness.withCommunityClient("north-imaging") { client in
                let all = try await client.query(DocumentQuery(.getAll, patient: patient))
                let sets = try await client.query(DocumentQuery(.findSubmissionSets, patient: patient))
                let community = try FixtureExpectations.community("north-imaging")
                let expectedSets = community.registryObjects.filter {
                    $0.kind == .registryPackage && $0.patientID?.idNumber == patient.rawValue
                }
                #expect(!expectedSets.isEmpty)
                #expect(Set(sets.rows.compactMap(\.entryUUID)) == Set(expectedSets.compactMap(\.id)))
                #expect(sets.rows.allSatisfy { $0.kind == .submissionSet && $0.date != nil })
                let entries = FixtureExpectations.approvedEntries(of: patient, in: [community])
                #expect(all.rows.filter { $0.kind != .submissionSet && $0.kind != .folder }.count == entries.count)
                #expect(all.rows.filter { $0.kind == .submissionSet }.count == expectedSets.count)
            }
        }
    }

    @Test("GetDocuments by uniqueId in one community (home set)")
    func getDocuments() async throws {
        try await ClientHarness.with { harness in
            let community = try FixtureExpectations.community("south-west-imaging")
            let wanted = FixtureExpectations.approvedEntries(of: patient, in: [community]).prefix(2).map(\.entry)
            let outcome = try await harness.withGatewayClient { client in
                try await client.query(
                    DocumentQuery(
                        .getDocuments,
                        community: community.homeCommunityID,
                        documentUniqueIDs: wanted.map(\.uniqueID)
                    )
                )
            }
            #expect(outcome.status == .success)
            #expect(Set(outcome.rows.compactMap(\.uniqueID)) == Set(wanted.map(\.uniqueID)))
        }
    }

    @Test("A community down behind the gateway: PartialSuccess with XDSUnavailableCommunity at its homeCommunityId")
    func partialSuccess() async throws {
        let down = HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.3680043.10.99")
        try await ClientHarness.with([.fixture("north-imaging"), .init(kind: .down(name: "east-imaging", home: down))])
        { harness in
            let outcome = try await harness.withGatewayClient { client in
                try await client.query(DocumentQuery(.findDocuments, patient: patient))
            }
            #expect(outcome.status == .partialSuccess)
            let north = try FixtureExpectations.community("north-imaging")
            #expect(outcome.rows.count == FixtureExpectations.approvedEntries(of: patient, in: [north]).count)
            let error = try #require(outcome.errors.first)
            #expect(outcome.errors.count == 1)
            #expect(error.code == .unavailableCommunity)
            #expect(error.location == down.rawValue)
        }
    }

    @Test(
        "Invalid input is refused before any connection",
        arguments: [
            DocumentQuery(.findDocuments, patient: NHSNumber(rawValue: "9990000019")),  // check digit
            DocumentQuery(.findDocuments, patient: NHSNumber(rawValue: "99900000")),  // length
            DocumentQuery(.findDocuments),  // no patient
            DocumentQuery(
                .findDocuments,
                patient: NHSNumber(rawValue: "9990000018"),
                community: HomeCommunityID(rawValue: "1.2.3")
            ),
            DocumentQuery(.getDocuments, documentUniqueIDs: [DocumentUniqueID(rawValue: "1.2.3")]),  // no home
            DocumentQuery(
                .getDocuments,
                community: HomeCommunityID(rawValue: "urn:oid:1.2.3"),
                documentUniqueIDs: [DocumentUniqueID(rawValue: "1..2")]
            ),
            DocumentQuery(.getDocuments, community: HomeCommunityID(rawValue: "urn:oid:1.2.3")),  // nothing asked
        ]
    )
    func refusedBeforeConnecting(query: DocumentQuery) async throws {
        try await ClientHarness.with([.fixture("north-imaging")], gateway: false) { harness in
            let error = await #expect(throws: XCAClientError.self) {
                try await harness.withCommunityClient("north-imaging") { client in try await client.query(query) }
            }
            #expect(error?.code == .invalidInput)
            #expect(error?.message.contains("999000001") == false)
            #expect(harness.communityStatistics["north-imaging"]?.snapshot.accepted == 0)
        }
    }
}
