import XCAModel

/// One federated community as the directory knows it: its homeCommunityId, where its Responding Gateway answers, and
/// how the gateway treats it (timeout, concurrency cap, quirks). TLS identities and trust anchors are the gateway's
/// concern, not this value's.
///
/// ITI TF-2 3.38.4.1.2.1 (a community is identified by its homeCommunityId); protocol.md §6.4 (per-community record).
public struct Community: Sendable, Hashable, Identifiable {
    /// The homeCommunityId: a community is identified by it (ITI TF-2 3.38.4.1.2.1).
    public var id: HomeCommunityID { homeCommunityID }

    /// The operator's short name. Logs, metrics and codeContexts use it; it never carries patient data.
    public var name: String
    /// `urn:oid:…`, the value put in `location` of the errors about this community (ITI TF-2 3.38.4.1.3).
    public var homeCommunityID: HomeCommunityID
    /// The Responding Gateway's URLs per transaction; `nil` = the transaction is not offered.
    public var endpoints: CommunityEndpoints
    /// The time one leg to this community may take, waiting for a concurrency slot included.
    public var timeout: Duration
    /// The cap on this community's legs in flight at once, across all requests together (values below 1 count as 1).
    public var maxConcurrentRequests: Int
    /// `false` excludes the community from every plan (NIR "permanently exclude from NIR searches").
    public var isEnabled: Bool
    /// The XDS repositories it serves (ITI-39 DocumentRequest/RepositoryUniqueId).
    public var repositoryUniqueIDs: Set<RepositoryUniqueID>
    /// The Imaging Document Sources it serves: a RAD-69 DocumentRequest without HomeCommunityId is routed by its
    /// RepositoryUniqueId (= the Imaging Document Source's uniqueId, RAD TF-3 4.69.4.1.2) through these.
    public var imagingDocumentSourceIDs: Set<RepositoryUniqueID>
    /// The ways this partner departs from the profile that the gateway tolerates.
    public var quirks: CommunityQuirks

    public init(
        name: String,
        homeCommunityID: HomeCommunityID,
        endpoints: CommunityEndpoints,
        timeout: Duration = .seconds(10),
        maxConcurrentRequests: Int = 16,
        isEnabled: Bool = true,
        repositoryUniqueIDs: Set<RepositoryUniqueID> = [],
        imagingDocumentSourceIDs: Set<RepositoryUniqueID> = [],
        quirks: CommunityQuirks = CommunityQuirks()
    ) {
        self.name = name
        self.homeCommunityID = homeCommunityID
        self.endpoints = endpoints
        self.timeout = timeout
        self.maxConcurrentRequests = maxConcurrentRequests
        self.isEnabled = isEnabled
        self.repositoryUniqueIDs = repositoryUniqueIDs
        self.imagingDocumentSourceIDs = imagingDocumentSourceIDs
        self.quirks = quirks
    }
}
