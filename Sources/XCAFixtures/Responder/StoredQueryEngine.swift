import XCAModel

/// Evaluates ITI-38 Cross Gateway Queries over one community's registry objects, as its Responding Gateway:
/// all 14 stored queries (ITI TF-2 3.38.1, 3.18.4.1.2.3.7), LeafClass or ObjectRef, `home` on every returned
/// ExtrinsicObject, RegistryPackage and ObjectRef (ITI TF-2 3.38.4.1.3).
///
/// Errors (every one with `location` = the community's homeCommunityId): the request's problems as XCAModel's
/// validation finds them (unknown stored query, missing or repeated parameters, missing `home` on a query without
/// a patient identifier…); a well-formed `home` that is not this community's → XDSUnknownCommunity. A patient the
/// community does not know is not an error: the answer is Success with no objects (an RG may also answer
/// XDSUnknownPatientId, but initiating gateways filter that out — protocol facts §2.5 — so it would only be noise).
/// The status follows `ResponseStatus.derive`.
public struct StoredQueryEngine: Sendable {
    /// The community's homeCommunityId: stamped as `home`, and the `location` of every error.
    public let homeCommunityID: HomeCommunityID
    let index: RegistryIndex

    public init(homeCommunityID: HomeCommunityID, registryObjects: [RegistryObject]) {
        self.homeCommunityID = homeCommunityID
        self.index = RegistryIndex(registryObjects)
    }

    public init(community: FixtureCommunity) {
        self.init(homeCommunityID: community.homeCommunityID, registryObjects: community.registryObjects)
    }

    /// The response to `request`.
    public func evaluate(_ request: CrossGatewayQueryRequest) -> CrossGatewayQueryResponse {
        let location = homeCommunityID.rawValue
        var errors = request.validate(location: location)
        if errors.isEmpty, let home = request.home, !isThisCommunity(home) {
            errors.append(
                RegistryError(
                    .unknownCommunity,
                    codeContext:
                        "AdhocQuery home names a community this Responding Gateway does not serve (ITI TF-2 3.38.4.1.3)",
                    location: location
                )
            )
        }
        guard errors.isEmpty, let query = request.storedQuery else {
            return CrossGatewayQueryResponse(registryObjects: [], errors: errors)
        }
        let arguments = QueryArguments(request)
        var result = QueryResultBuilder()
        switch query {
        case .findDocuments, .findDocumentsByReferenceId: findDocuments(arguments, query, into: &result)
        case .findSubmissionSets: findSubmissionSets(arguments, into: &result)
        case .findFolders: findFolders(arguments, into: &result)
        case .getAll: getAll(arguments, into: &result)
        case .getDocuments: getDocuments(arguments, into: &result)
        case .getFolders: getFolders(arguments, into: &result)
        case .getAssociations: getAssociations(arguments, into: &result)
        case .getDocumentsAndAssociations: getDocumentsAndAssociations(arguments, into: &result)
        case .getSubmissionSets: getSubmissionSets(arguments, into: &result)
        case .getSubmissionSetAndContents: getSubmissionSetAndContents(arguments, into: &result)
        case .getFolderAndContents: getFolderAndContents(arguments, into: &result)
        case .getFoldersForDocument: getFoldersForDocument(arguments, into: &result)
        case .getRelatedDocuments: getRelatedDocuments(arguments, into: &result)
        }
        return CrossGatewayQueryResponse(
            registryObjects: result.objects.map { output($0, request.returnType) },
            errors: []
        )
    }

    /// Whether `home` is this community's homeCommunityId (the OIDs compared, so `URN:OID:` matches `urn:oid:`).
    public func isThisCommunity(_ home: HomeCommunityID) -> Bool {
        if home.rawValue == homeCommunityID.rawValue { return true }
        guard let oid = home.oid else { return false }
        return oid == homeCommunityID.oid
    }

    /// The object as returned: LeafClass with `home` stamped on ExtrinsicObjects and RegistryPackages, or an
    /// `rim:ObjectRef id=… home=…`.
    private func output(_ object: RegistryObject, _ returnType: ReturnType) -> RegistryObject {
        switch returnType {
        case .objectRef:
            let id = object.element.attribute("id") ?? ""
            return RegistryObject(MetadataElement(rim: "ObjectRef", ["id": id, "home": homeCommunityID.rawValue]))
        case .leafClass:
            switch object.kind {
            case .extrinsicObject, .registryPackage, .objectRef:
                var stamped = object
                stamped.home = homeCommunityID
                return stamped
            default:
                return object
            }
        }
    }
}
