import XCAModel

/// Decides which communities an ITI-38 Cross Gateway Query goes to (ITI TF-2 3.38.1, 3.38.4.1.2.1).
///
/// - Patient-keyed find queries (FindDocuments, FindSubmissionSets, FindFolders, GetAll,
///   FindDocumentsByReferenceId) go to every enabled community; when `home` names a community, only to that one
///   (NIR "deliberately limiting to a subset"). An unknown `home` → XDSUnknownCommunity (location = gateway).
/// - Get* queries carry no patient identifier, so `home` says which community holds the objects
///   (ITI TF-2 3.38.4.1.2.1, ITI38-001): missing → XDSMissingHomeCommunityId, unknown → XDSUnknownCommunity
///   (location = gateway for both).
/// - A community named by `home` that is disabled, or has no query endpoint, → XDSUnavailableCommunity (location =
///   its homeCommunityId): it would have been contacted and cannot be.
/// - In a fan-out, a community without a query endpoint is not a leg: it is simply not asked, and no error is
///   reported for it (it offers no ITI-38).
/// - A find query for which no community is left to ask → XDSUnavailableCommunity (location = gateway).
/// - A query id that is not one of the stored queries (normally refused earlier by `validate`) is routed as a find
///   query when it carries a patient identifier, otherwise as a Get* query.
public enum QueryPlanner {
    public static func plan(
        _ request: CrossGatewayQueryRequest,
        in directory: CommunityDirectory,
        gatewayHome: HomeCommunityID
    ) -> QueryPlan {
        let isFind = request.storedQuery?.isPatientKeyed ?? (request.patientID != nil)
        let queryName = request.storedQuery?.name ?? "the query"

        guard let home = request.home else {
            guard isFind else {
                return QueryPlan(
                    legs: [],
                    errors: [
                        RegistryError(
                            .missingHomeCommunityID,
                            codeContext:
                                "\(queryName) has no patient identifier, so AdhocQuery home is required"
                                + " (ITI TF-2 3.38.4.1.2.1)",
                            location: gatewayHome.rawValue
                        )
                    ]
                )
            }
            let legs = directory.enabled.filter { $0.endpoints.query != nil }
            guard legs.isEmpty else { return QueryPlan(legs: legs, errors: []) }
            return QueryPlan(
                legs: [],
                errors: [
                    RegistryError(
                        .unavailableCommunity,
                        codeContext:
                            "no community is enabled for Cross Gateway Query: \(queryName) was sent nowhere",
                        location: gatewayHome.rawValue
                    )
                ]
            )
        }

        guard let community = directory.community(home) else {
            return QueryPlan(
                legs: [],
                errors: [
                    RegistryError(
                        .unknownCommunity,
                        codeContext:
                            "AdhocQuery home \(Describe.homeCommunityID(home)) is not a community of this gateway",
                        location: gatewayHome.rawValue
                    )
                ]
            )
        }
        if let reason = Describe.unavailability(
            of: community,
            endpoint: community.endpoints.query,
            transaction: "Cross Gateway Query"
        ) {
            return QueryPlan(
                legs: [],
                errors: [
                    RegistryError(
                        .unavailableCommunity,
                        codeContext: "\(queryName) was not sent to community \(community.name): \(reason)",
                        location: community.homeCommunityID.rawValue
                    )
                ]
            )
        }
        return QueryPlan(legs: [community], errors: [])
    }
}
