import XCAModel

extension RegistryError.Code {
    /// Whether an error is the requester's doing — an unknown patient, community or document, a stored query that
    /// cannot be run — rather than a remote or system failure (audit.md §8.3): a Failure made only of these is
    /// outcome 4, anything else 8. Codes this gateway does not know (partners' own) count as system failures.
    var isRequesterSide: Bool {
        switch self {
        case .unknownPatientID, .unknownCommunity, .missingHomeCommunityID, .documentUniqueIDError, .missingDocument,
            .unknownRepositoryID, .unknownStoredQuery, .storedQueryMissingParam, .storedQueryParamNumber,
            .tooManyResults, .resultNotSinglePatient, .xdsiUnknownIdsUid:
            true
        default:
            false
        }
    }
}
