import XCAModel

/// An ITI-38 Cross Gateway Query as a person asks it: which stored query, for which patient (NHS number), limited
/// to one community or not, or which documents by id. ``request()`` checks everything and builds the
/// AdhocQueryRequest (ITI TF-2 3.38.4.1.2; stored queries ITI TF-2 3.18.4.1.2.3.7).
public struct DocumentQuery: Sendable, Hashable {
    /// The stored queries the client asks by name.
    public enum Kind: String, CaseIterable, Sendable, Hashable {
        /// Approved DocumentEntries of the patient (reports and imaging manifests).
        case findDocuments = "FindDocuments"
        /// Everything the registries hold for the patient: DocumentEntries, SubmissionSets, Folders, Associations.
        case getAll = "GetAll"
        /// Approved SubmissionSets of the patient.
        case findSubmissionSets = "FindSubmissionSets"
        /// DocumentEntries by uniqueId or entryUUID in one community (`home` required, no patient).
        case getDocuments = "GetDocuments"

        public var storedQuery: StoredQuery {
            switch self {
            case .findDocuments: .findDocuments
            case .getAll: .getAll
            case .findSubmissionSets: .findSubmissionSets
            case .getDocuments: .getDocuments
            }
        }
    }

    public var kind: Kind
    /// The patient of a patient-keyed query (FindDocuments, GetAll, FindSubmissionSets).
    public var patient: NHSNumber?
    /// `AdhocQuery/@home`: only this community is asked (required by GetDocuments).
    public var community: HomeCommunityID?
    /// GetDocuments: the documents' uniqueIds.
    public var documentUniqueIDs: [DocumentUniqueID]
    /// GetDocuments: the documents' entryUUIDs.
    public var entryUUIDs: [EntryUUID]
    /// LeafClass (full metadata, the default) or ObjectRef.
    public var returnType: ReturnType

    public init(
        _ kind: Kind,
        patient: NHSNumber? = nil,
        community: HomeCommunityID? = nil,
        documentUniqueIDs: [DocumentUniqueID] = [],
        entryUUIDs: [EntryUUID] = [],
        returnType: ReturnType = .leafClass
    ) {
        self.kind = kind
        self.patient = patient
        self.community = community
        self.documentUniqueIDs = documentUniqueIDs
        self.entryUUIDs = entryUUIDs
        self.returnType = returnType
    }

    static let approved = "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"

    /// The AdhocQueryRequest, or ``XCAClientError/Code/invalidInput`` saying what is wrong (never repeating the
    /// NHS number).
    public func request() throws(XCAClientError) -> CrossGatewayQueryRequest {
        if let community, let problem = community.validationProblem {
            throw XCAClientError(.invalidInput, "community: \(problem)")
        }
        var parameters: [QueryParameter] = []
        if kind.storedQuery.isPatientKeyed {
            guard let patient else {
                throw XCAClientError(.invalidInput, "\(kind.rawValue) needs a patient's NHS number")
            }
            if let problem = patient.validationProblem { throw XCAClientError(.invalidInput, problem) }
            guard documentUniqueIDs.isEmpty, entryUUIDs.isEmpty else {
                throw XCAClientError(.invalidInput, "\(kind.rawValue) takes a patient, not document identifiers")
            }
            let patientID = "'\(PatientID(nhsNumber: patient).rawValue)'"
            switch kind {
            case .findDocuments:
                parameters = [
                    QueryParameter(name: "$XDSDocumentEntryPatientId", values: [patientID]),
                    QueryParameter(name: "$XDSDocumentEntryStatus", values: [Self.approved]),
                ]
            case .getAll:
                parameters = [
                    QueryParameter(name: "$patientId", values: [patientID]),
                    QueryParameter(name: "$XDSDocumentEntryStatus", values: [Self.approved]),
                    QueryParameter(name: "$XDSSubmissionSetStatus", values: [Self.approved]),
                    QueryParameter(name: "$XDSFolderStatus", values: [Self.approved]),
                ]
            case .findSubmissionSets:
                parameters = [
                    QueryParameter(name: "$XDSSubmissionSetPatientId", values: [patientID]),
                    QueryParameter(name: "$XDSSubmissionSetStatus", values: [Self.approved]),
                ]
            case .getDocuments:
                break
            }
        } else {
            guard patient == nil else {
                throw XCAClientError(.invalidInput, "\(kind.rawValue) takes document identifiers, not a patient")
            }
            guard community != nil else {
                throw XCAClientError(
                    .invalidInput,
                    "\(kind.rawValue) needs the community (homeCommunityId) that holds the documents"
                )
            }
            switch (documentUniqueIDs.isEmpty, entryUUIDs.isEmpty) {
            case (true, true):
                throw XCAClientError(.invalidInput, "\(kind.rawValue) needs document uniqueIds or entryUUIDs")
            case (false, false):
                throw XCAClientError(.invalidInput, "\(kind.rawValue) takes uniqueIds or entryUUIDs, not both")
            case (false, true):
                for (index, id) in documentUniqueIDs.enumerated() {
                    if let problem = id.validationProblem {
                        throw XCAClientError(.invalidInput, "document \(index + 1): \(problem)")
                    }
                }
                parameters = [
                    QueryParameter(
                        name: "$XDSDocumentEntryUniqueId",
                        values: [Self.list(documentUniqueIDs.map(\.rawValue))]
                    )
                ]
            case (true, false):
                for (index, id) in entryUUIDs.enumerated() {
                    if let problem = id.validationProblem {
                        throw XCAClientError(.invalidInput, "entry \(index + 1): \(problem)")
                    }
                }
                parameters = [
                    QueryParameter(name: "$XDSDocumentEntryEntryUUID", values: [Self.list(entryUUIDs.map(\.rawValue))])
                ]
            }
        }
        let request = CrossGatewayQueryRequest(
            kind.storedQuery,
            parameters: parameters,
            returnType: returnType,
            home: community
        )
        let problems = request.validate(location: "")
        guard problems.isEmpty else { throw XCAClientError.invalidInput(problems) }
        return request
    }

    /// `('a','b')`: a list value of a stored query parameter (ITI TF-2 3.18.4.1.2.3.5 (≈)). The identifiers were
    /// validated, so none holds a quote.
    private static func list(_ values: [String]) -> String {
        "(" + values.map { "'\($0)'" }.joined(separator: ",") + ")"
    }
}
