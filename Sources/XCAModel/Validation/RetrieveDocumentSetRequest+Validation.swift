extension RetrieveDocumentSetRequest {
    /// Checks an ITI-39 request (ITI TF-2 3.39.4.1.2). Every error carries `location` (this gateway's
    /// homeCommunityId); codeContexts name the DocumentRequest by position, never a value. Empty when fine.
    ///
    /// - no DocumentRequest → XDSRegistryError
    /// - HomeCommunityId missing → XDSMissingHomeCommunityId (unless `requiringHomeCommunityID` is false, as for ITI-43)
    /// - HomeCommunityId malformed → XDSUnknownCommunity
    /// - RepositoryUniqueId malformed → XDSUnknownRepositoryId
    /// - DocumentUniqueId malformed → XDSDocumentUniqueIdError
    public func validate(location: String, requiringHomeCommunityID: Bool = true) -> [RegistryError] {
        guard !documents.isEmpty else {
            return [RegistryError(.registryError, codeContext: "RetrieveDocumentSetRequest has no DocumentRequest", location: location)]
        }
        var errors: [RegistryError] = []
        for (index, document) in documents.enumerated() {
            errors += document.validationErrors(
                position: "DocumentRequest \(index + 1)",
                location: location,
                requiringHomeCommunityID: requiringHomeCommunityID,
                uniqueIDRule: .xds
            )
        }
        return errors
    }
}
