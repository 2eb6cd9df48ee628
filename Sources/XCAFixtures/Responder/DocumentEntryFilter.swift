import XCAModel

/// The DocumentEntry constraints of a stored query, from the parameters that query defines and the request sent:
/// status, DocumentEntry type (stable only unless asked), the code parameters, the three time ranges, author
/// person (LIKE) and reference ids (ITI TF-2 3.18.4.1.2.3.7.1 FindDocuments; the subsets of GetAll,
/// GetSubmissionSetAndContents, GetFolderAndContents; 3.18.4.1.2.3.7.14 (≈) FindDocumentsByReferenceId).
/// Parameters are AND'ed; an absent parameter does not constrain.
struct DocumentEntryFilter: Sendable {
    private var statuses: Set<String>?
    private let types: Set<DocumentEntryType>
    private var codes: [(constraint: CodeConstraint, values: @Sendable (DocumentEntry) -> [CodedValue])] = []
    private var creation = DTMRange()
    private var serviceStart = DTMRange()
    private var serviceStop = DTMRange()
    private var authors: [LikePattern]?
    private var referenceIDs: [[String]] = []

    init(_ arguments: QueryArguments, query: StoredQuery) {
        func defines(_ name: String) -> Bool { query.parameter(named: name) != nil }
        statuses = defines("$XDSDocumentEntryStatus") ? arguments.statuses("$XDSDocumentEntryStatus") : nil
        types = defines("$XDSDocumentEntryType") ? arguments.documentEntryTypes : Set(DocumentEntryType.allCases)

        let codeParameters: [(String, @Sendable (DocumentEntry) -> [CodedValue])] = [
            ("$XDSDocumentEntryClassCode", { $0.classCode.map { [$0] } ?? [] }),
            ("$XDSDocumentEntryTypeCode", { $0.typeCode.map { [$0] } ?? [] }),
            ("$XDSDocumentEntryPracticeSettingCode", { $0.practiceSettingCode.map { [$0] } ?? [] }),
            ("$XDSDocumentEntryHealthcareFacilityTypeCode", { $0.healthcareFacilityTypeCode.map { [$0] } ?? [] }),
            ("$XDSDocumentEntryEventCodeList", { $0.eventCodes }),
            ("$XDSDocumentEntryConfidentialityCode", { $0.confidentialityCodes }),
            ("$XDSDocumentEntryFormatCode", { $0.formatCode.map { [$0] } ?? [] }),
        ]
        for (name, values) in codeParameters where defines(name) {
            let constraint = arguments.codes(name)
            if !constraint.isEmpty { codes.append((constraint, values)) }
        }
        if defines("$XDSDocumentEntryCreationTimeFrom") {
            creation = arguments.range(from: "$XDSDocumentEntryCreationTimeFrom", to: "$XDSDocumentEntryCreationTimeTo")
            serviceStart = arguments.range(
                from: "$XDSDocumentEntryServiceStartTimeFrom",
                to: "$XDSDocumentEntryServiceStartTimeTo"
            )
            serviceStop = arguments.range(
                from: "$XDSDocumentEntryServiceStopTimeFrom",
                to: "$XDSDocumentEntryServiceStopTimeTo"
            )
        }
        if defines("$XDSDocumentEntryAuthorPerson") {
            authors = arguments.likePatterns("$XDSDocumentEntryAuthorPerson")
        }
        if defines("$XDSDocumentEntryReferenceIdList") {
            referenceIDs = arguments.groups("$XDSDocumentEntryReferenceIdList")
        }
    }

    func matches(_ indexed: RegistryIndex.Entry) -> Bool {
        let entry = indexed.entry
        if let statuses, !statuses.contains(entry.status.rawValue) { return false }
        guard types.contains(entry.entryType) else { return false }
        for (constraint, values) in codes where !constraint.matches(values(entry)) { return false }
        guard creation.contains(indexed.creationTime), serviceStart.contains(indexed.serviceStartTime),
            serviceStop.contains(indexed.serviceStopTime)
        else { return false }
        if let authors, !indexed.authorPersons.contains(where: { person in authors.contains { $0.matches(person) } }) {
            return false
        }
        for group in referenceIDs where !group.contains(where: entry.referenceIdList.contains) { return false }
        return true
    }
}
