import XCAModel

/// One community (a regional imaging network) of the fixture federation: its Responding Gateway's
/// homeCommunityId, its document repositories and Imaging Document Sources, its registry content and the bytes
/// behind it.
public struct FixtureCommunity: Sendable {
    /// Short machine name, e.g. `north-imaging`: the `--community NAME` of `fixtures serve` and file names.
    public var name: String
    /// Human name, e.g. "North Regional Imaging Network".
    public var displayName: String
    /// The community's homeCommunityId (`urn:oid:…`), stamped as `home` on every object it returns.
    public var homeCommunityID: HomeCommunityID
    /// Document repositories (reports, imaging manifests) — the repositoryUniqueIds ITI-39 addresses.
    public var repositories: [RepositoryUniqueID]
    /// Imaging Document Sources — the repositoryUniqueIds RAD-69/RAD-75 address and KOS RetrieveLocationUIDs name.
    public var imagingDocumentSources: [FixtureImagingDocumentSource]
    /// Every registry object of the community's registry, `home` set on each: DocumentEntries (ExtrinsicObject),
    /// SubmissionSets and Folders (RegistryPackage), and Associations (HasMember). The stored-query engine
    /// evaluates ITI-38 over these.
    public var registryObjects: [RegistryObject]
    /// The documents ITI-39 returns (reports and KOS manifests), one per DocumentEntry.
    public var documents: [FixtureDocument]
    /// The DICOM Part-10 instances RAD-69/RAD-75 return.
    public var instances: [FixtureInstance]

    public init(
        name: String,
        displayName: String,
        homeCommunityID: HomeCommunityID,
        repositories: [RepositoryUniqueID],
        imagingDocumentSources: [FixtureImagingDocumentSource],
        registryObjects: [RegistryObject],
        documents: [FixtureDocument],
        instances: [FixtureInstance]
    ) {
        self.name = name
        self.displayName = displayName
        self.homeCommunityID = homeCommunityID
        self.repositories = repositories
        self.imagingDocumentSources = imagingDocumentSources
        self.registryObjects = registryObjects
        self.documents = documents
        self.instances = instances
    }
}

/// An Imaging Document Source of a community (XDS-I.b): holds DICOM instances, addressed by its
/// repositoryUniqueId (RAD TF-3 4.69.4.1.2; the KOS RetrieveLocationUID (0040,E011) of each series it holds).
public struct FixtureImagingDocumentSource: Hashable, Sendable {
    public var name: String
    public var repositoryUniqueID: RepositoryUniqueID

    public init(name: String, repositoryUniqueID: RepositoryUniqueID) {
        self.name = name
        self.repositoryUniqueID = repositoryUniqueID
    }
}
