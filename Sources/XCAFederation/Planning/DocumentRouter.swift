import XCAModel

/// Routes one DocumentRequest to a community of the directory, the rule shared by the ITI-39 and RAD-69/RAD-75
/// planners (ITI TF-2 3.39.1; RAD TF-3 4.69.4.1.2, 4.75.4.1.2).
enum DocumentRouter {
    /// The transaction a leg will carry, hence the endpoint the community needs.
    enum Service {
        case retrieve
        case imagingRetrieve

        var transaction: String {
            switch self {
            case .retrieve: "Cross Gateway Retrieve"
            case .imagingRetrieve: "Cross Gateway Retrieve Imaging Document Set"
            }
        }

        func endpoint(of community: Community) -> String? {
            switch self {
            case .retrieve: community.endpoints.retrieve
            case .imagingRetrieve: community.endpoints.imagingRetrieve
            }
        }
    }

    enum Route {
        /// The index of the community in `directory.communities`.
        case community(Int)
        case error(RegistryError)
    }

    /// - HomeCommunityId present → that community; unknown → XDSUnknownCommunity (location = gateway).
    /// - absent and required → XDSMissingHomeCommunityId (location = gateway).
    /// - absent and not required (RAD-69) → the community serving the RepositoryUniqueId (the Imaging Document
    ///   Source); none → XDSUnknownRepositoryId (location = gateway).
    /// - the community is disabled or lacks the endpoint → XDSUnavailableCommunity (location = its homeCommunityId).
    static func route(
        _ document: DocumentRequest,
        in directory: CommunityDirectory,
        for service: Service,
        requiringHomeCommunityID: Bool,
        gatewayHome: HomeCommunityID
    ) -> Route {
        let index: Int
        let what = "the DocumentRequest for \(Describe.document(document))"
        if let home = document.homeCommunityID {
            guard let found = directory.index(of: home) else {
                return .error(
                    RegistryError(
                        .unknownCommunity,
                        codeContext: "HomeCommunityId \(Describe.homeCommunityID(home)) of \(what) is unknown here",
                        location: gatewayHome.rawValue
                    )
                )
            }
            index = found
        } else if requiringHomeCommunityID {
            return .error(
                RegistryError(
                    .missingHomeCommunityID,
                    codeContext: "\(what) has no HomeCommunityId, which is required (ITI TF-2 3.39.1)",
                    location: gatewayHome.rawValue
                )
            )
        } else {
            guard let found = directory.index(servingRepository: document.repositoryUniqueID) else {
                let repository = document.repositoryUniqueID
                let named = repository.isValid ? repository.rawValue : "(malformed)"
                return .error(
                    RegistryError(
                        .unknownRepositoryID,
                        codeContext: "no community serves RepositoryUniqueId \(named) of \(what)",
                        location: gatewayHome.rawValue
                    )
                )
            }
            index = found
        }
        let community = directory.communities[index]
        if let reason = Describe.unavailability(
            of: community,
            endpoint: service.endpoint(of: community),
            transaction: service.transaction
        ) {
            return .error(
                RegistryError(
                    .unavailableCommunity,
                    codeContext:
                        "\(Describe.document(document)) was not requested from community \(community.name): \(reason)",
                    location: community.homeCommunityID.rawValue
                )
            )
        }
        return .community(index)
    }

    /// The most DocumentRequests one leg to `community` may carry.
    static func chunkSize(for community: Community) -> Int {
        community.quirks.maxDocumentsPerRetrieve.map { max(1, $0) } ?? Int.max
    }
}
