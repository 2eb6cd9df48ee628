extension StoredQuery {
    /// The parameters of this query (ITI TF-2 3.18.4.1.2.3.7.1–14 (≈)). Parameters not listed are ignored by
    /// validation and forwarded unchanged.
    public var parameters: [StoredQueryParameter] {
        Self.catalogue[self] ?? []
    }

    private static let catalogue: [StoredQuery: [StoredQueryParameter]] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, $0.parameterDefinitions) }
    )

    private var parameterDefinitions: [StoredQueryParameter] {
        typealias P = StoredQueryParameter
        let metadataLevel = P("$MetadataLevel", .integer)
        let homeCommunityID = P("$homeCommunityId", .homeCommunityID)
        switch self {
        case .findDocuments:
            return Self.findDocumentsParameters + [metadataLevel]
        case .findDocumentsByReferenceId:
            return Self.findDocumentsParameters + [
                P("$XDSDocumentEntryReferenceIdList", required: true, andOr: true, .text), metadataLevel,
            ]
        case .findSubmissionSets:
            return [
                P("$XDSSubmissionSetPatientId", required: true, .patientID),
                P("$XDSSubmissionSetSourceId", multiple: true, .text),
                P("$XDSSubmissionSetSubmissionTimeFrom", .dateTime),
                P("$XDSSubmissionSetSubmissionTimeTo", .dateTime),
                P("$XDSSubmissionSetAuthorPerson", .text),
                P("$XDSSubmissionSetContentType", multiple: true, .code),
                P("$XDSSubmissionSetStatus", required: true, multiple: true, .status),
                metadataLevel,
            ]
        case .findFolders:
            return [
                P("$XDSFolderPatientId", required: true, .patientID),
                P("$XDSFolderLastUpdateTimeFrom", .dateTime),
                P("$XDSFolderLastUpdateTimeTo", .dateTime),
                P("$XDSFolderCodeList", andOr: true, .code),
                P("$XDSFolderStatus", required: true, multiple: true, .status),
                metadataLevel,
            ]
        case .getAll:
            return [
                P("$patientId", required: true, .patientID),
                P("$XDSDocumentEntryStatus", required: true, multiple: true, .status),
                P("$XDSSubmissionSetStatus", required: true, multiple: true, .status),
                P("$XDSFolderStatus", required: true, multiple: true, .status),
                P("$XDSDocumentEntryFormatCode", multiple: true, .code),
                P("$XDSDocumentEntryConfidentialityCode", andOr: true, .code),
                P("$XDSDocumentEntryType", multiple: true, .text),
                metadataLevel,
            ]
        case .getDocuments:
            return [
                P("$XDSDocumentEntryEntryUUID", multiple: true, .entryUUID),
                P("$XDSDocumentEntryUniqueId", multiple: true, .documentUniqueID),
                P("$XDSDocumentEntryLogicalID", multiple: true, .entryUUID),
                homeCommunityID, metadataLevel,
            ]
        case .getFolders:
            return [
                P("$XDSFolderEntryUUID", multiple: true, .entryUUID),
                P("$XDSFolderUniqueId", multiple: true, .oid),
                P("$XDSFolderLogicalID", multiple: true, .entryUUID),
                homeCommunityID, metadataLevel,
            ]
        case .getAssociations, .getSubmissionSets:
            return [P("$uuid", required: true, multiple: true, .entryUUID), homeCommunityID, metadataLevel]
        case .getDocumentsAndAssociations:
            return [
                P("$XDSDocumentEntryEntryUUID", multiple: true, .entryUUID),
                P("$XDSDocumentEntryUniqueId", multiple: true, .documentUniqueID),
                homeCommunityID, metadataLevel,
            ]
        case .getSubmissionSetAndContents:
            return [
                P("$XDSSubmissionSetEntryUUID", .entryUUID),
                P("$XDSSubmissionSetUniqueId", .oid),
                P("$XDSDocumentEntryFormatCode", multiple: true, .code),
                P("$XDSDocumentEntryConfidentialityCode", andOr: true, .code),
                P("$XDSDocumentEntryType", multiple: true, .text),
                homeCommunityID, metadataLevel,
            ]
        case .getFolderAndContents:
            return [
                P("$XDSFolderEntryUUID", .entryUUID),
                P("$XDSFolderUniqueId", .oid),
                P("$XDSDocumentEntryFormatCode", multiple: true, .code),
                P("$XDSDocumentEntryConfidentialityCode", andOr: true, .code),
                P("$XDSDocumentEntryType", multiple: true, .text),
                homeCommunityID, metadataLevel,
            ]
        case .getFoldersForDocument:
            return [
                P("$XDSDocumentEntryEntryUUID", .entryUUID),
                P("$XDSDocumentEntryUniqueId", .documentUniqueID),
                homeCommunityID, metadataLevel,
            ]
        case .getRelatedDocuments:
            return [
                P("$XDSDocumentEntryEntryUUID", .entryUUID),
                P("$XDSDocumentEntryUniqueId", .documentUniqueID),
                P("$AssociationTypes", required: true, multiple: true, .text),
                P("$XDSDocumentEntryType", multiple: true, .text),
                homeCommunityID, metadataLevel,
            ]
        }
    }

    /// Groups of parameters of which exactly one shall be given ("Either … or … shall be specified"); giving none is
    /// XDSStoredQueryMissingParam, giving more than one XDSStoredQueryParamNumber.
    public var choiceGroups: [[String]] {
        switch self {
        case .getDocuments:
            [["$XDSDocumentEntryEntryUUID", "$XDSDocumentEntryUniqueId", "$XDSDocumentEntryLogicalID"]]
        case .getFolders:
            [["$XDSFolderEntryUUID", "$XDSFolderUniqueId", "$XDSFolderLogicalID"]]
        case .getDocumentsAndAssociations, .getFoldersForDocument, .getRelatedDocuments:
            [["$XDSDocumentEntryEntryUUID", "$XDSDocumentEntryUniqueId"]]
        case .getSubmissionSetAndContents:
            [["$XDSSubmissionSetEntryUUID", "$XDSSubmissionSetUniqueId"]]
        case .getFolderAndContents:
            [["$XDSFolderEntryUUID", "$XDSFolderUniqueId"]]
        default:
            []
        }
    }

    /// The names of the parameters that are always required.
    public var requiredParameterNames: [String] {
        parameters.filter(\.isRequired).map(\.name)
    }

    /// The definition of a parameter of this query, if it has one by that name.
    public func parameter(named name: String) -> StoredQueryParameter? {
        parameters.first { $0.name == name }
    }

    /// The parameter carrying the patient identifier of a patient-keyed query.
    public var patientIDParameterName: String? {
        parameters.first { $0.valueType == .patientID }?.name
    }

    private static let findDocumentsParameters: [StoredQueryParameter] = {
        typealias P = StoredQueryParameter
        return [
            P("$XDSDocumentEntryPatientId", required: true, .patientID),
            P("$XDSDocumentEntryClassCode", multiple: true, .code),
            P("$XDSDocumentEntryTypeCode", multiple: true, .code),
            P("$XDSDocumentEntryPracticeSettingCode", multiple: true, .code),
            P("$XDSDocumentEntryCreationTimeFrom", .dateTime),
            P("$XDSDocumentEntryCreationTimeTo", .dateTime),
            P("$XDSDocumentEntryServiceStartTimeFrom", .dateTime),
            P("$XDSDocumentEntryServiceStartTimeTo", .dateTime),
            P("$XDSDocumentEntryServiceStopTimeFrom", .dateTime),
            P("$XDSDocumentEntryServiceStopTimeTo", .dateTime),
            P("$XDSDocumentEntryHealthcareFacilityTypeCode", multiple: true, .code),
            P("$XDSDocumentEntryEventCodeList", andOr: true, .code),
            P("$XDSDocumentEntryConfidentialityCode", andOr: true, .code),
            P("$XDSDocumentEntryAuthorPerson", multiple: true, .text),
            P("$XDSDocumentEntryFormatCode", multiple: true, .code),
            P("$XDSDocumentEntryStatus", required: true, multiple: true, .status),
            P("$XDSDocumentEntryType", multiple: true, .text),
        ]
    }()
}
