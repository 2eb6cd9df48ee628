import Foundation
import Synchronization
import Testing
import XCAClient
import XCAFixtures
import XCAModel

/// The viewer's path (`retrieveImaging`): FindDocuments → manifests (ITI-39) → RAD-75 → DICOM files, against the
/// gateway and against one fixture community; every instance byte-identical to the fixture's rendition.
@Suite("XCAClient: imaging retrieve", .timeLimit(.minutes(3)))
struct ClientImagingTests {
    let patient = FixtureExpectations.everywhere

    func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("xca-client-images-\(UUID().uuidString)").path
    }

    /// Every file of `outcome` is at DIR/study/series/sop.dcm and holds the fixture's rendition; the directory
    /// holds nothing else.
    func expectIdentical(
        _ outcome: ImagingRetrieveOutcome,
        _ expected: [String: FixtureInstance],
        in directory: String
    ) async throws {
        #expect(Set(outcome.written.map(\.sopInstanceUID.rawValue)) == Set(expected.keys))
        #expect(outcome.written.count == expected.count)
        for file in outcome.written {
            let instance = try #require(expected[file.sopInstanceUID.rawValue])
            let path =
                "\(directory)/\(instance.studyInstanceUID)/\(instance.seriesInstanceUID)/\(instance.sopInstanceUID).dcm"
            #expect(file.path == path)
            #expect(
                file.studyInstanceUID == instance.studyInstanceUID
                    && file.seriesInstanceUID == instance.seriesInstanceUID
            )
            let bytes = try #require(FileManager.default.contents(atPath: path))
            #expect([UInt8](bytes) == (try await FixtureExpectations.rendition(instance)))
        }
        let files =
            FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String }.filter {
                $0.hasSuffix(".dcm")
            } ?? []
        #expect(files.count == expected.count)
    }

    @Test("Every instance of 999 000 0018 (three communities) through the gateway, with progress events")
    func throughGateway() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let expected = FixtureExpectations.instances(of: patient)
        #expect(expected.count > 0)
        let events = Mutex<(planned: Int, written: Int, bytes: Int)>((0, 0, 0))
        try await ClientHarness.with { harness in
            let outcome = try await harness.withGatewayClient { client in
                try await client.retrieveImaging(patient: patient, into: directory) { event in
                    events.withLock { counts in
                        switch event {
                        case .planned(_, _, let instances): counts.planned = instances
                        case .written: counts.written += 1
                        case .received(let bytes): counts.bytes += bytes
                        case .studyStarted, .studyFinished: break
                        }
                    }
                }
            }
            #expect(outcome.status == .success)
            #expect(outcome.errors.isEmpty && outcome.failures.isEmpty && outcome.notReceived.isEmpty)
            #expect(
                Set(outcome.manifests.map(\.homeCommunityID))
                    == Set(FixtureExpectations.federation.communities.map(\.homeCommunityID))
            )
            try await expectIdentical(outcome, expected, in: directory)
            let counts = events.withLock { $0 }
            #expect(counts.planned == expected.count)
            #expect(counts.written == expected.count)
            #expect(counts.bytes == outcome.bytes)
        }
    }

    @Test("--study: only that study's instances")
    func oneStudy() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let study = try #require(FixtureExpectations.studies(of: patient, in: "midlands-imaging").first)
        let expected = FixtureExpectations.instances(of: patient).filter {
            $0.value.studyInstanceUID.rawValue == study.studyInstanceUID
        }
        #expect(expected.count == study.instances)
        try await ClientHarness.with { harness in
            let outcome = try await harness.withGatewayClient { client in
                try await client.retrieveImaging(
                    patient: patient,
                    study: StudyInstanceUID(study.studyInstanceUID),
                    into: directory
                )
            }
            #expect(outcome.status == .success)
            try await expectIdentical(outcome, expected, in: directory)
        }
    }

    @Test("Straight from one fixture community: its studies")
    func atCommunity() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await ClientHarness.with([.fixture("north-imaging")], gateway: false) { harness in
            let outcome = try await harness.withCommunityClient("north-imaging") { client in
                try await client.retrieveImaging(patient: patient, into: directory)
            }
            #expect(outcome.status == .success)
            try await expectIdentical(
                outcome,
                FixtureExpectations.instances(of: patient, in: "north-imaging"),
                in: directory
            )
        }
    }

    @Test(
        "An instance the source does not hold: PartialSuccess, the others written, the missing one and the RegistryError reported"
    )
    func missingInstance() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await ClientHarness.with { harness in
            try await harness.withGatewayClient { client in
                let search = try await client.imagingManifests(patient: patient)
                var manifest = try #require(search.manifests.first)
                let bogus = SOPInstanceUID(rawValue: "1.2.826.0.1.3680043.10.777.1")
                manifest.studies[0].series[0].instances.append(bogus)
                let outcome = try await client.retrieveImaging([manifest], into: directory)
                #expect(outcome.status == .partialSuccess)
                #expect(outcome.written.count == manifest.instanceCount - 1)
                #expect(outcome.notReceived.map(\.sopInstanceUID) == [bogus])
                #expect(outcome.errors.contains { $0.code == .documentUniqueIDError })
            }
        }
    }

    @Test("A manifest read from its DICOM bytes: study, series, instances and sources as the fixture wrote them")
    func manifestParsing() async throws {
        let community = try FixtureExpectations.community("south-west-imaging")
        let entry = try #require(
            FixtureExpectations.approvedEntries(of: patient, in: [community]).map(\.entry).first {
                $0.mimeType == "application/dicom"
            }
        )
        let document = try #require(community.documents.first { $0.uniqueID == entry.uniqueID })
        let manifest = try ImagingManifest(
            dicom: try await document.content.collect(),
            homeCommunityID: community.homeCommunityID,
            documentUniqueID: entry.uniqueID
        )
        let study = try #require(manifest.studies.first)
        let instances = community.instances.filter { $0.studyInstanceUID == study.studyInstanceUID }
        #expect(manifest.instanceCount == instances.count)
        for series in study.series {
            for sop in series.instances {
                let instance = try #require(instances.first { $0.sopInstanceUID == sop })
                #expect(instance.seriesInstanceUID == series.seriesInstanceUID)
                #expect(instance.repositoryUniqueID == series.retrieveLocationUID)
            }
        }
        #expect(throws: XCAClientError.self) {
            try ImagingManifest(
                dicom: Array("not dicom".utf8),
                homeCommunityID: community.homeCommunityID,
                documentUniqueID: entry.uniqueID
            )
        }
    }

    @Test("A malformed --study or NHS number is refused before any connection")
    func refused() async throws {
        try await ClientHarness.with { harness in
            try await harness.withGatewayClient { client in
                let study = await #expect(throws: XCAClientError.self) {
                    try await client.retrieveImaging(
                        patient: patient,
                        study: StudyInstanceUID("1.2.abc"),
                        into: "/nonexistent"
                    )
                }
                #expect(study?.code == .invalidInput)
                let nhs = await #expect(throws: XCAClientError.self) {
                    try await client.retrieveImaging(patient: NHSNumber("9990000019"), into: "/nonexistent")
                }
                #expect(nhs?.code == .invalidInput)
            }
            #expect(harness.gatewayStatistics?.snapshot.accepted == 0)
        }
    }
}
