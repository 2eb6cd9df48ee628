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
            let name = "DocumentRequest \(position + 1)"
            guard let home = documentRequest.homeCommunityID else {
                errors.append(
                    error(
                        .missingHomeCommunityID,
                        "\(name) has no HomeCommunityId, which is required (ITI TF-2 3.39.1)"
                    )
                )
                continue
            }
            guard queryEngine.isThisCommunity(home) else {
                errors.append(error(.unknownCommunity, "HomeCommunityId of \(name) is not this community's"))
                continue
            }
            guard let repository = documentsByRepository[documentRequest.repositoryUniqueID.rawValue] else {
                errors.append(
                    error(.unknownRepositoryID, "RepositoryUniqueId of \(name) is not a repository of this community")
                )
                continue
            }
            guard let index = repository[documentRequest.documentUniqueID.rawValue] else {
                errors.append(error(.documentUniqueIDError, "DocumentUniqueId of \(name) is not in that repository"))
                continue
            }
            let document = community.documents[index]
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
        return FixtureRetrieval(
            response: RetrieveDocumentSetResponse(documents: documents, errors: errors),
            attachments: attachments
        )
    }
}
