extension RetrieveImagingDocumentSetRequest {
    /// Checks a RAD-69 / RAD-75 request (RAD TF-3 4.69.4.1.2, 4.75.4.1.2). Every error carries `location` (this
    /// gateway's homeCommunityId); codeContexts name the study, series and document by position, never a UID.
    ///
    /// - no StudyRequest, a StudyRequest without SeriesRequest, a SeriesRequest without DocumentRequest → XDSRegistryError
    /// - Study or Series Instance UID malformed → XDSDocumentUniqueIdError naming which
    /// - HomeCommunityId missing → XDSMissingHomeCommunityId (RAD-75; pass `requiringHomeCommunityID: false` for RAD-69)
    /// - HomeCommunityId malformed → XDSUnknownCommunity
    /// - RepositoryUniqueId malformed → XDSUnknownRepositoryId
    /// - DocumentUniqueId not a valid SOP Instance UID → XDSDocumentUniqueIdError
    /// - TransferSyntaxUIDList empty or with a malformed UID → XDSRegistryError
    public func validate(location: String, requiringHomeCommunityID: Bool = true) -> [RegistryError] {
        var errors: [RegistryError] = []
        func fail(_ code: RegistryError.Code, _ context: String) {
            errors.append(RegistryError(code, codeContext: context, location: location))
        }
        if studies.isEmpty {
            fail(.registryError, "RetrieveImagingDocumentSetRequest has no StudyRequest")
        }
        for (studyIndex, study) in studies.enumerated() {
            let studyPosition = "StudyRequest \(studyIndex + 1)"
            if let problem = study.studyInstanceUID.validationProblem {
                fail(.documentUniqueIDError, "studyInstanceUID of \(studyPosition) is malformed (\(problem))")
            }
            if study.series.isEmpty {
                fail(.registryError, "\(studyPosition) has no SeriesRequest")
            }
            for (seriesIndex, series) in study.series.enumerated() {
                let seriesPosition = "SeriesRequest \(seriesIndex + 1) of \(studyPosition)"
                if let problem = series.seriesInstanceUID.validationProblem {
                    fail(.documentUniqueIDError, "seriesInstanceUID of \(seriesPosition) is malformed (\(problem))")
                }
                if series.documents.isEmpty {
                    fail(.registryError, "\(seriesPosition) has no DocumentRequest")
                }
                for (documentIndex, document) in series.documents.enumerated() {
                    errors += document.validationErrors(
                        position: "DocumentRequest \(documentIndex + 1) of \(seriesPosition)",
                        location: location,
                        requiringHomeCommunityID: requiringHomeCommunityID,
                        uniqueIDRule: .sopInstanceUID
                    )
                }
            }
        }
        if transferSyntaxUIDs.isEmpty {
            fail(.registryError, "TransferSyntaxUIDList is empty; at least one TransferSyntaxUID is required")
        }
        for (index, uid) in transferSyntaxUIDs.enumerated() {
            if let problem = uid.validationProblem {
                fail(.registryError, "TransferSyntaxUID \(index + 1) of TransferSyntaxUIDList is malformed (\(problem))")
            }
        }
        return errors
    }
}
