import Testing
import XCAClient
import XCAFixtures
import XCAModel

/// What the fixture federation itself says a patient has, to compare the client's results with (never
/// hard-coded strings).
enum FixtureExpectations {
    static let federation = ClientHarness.federation
    /// Ada Testwell, known in every community.
    static let everywhere = NHSNumber(rawValue: "9990000018")

    /// The approved DocumentEntries of `patient`, with their community, as the fixture registries hold them.
    static func approvedEntries(
        of patient: NHSNumber,
        in communities: [FixtureCommunity] = federation.communities
    ) -> [(community: FixtureCommunity, entry: DocumentEntry)] {
        communities.flatMap { community in
            community.registryObjects.compactMap(DocumentEntry.init)
                .filter { $0.patientID.idNumber == patient.rawValue && $0.status == .approved }
                .map { (community, $0) }
        }
    }

    /// The patient's studies with at least one approved entry (from the federation's summary), by community name.
    static func studies(of patient: NHSNumber, in community: String? = nil) -> [FixtureFederationSummary.Study] {
        let summary = federation.summary.patients.first { $0.nhsNumber == patient.rawValue }
        return (summary?.studies ?? []).filter { study in
            study.documentEntries > study.deprecatedDocumentEntries
                && (community == nil || study.community == community)
        }
    }

    /// The fixture instances of those studies, by SOP Instance UID.
    static func instances(of patient: NHSNumber, in community: String? = nil) -> [String: FixtureInstance] {
        let studyUIDs = Set(studies(of: patient, in: community).map(\.studyInstanceUID))
        var instances: [String: FixtureInstance] = [:]
        for fixture in federation.communities where community == nil || fixture.name == community {
            for instance in fixture.instances where studyUIDs.contains(instance.studyInstanceUID.rawValue) {
                instances[instance.sopInstanceUID.rawValue] = instance
            }
        }
        return instances
    }

    /// The bytes RAD-75 returns for `instance` when asked for Explicit then Implicit VR Little Endian.
    static func rendition(_ instance: FixtureInstance) async throws -> [UInt8] {
        let content = try #require(
            [TransferSyntaxUID.explicitVRLittleEndian, .implicitVRLittleEndian].lazy.compactMap {
                instance.renditions[$0]
            }.first
        )
        return try await content.collect()
    }

    static func community(_ name: String) throws -> FixtureCommunity {
        try #require(federation.community(named: name))
    }
}
