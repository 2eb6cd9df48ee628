/// The XDS stored queries, which ITI-38 carries unchanged (ITI TF-2 3.18.4.1.2.3.7, 3.38.1: "the same set of stored
/// queries is required to be supported"). Raw value = the `AdhocQuery/@id` UUID URN.
public enum StoredQuery: String, CaseIterable, Hashable, Sendable {
    case findDocuments = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d"
    case findSubmissionSets = "urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9"
    case findFolders = "urn:uuid:958f3006-baad-4929-a4de-ff1114824431"
    case getAll = "urn:uuid:10b545ea-725c-446d-9b95-8aeb444eddf3"
    case getDocuments = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4"
    case getFolders = "urn:uuid:5737b14c-8a1a-4539-b659-e03a34a5e1e4"
    case getAssociations = "urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155"
    case getDocumentsAndAssociations = "urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a"
    case getSubmissionSets = "urn:uuid:51224314-5390-4169-9b91-b1980040715a"
    case getSubmissionSetAndContents = "urn:uuid:e8e3cb2c-e39c-46b9-99e4-c12f57260b83"
    case getFolderAndContents = "urn:uuid:b909a503-523d-4517-8acf-8e5834dfc4c7"
    case getFoldersForDocument = "urn:uuid:10cae35a-c7f9-4cf5-b61e-fc3278ffb578"
    case getRelatedDocuments = "urn:uuid:d90e5407-b356-4d91-a89f-873917b4b0e6"
    /// Reference ID Option (ITI TF-2 3.18.4.1.2.3.7.14 (≈)).
    case findDocumentsByReferenceId = "urn:uuid:12941a89-e02e-4be5-967c-ce4bfc8fe492"

    /// Matches an `AdhocQuery/@id`, comparing the UUID URN case-insensitively.
    public init?(id: String) {
        if let exact = StoredQuery(rawValue: id) {
            self = exact
            return
        }
        guard let match = Self.allCases.first(where: { $0.rawValue.equalsIgnoringASCIICase(id) }) else { return nil }
        self = match
    }

    /// The IHE name, e.g. `FindDocuments`.
    public var name: String {
        switch self {
        case .findDocuments: "FindDocuments"
        case .findSubmissionSets: "FindSubmissionSets"
        case .findFolders: "FindFolders"
        case .getAll: "GetAll"
        case .getDocuments: "GetDocuments"
        case .getFolders: "GetFolders"
        case .getAssociations: "GetAssociations"
        case .getDocumentsAndAssociations: "GetDocumentsAndAssociations"
        case .getSubmissionSets: "GetSubmissionSets"
        case .getSubmissionSetAndContents: "GetSubmissionSetAndContents"
        case .getFolderAndContents: "GetFolderAndContents"
        case .getFoldersForDocument: "GetFoldersForDocument"
        case .getRelatedDocuments: "GetRelatedDocuments"
        case .findDocumentsByReferenceId: "FindDocumentsByReferenceId"
        }
    }

    /// `true` for the queries keyed by a patient identifier (the Find* queries and GetAll).
    public var isPatientKeyed: Bool {
        switch self {
        case .findDocuments, .findSubmissionSets, .findFolders, .getAll, .findDocumentsByReferenceId: true
        default: false
        }
    }

    /// `true` when ITI-38 requires `AdhocQuery/@home`: every query without a patient identifier, i.e. the Get* queries
    /// other than GetAll (ITI TF-2 3.38.1, 3.38.4.1.2.1; ITI38-001).
    public var requiresHomeCommunityID: Bool { !isPatientKeyed }
}
