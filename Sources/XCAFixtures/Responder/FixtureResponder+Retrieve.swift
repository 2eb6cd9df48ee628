import XCAModel

extension FixtureResponder {
    /// Answers ITI-39 Cross Gateway Retrieve (ITI TF-2 3.39.4.2) from the community's repositories, one
    /// DocumentRequest at a time, so that a mix of found and unknown documents is a PartialSuccess:
    ///
    /// - HomeCommunityId missing → XDSMissingHomeCommunityId (ITI TF-2 3.39.1: it is required)
    /// - HomeCommunityId not this community's → XDSUnknownCommunity
    /// - RepositoryUniqueId not one of the community's repositories → XDSUnknownRepositoryId
    /// - DocumentUniqueId not in that repository → XDSDocumentUniqueIdError
    /// - found → a DocumentResponse (HomeCommunityId, RepositoryUniqueId, DocumentUniqueId, mimeType) whose
    ///   Document is an MTOM attachment
    ///
    /// Every error has `location` = the homeCommunityId (ITI39-012) and names the DocumentRequest by position.
    /// No DocumentRequest at all → XDSRegistryError.
    public func retrieve(_ request: RetrieveDocumentSetRequest) -> FixtureRetrieval {
        var errors: [RegistryError] = []
        var documents: [DocumentResponse] = []
        var attachments: [FixtureAttachment] = []
        if request.documents.isEmpty {
            errors.append(error(.registryError, "RetrieveDocumentSetRequest has no DocumentRequest"))
        }
        for (position, documentRequest) in request.documents.enumerated() {
            switch document(documentRequest, name: "DocumentRequest \(position + 1)") {
            case .refused(let problem):
                errors.append(problem)
            case .found(let document):
                let attachment = FixtureAttachment(mimeType: document.mimeType, content: document.content)
                attachments.append(attachment)
                documents.append(
                    DocumentResponse(
                        homeCommunityID: homeCommunityID,
                        repositoryUniqueID: document.repositoryUniqueID,
                        documentUniqueID: document.uniqueID,
                        mimeType: document.mimeType,
                        content: .attachment(contentID: attachment.contentID.value)
                    )
                )
            }
        }
        return FixtureRetrieval(
            response: RetrieveDocumentSetResponse(documents: documents, errors: errors),
            attachments: attachments
        )
    }

    /// The document one DocumentRequest names, or the error that answers it.
    private func document(_ request: DocumentRequest, name: String) -> RetrieveResolution<FixtureDocument> {
        guard let home = request.homeCommunityID else {
            return .refused(
                error(.missingHomeCommunityID, "\(name) has no HomeCommunityId, which is required (ITI TF-2 3.39.1)")
            )
        }
        guard queryEngine.isThisCommunity(home) else {
            return .refused(error(.unknownCommunity, "HomeCommunityId of \(name) is not this community's"))
        }
        guard let repository = documentsByRepository[request.repositoryUniqueID.rawValue] else {
            return .refused(
                error(.unknownRepositoryID, "RepositoryUniqueId of \(name) is not a repository of this community")
            )
        }
        guard let position = repository[request.documentUniqueID.rawValue] else {
            return .refused(error(.documentUniqueIDError, "DocumentUniqueId of \(name) is not in that repository"))
        }
        return .found(community.documents[position])
    }
}
