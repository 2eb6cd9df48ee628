import XCAModel

extension FixtureResponder {
    /// The mimeType of a DICOM Part-10 instance (RAD TF-3 4.69.4.2.2 (≈)).
    public static let dicomMimeType = "application/dicom"

    /// Answers RAD-69 Retrieve Imaging Document Set / RAD-75 Cross Gateway Retrieve Imaging Document Set
    /// (RAD TF-3 4.69.4.2, 4.75.4.2) from the community's Imaging Document Sources, one DocumentRequest (SOP
    /// instance) at a time:
    ///
    /// - HomeCommunityId missing while `requiringHomeCommunityID` (RAD-75) → XDSMissingHomeCommunityId; present
    ///   and not this community's → XDSUnknownCommunity
    /// - RepositoryUniqueId not one of the community's Imaging Document Sources → XDSUnknownRepositoryId
    /// - no instance with that SOP Instance UID in that study and series held by that source →
    ///   XDSDocumentUniqueIdError
    /// - none of the requester's TransferSyntaxUIDs offered for the instance → XDSRepositoryError with `location` =
    ///   the SOP Instance UID (as the NIST XCA-I tests expect)
    /// - found → a DocumentResponse with mimeType `application/dicom` and the rendition in the first syntax of the
    ///   TransferSyntaxUIDList (the requester's order of preference) that the instance offers, as an attachment
    ///
    /// Other errors have `location` = the homeCommunityId.
    public func retrieveImaging(
        _ request: RetrieveImagingDocumentSetRequest,
        requiringHomeCommunityID: Bool = true
    ) -> FixtureRetrieval {
        var errors: [RegistryError] = []
        var documents: [DocumentResponse] = []
        var attachments: [FixtureAttachment] = []
        if request.studies.isEmpty {
            errors.append(error(.registryError, "RetrieveImagingDocumentSetRequest has no StudyRequest"))
        }
        for (studyPosition, study) in request.studies.enumerated() {
            for (seriesPosition, series) in study.series.enumerated() {
                for (documentPosition, documentRequest) in series.documents.enumerated() {
                    let name =
                        "DocumentRequest \(documentPosition + 1) of SeriesRequest \(seriesPosition + 1)"
                        + " of StudyRequest \(studyPosition + 1)"
                    let resolved = instance(
                        documentRequest,
                        study: study.studyInstanceUID,
                        series: series.seriesInstanceUID,
                        name: name,
                        requiringHomeCommunityID: requiringHomeCommunityID
                    )
                    switch resolved {
                    case .refused(let problem):
                        errors.append(problem)
                    case .found(let instance):
                        guard
                            let content = request.transferSyntaxUIDs.lazy.compactMap({ instance.renditions[$0] }).first
                        else {
                            errors.append(
                                RegistryError(
                                    .repositoryError,
                                    codeContext: "\(name): the instance cannot be provided in any transfer syntax"
                                        + " of the TransferSyntaxUIDList",
                                    location: instance.sopInstanceUID.rawValue
                                )
                            )
                            continue
                        }
                        let attachment = FixtureAttachment(mimeType: Self.dicomMimeType, content: content)
                        attachments.append(attachment)
                        documents.append(
                            DocumentResponse(
                                homeCommunityID: homeCommunityID,
                                repositoryUniqueID: instance.repositoryUniqueID,
                                documentUniqueID: documentRequest.documentUniqueID,
                                mimeType: Self.dicomMimeType,
                                content: .attachment(contentID: attachment.contentID.value)
                            )
                        )
                    }
                }
            }
        }
        return FixtureRetrieval(
            response: RetrieveDocumentSetResponse(documents: documents, errors: errors),
            attachments: attachments
        )
    }

    /// The instance one DocumentRequest of a SeriesRequest names, or the error that answers it.
    private func instance(
        _ request: DocumentRequest,
        study: StudyInstanceUID,
        series: SeriesInstanceUID,
        name: String,
        requiringHomeCommunityID: Bool
    ) -> RetrieveResolution<FixtureInstance> {
        if let home = request.homeCommunityID {
            guard queryEngine.isThisCommunity(home) else {
                return .refused(error(.unknownCommunity, "HomeCommunityId of \(name) is not this community's"))
            }
        } else if requiringHomeCommunityID {
            return .refused(
                error(
                    .missingHomeCommunityID,
                    "\(name) has no HomeCommunityId, which RAD-75 requires (ITI TF-2 3.39.1)"
                )
            )
        }
        guard imagingDocumentSources.contains(request.repositoryUniqueID.rawValue) else {
            return .refused(
                error(
                    .unknownRepositoryID,
                    "RepositoryUniqueId of \(name) is not an Imaging Document Source of this community"
                )
            )
        }
        guard let position = instancesBySOPInstanceUID[request.documentUniqueID.rawValue],
            case let instance = community.instances[position],
            instance.studyInstanceUID == study, instance.seriesInstanceUID == series,
            instance.repositoryUniqueID == request.repositoryUniqueID
        else {
            return .refused(
                error(.documentUniqueIDError, "\(name): no such instance in that study and series at that source")
            )
        }
        return .found(instance)
    }
}
