import XCAModel

/// The fixture federation described as code: communities with their identifiers, institutions, synthetic patients
/// and the imaging studies each community holds for them. `FixtureGenerator` turns it into a `FixtureFederation`
/// (registry metadata, reports, KOS manifests and DICOM instances); `FixtureBlueprint.standard` is the federation
/// the project ships in `Fixtures/`.
public struct FixtureBlueprint: Sendable {
    /// The synthetic OID arc every community, repository, Imaging Document Source and institution identifier of the
    /// blueprint lives under.
    public var root: OID
    public var communities: [CommunityBlueprint]
    public var institutions: [InstitutionBlueprint]
    public var patients: [PatientBlueprint]
    public var studies: [StudyBlueprint]

    public init(
        root: OID,
        communities: [CommunityBlueprint],
        institutions: [InstitutionBlueprint],
        patients: [PatientBlueprint],
        studies: [StudyBlueprint]
    ) {
        self.root = root
        self.communities = communities
        self.institutions = institutions
        self.patients = patients
        self.studies = studies
    }

    public func community(named name: String) -> CommunityBlueprint? {
        communities.first { $0.name == name }
    }

    public func institution(_ key: String) -> InstitutionBlueprint? {
        institutions.first { $0.key == key }
    }

    public func patient(_ key: String) -> PatientBlueprint? {
        patients.first { $0.key == key }
    }

    /// The names of the communities holding studies for `patient`, in community order.
    public func communities(of patient: PatientBlueprint) -> [String] {
        let names = Set(studies.filter { $0.patient == patient.key }.map(\.community))
        return communities.map(\.name).filter(names.contains)
    }
}
