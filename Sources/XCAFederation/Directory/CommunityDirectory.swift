import XCAModel

/// The communities this gateway federates, in configured order, with the look-ups routing needs: by homeCommunityId
/// (ITI TF-2 3.39.1: "the Initiating Gateway routes each DocumentRequest by its homeCommunityId") and by the
/// repository or Imaging Document Source a community serves (RAD-69 routing, RAD TF-3 4.69).
///
/// homeCommunityIds are compared with the `urn:oid:` prefix case-insensitive (RFC 8141), the OID exactly.
public struct CommunityDirectory: Sendable {
    /// Every community, enabled or not, in configured order.
    public let communities: [Community]

    /// The communities with `isEnabled`, in configured order.
    public var enabled: [Community] { enabledCommunities }

    private let enabledCommunities: [Community]
    /// `HomeCommunityID.routingKey` → index in `communities`.
    private let indexByHome: [String: Int]
    /// Repository or Imaging Document Source uniqueId → index of the first community (configured order) serving it.
    private let indexByRepository: [RepositoryUniqueID: Int]

    /// Throws `.duplicateCommunity` when two communities share a homeCommunityId (compared as for routing) or a name.
    public init(_ communities: [Community]) throws(FederationError) {
        var indexByHome: [String: Int] = [:]
        var indexByName: [String: Int] = [:]
        var indexByRepository: [RepositoryUniqueID: Int] = [:]
        for (index, community) in communities.enumerated() {
            if let first = indexByHome.updateValue(index, forKey: community.homeCommunityID.routingKey) {
                throw FederationError(
                    .duplicateCommunity,
                    "communities[\(index)] (\(community.name)) repeats the homeCommunityId of communities[\(first)]"
                )
            }
            if let first = indexByName.updateValue(index, forKey: community.name) {
                throw FederationError(
                    .duplicateCommunity,
                    "communities[\(index)] repeats the name \(community.name) of communities[\(first)]"
                )
            }
            for id in community.repositoryUniqueIDs.union(community.imagingDocumentSourceIDs)
            where indexByRepository[id] == nil {
                indexByRepository[id] = index
            }
        }
        self.communities = communities
        self.enabledCommunities = communities.filter(\.isEnabled)
        self.indexByHome = indexByHome
        self.indexByRepository = indexByRepository
    }

    /// The community with this homeCommunityId, enabled or not.
    public func community(_ id: HomeCommunityID) -> Community? {
        index(of: id).map { communities[$0] }
    }

    /// The first community (configured order, enabled or not) that lists `id` among its repositories or Imaging
    /// Document Sources.
    public func community(servingRepository id: RepositoryUniqueID) -> Community? {
        indexByRepository[id].map { communities[$0] }
    }

    func index(of id: HomeCommunityID) -> Int? { indexByHome[id.routingKey] }

    func index(servingRepository id: RepositoryUniqueID) -> Int? { indexByRepository[id] }
}
