/// The body of an ITI-38 Cross Gateway Query: `query:AdhocQueryRequest` (ITI TF-2 3.38.4.1.2).
public struct CrossGatewayQueryRequest: Hashable, Sendable {
    /// `query:ResponseOption/@returnType`.
    public var returnType: ReturnType
    /// `query:ResponseOption/@returnComposedObjects`.
    public var returnComposedObjects: Bool
    /// `@startIndex` of the AdhocQueryRequest, when sent.
    public var startIndex: Int?
    /// `@maxResults` of the AdhocQueryRequest, when sent.
    public var maxResults: Int?
    /// `rim:AdhocQuery/@id`, as sent.
    public var queryID: String
    /// `rim:AdhocQuery/@home`, required on queries without a patient identifier (ITI TF-2 3.38.4.1.2.1).
    public var home: HomeCommunityID?
    /// The slots of the AdhocQuery, in order (a name may repeat: AND semantics).
    public var parameters: [QueryParameter]

    public init(
        queryID: String,
        parameters: [QueryParameter],
        returnType: ReturnType = .leafClass,
        returnComposedObjects: Bool = true,
        home: HomeCommunityID? = nil,
        startIndex: Int? = nil,
        maxResults: Int? = nil
    ) {
        self.queryID = queryID
        self.parameters = parameters
        self.returnType = returnType
        self.returnComposedObjects = returnComposedObjects
        self.home = home
        self.startIndex = startIndex
        self.maxResults = maxResults
    }

    /// A request for a known stored query.
    public init(
        _ storedQuery: StoredQuery,
        parameters: [QueryParameter],
        returnType: ReturnType = .leafClass,
        home: HomeCommunityID? = nil
    ) {
        self.init(queryID: storedQuery.rawValue, parameters: parameters, returnType: returnType, home: home)
    }

    /// The stored query named by `queryID`, if it is one of the 14.
    public var storedQuery: StoredQuery? { StoredQuery(id: queryID) }

    /// The decoded values of every slot with that name, in order (unparseable values skipped).
    public func values(of name: String) -> [String] {
        var result: [String] = []
        for parameter in parameters where parameter.name == name {
            result.append(contentsOf: parameter.decodedValues)
        }
        return result
    }

    /// The patient identifier of a patient-keyed query (`$XDSDocumentEntryPatientId`, `$patientId`, …), decoded.
    public var patientID: PatientID? {
        let name = storedQuery?.patientIDParameterName
        let names = name.map { [$0] } ?? Self.patientIDParameterNames
        for name in names {
            if let value = values(of: name).first { return PatientID(rawValue: value) }
        }
        return nil
    }

    static let patientIDParameterNames = [
        "$XDSDocumentEntryPatientId", "$patientId", "$XDSSubmissionSetPatientId", "$XDSFolderPatientId",
    ]
}
