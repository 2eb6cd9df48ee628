import XCAModel

/// Splits an ITI-39 Cross Gateway Retrieve into legs per community (ITI TF-2 3.39.1: "the Initiating Gateway routes
/// each DocumentRequest by its homeCommunityId").
///
/// Per DocumentRequest: missing HomeCommunityId → XDSMissingHomeCommunityId, unknown → XDSUnknownCommunity
/// (location = gateway); community disabled or without a retrieve endpoint → XDSUnavailableCommunity (location = its
/// homeCommunityId). The codeContext names the DocumentUniqueId. DocumentRequests are grouped by community in order
/// of first appearance and keep their request order; a community's documents are split into legs of at most
/// `quirks.maxDocumentsPerRetrieve`. DocumentRequests are forwarded unchanged.
public enum RetrievePlanner {
    public static func plan(
        _ request: RetrieveDocumentSetRequest,
        in directory: CommunityDirectory,
        gatewayHome: HomeCommunityID
    ) -> RetrievePlan {
        var errors: [RegistryError] = []
        var groups: [(community: Int, documents: [DocumentRequest])] = []
        var groupOfCommunity: [Int: Int] = [:]
        for document in request.documents {
            switch DocumentRouter.route(
                document,
                in: directory,
                for: .retrieve,
                requiringHomeCommunityID: true,
                gatewayHome: gatewayHome
            ) {
            case .error(let error):
                errors.append(error)
            case .community(let index):
                if let group = groupOfCommunity[index] {
                    groups[group].documents.append(document)
                } else {
                    groupOfCommunity[index] = groups.count
                    groups.append((index, [document]))
                }
            }
        }
        var legs: [RetrieveLeg] = []
        legs.reserveCapacity(groups.count)
        for group in groups {
            let community = directory.communities[group.community]
            let size = DocumentRouter.chunkSize(for: community)
            var start = 0
            while start < group.documents.count {
                let end = group.documents.count - start > size ? start + size : group.documents.count
                legs.append(RetrieveLeg(community: community, documents: Array(group.documents[start..<end])))
                start = end
            }
        }
        return RetrievePlan(legs: legs, errors: errors)
    }
}
