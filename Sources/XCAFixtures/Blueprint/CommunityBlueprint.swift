import XCAModel

/// One community of a blueprint: a regional imaging network behind its own Responding Gateway.
public struct CommunityBlueprint: Sendable {
    /// Machine name, e.g. `north-imaging` (fixed: the development PKI issues certificates for these names).
    public var name: String
    public var displayName: String
    public var homeCommunityID: HomeCommunityID
    /// Document repositories (reports, KOS manifests); studies name one by `name`.
    public var repositories: [NamedRepository]
    /// Imaging Document Sources (DICOM instances); studies name one by `name`.
    public var imagingDocumentSources: [NamedRepository]
    /// The assigning authority of the community's local patient identifiers (`sourcePatientId`).
    public var localPatientIDAuthority: OID
    /// Prefix of the community's local patient identifiers, e.g. `NTH`.
    public var localPatientIDPrefix: String

    public init(
        name: String,
        displayName: String,
        homeCommunityID: HomeCommunityID,
        repositories: [NamedRepository],
        imagingDocumentSources: [NamedRepository],
        localPatientIDAuthority: OID,
        localPatientIDPrefix: String
    ) {
        self.name = name
        self.displayName = displayName
        self.homeCommunityID = homeCommunityID
        self.repositories = repositories
        self.imagingDocumentSources = imagingDocumentSources
        self.localPatientIDAuthority = localPatientIDAuthority
        self.localPatientIDPrefix = localPatientIDPrefix
    }

    /// A document repository or Imaging Document Source: a name for people and files, a repositoryUniqueId.
    public struct NamedRepository: Hashable, Sendable {
        public var name: String
        public var uniqueID: RepositoryUniqueID

        public init(name: String, uniqueID: RepositoryUniqueID) {
            self.name = name
            self.uniqueID = uniqueID
        }
    }

    public func repository(named name: String) -> NamedRepository? {
        repositories.first { $0.name == name }
    }

    public func imagingDocumentSource(named name: String) -> NamedRepository? {
        imagingDocumentSources.first { $0.name == name }
    }
}
