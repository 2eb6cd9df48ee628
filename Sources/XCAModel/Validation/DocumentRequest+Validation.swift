extension DocumentRequest {
    /// How a DocumentUniqueId is checked: as an XDS document uniqueId, or as a DICOM SOP Instance UID (RAD-69/75).
    enum UniqueIDRule {
        case xds
        case sopInstanceUID
    }

    /// The problems of one DocumentRequest; `position` names it in the codeContext (e.g. "DocumentRequest 2").
    func validationErrors(
        position: String,
        location: String,
        requiringHomeCommunityID: Bool,
        uniqueIDRule: UniqueIDRule
    ) -> [RegistryError] {
        var errors: [RegistryError] = []
        func fail(_ code: RegistryError.Code, _ context: String) {
            errors.append(RegistryError(code, codeContext: context, location: location))
        }
        if let homeCommunityID {
            if let problem = homeCommunityID.validationProblem {
                fail(.unknownCommunity, "HomeCommunityId of \(position) is not a urn:oid of at most 64 characters (\(problem))")
            }
        } else if requiringHomeCommunityID {
            fail(.missingHomeCommunityID, "\(position) has no HomeCommunityId, which is required (ITI TF-2 3.39.1)")
        }
        if let problem = repositoryUniqueID.validationProblem {
            fail(.unknownRepositoryID, "RepositoryUniqueId of \(position) is not an OID of at most 64 characters (\(problem))")
        }
        switch uniqueIDRule {
        case .xds:
            if let problem = documentUniqueID.validationProblem {
                fail(.documentUniqueIDError, "DocumentUniqueId of \(position) is malformed (\(problem))")
            }
        case .sopInstanceUID:
            if let problem = SOPInstanceUID(documentUniqueID).validationProblem {
                fail(.documentUniqueIDError, "DocumentUniqueId of \(position) is not a valid SOP Instance UID (\(problem))")
            }
        }
        return errors
    }
}
