import Testing
import XCAModel

@Suite("Stored queries")
struct StoredQueryTests {
    struct Definition: Sendable, CustomTestStringConvertible {
        let query: StoredQuery
        let id: String
        let name: String
        let requiresHome: Bool
        let required: [String]
        let choice: [[String]]
        var testDescription: String { name }
    }

    /// protocol.md §2.3 and ITI TF-2 3.18.4.1.2.3.7.
    static let definitions: [Definition] = [
        Definition(query: .findDocuments, id: "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d", name: "FindDocuments",
                   requiresHome: false, required: ["$XDSDocumentEntryPatientId", "$XDSDocumentEntryStatus"], choice: []),
        Definition(query: .findSubmissionSets, id: "urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9", name: "FindSubmissionSets",
                   requiresHome: false, required: ["$XDSSubmissionSetPatientId", "$XDSSubmissionSetStatus"], choice: []),
        Definition(query: .findFolders, id: "urn:uuid:958f3006-baad-4929-a4de-ff1114824431", name: "FindFolders",
                   requiresHome: false, required: ["$XDSFolderPatientId", "$XDSFolderStatus"], choice: []),
        Definition(query: .getAll, id: "urn:uuid:10b545ea-725c-446d-9b95-8aeb444eddf3", name: "GetAll", requiresHome: false,
                   required: ["$patientId", "$XDSDocumentEntryStatus", "$XDSSubmissionSetStatus", "$XDSFolderStatus"], choice: []),
        Definition(query: .getDocuments, id: "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4", name: "GetDocuments",
                   requiresHome: true, required: [],
                   choice: [["$XDSDocumentEntryEntryUUID", "$XDSDocumentEntryUniqueId", "$XDSDocumentEntryLogicalID"]]),
        Definition(query: .getFolders, id: "urn:uuid:5737b14c-8a1a-4539-b659-e03a34a5e1e4", name: "GetFolders",
                   requiresHome: true, required: [],
                   choice: [["$XDSFolderEntryUUID", "$XDSFolderUniqueId", "$XDSFolderLogicalID"]]),
        Definition(query: .getAssociations, id: "urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155", name: "GetAssociations",
                   requiresHome: true, required: ["$uuid"], choice: []),
        Definition(query: .getDocumentsAndAssociations, id: "urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a",
                   name: "GetDocumentsAndAssociations", requiresHome: true, required: [],
                   choice: [["$XDSDocumentEntryEntryUUID", "$XDSDocumentEntryUniqueId"]]),
        Definition(query: .getSubmissionSets, id: "urn:uuid:51224314-5390-4169-9b91-b1980040715a", name: "GetSubmissionSets",
                   requiresHome: true, required: ["$uuid"], choice: []),
        Definition(query: .getSubmissionSetAndContents, id: "urn:uuid:e8e3cb2c-e39c-46b9-99e4-c12f57260b83",
                   name: "GetSubmissionSetAndContents", requiresHome: true, required: [],
                   choice: [["$XDSSubmissionSetEntryUUID", "$XDSSubmissionSetUniqueId"]]),
        Definition(query: .getFolderAndContents, id: "urn:uuid:b909a503-523d-4517-8acf-8e5834dfc4c7",
                   name: "GetFolderAndContents", requiresHome: true, required: [],
                   choice: [["$XDSFolderEntryUUID", "$XDSFolderUniqueId"]]),
        Definition(query: .getFoldersForDocument, id: "urn:uuid:10cae35a-c7f9-4cf5-b61e-fc3278ffb578",
                   name: "GetFoldersForDocument", requiresHome: true, required: [],
                   choice: [["$XDSDocumentEntryEntryUUID", "$XDSDocumentEntryUniqueId"]]),
        Definition(query: .getRelatedDocuments, id: "urn:uuid:d90e5407-b356-4d91-a89f-873917b4b0e6",
                   name: "GetRelatedDocuments", requiresHome: true, required: ["$AssociationTypes"],
                   choice: [["$XDSDocumentEntryEntryUUID", "$XDSDocumentEntryUniqueId"]]),
        Definition(query: .findDocumentsByReferenceId, id: "urn:uuid:12941a89-e02e-4be5-967c-ce4bfc8fe492",
                   name: "FindDocumentsByReferenceId", requiresHome: false,
                   required: ["$XDSDocumentEntryPatientId", "$XDSDocumentEntryStatus", "$XDSDocumentEntryReferenceIdList"],
                   choice: []),
    ]

    @Test func allFourteen() {
        #expect(StoredQuery.allCases.count == 14)
        #expect(Set(Self.definitions.map(\.query)).count == 14)
    }

    @Test(arguments: definitions)
    func catalogue(_ definition: Definition) {
        let query = definition.query
        #expect(query.rawValue == definition.id)
        #expect(query.name == definition.name)
        #expect(query.requiresHomeCommunityID == definition.requiresHome)
        #expect(query.requiredParameterNames == definition.required)
        #expect(query.choiceGroups == definition.choice)
        #expect(StoredQuery(id: definition.id) == query)
        #expect(StoredQuery(id: definition.id.uppercased()) == query)
        // Every choice member is defined; names are unique.
        for name in definition.choice.joined() { #expect(query.parameter(named: name) != nil) }
        #expect(Set(query.parameters.map(\.name)).count == query.parameters.count)
        // Get* queries accept $homeCommunityId; patient-keyed queries have a patient id parameter.
        #expect((query.parameter(named: "$homeCommunityId") != nil) == definition.requiresHome)
        #expect((query.patientIDParameterName != nil) == !definition.requiresHome)
    }

    @Test func multiplicity() throws {
        let patient = try #require(StoredQuery.findDocuments.parameter(named: "$XDSDocumentEntryPatientId"))
        #expect(patient.isRequired && !patient.acceptsMultipleValues && !patient.acceptsAndSemantics)
        #expect(patient.valueType == .patientID)
        let status = try #require(StoredQuery.findDocuments.parameter(named: "$XDSDocumentEntryStatus"))
        #expect(status.isRequired && status.acceptsMultipleValues && !status.acceptsAndSemantics)
        let event = try #require(StoredQuery.findDocuments.parameter(named: "$XDSDocumentEntryEventCodeList"))
        #expect(!event.isRequired && event.acceptsMultipleValues && event.acceptsAndSemantics)
        let time = try #require(StoredQuery.findDocuments.parameter(named: "$XDSDocumentEntryCreationTimeFrom"))
        #expect(!time.acceptsMultipleValues && time.valueType == .dateTime)
        let single = try #require(StoredQuery.getFolderAndContents.parameter(named: "$XDSFolderEntryUUID"))
        #expect(!single.acceptsMultipleValues)
        let list = try #require(StoredQuery.getDocuments.parameter(named: "$XDSDocumentEntryUniqueId"))
        #expect(list.acceptsMultipleValues && list.valueType == .documentUniqueID)
        #expect(StoredQuery(id: "urn:uuid:00000000-0000-0000-0000-000000000000") == nil)
    }
}

@Suite("Stored query values")
struct StoredQueryValueTests {
    @Test("Valid values", arguments: [
        ("'single'", StoredQueryValue.single(.string("single"))),
        ("  'padded'  ", .single(.string("padded"))),
        ("''", .single(.string(""))),
        ("'it''s'", .single(.string("it's"))),
        ("''''", .single(.string("'"))),
        ("'a''''b'", .single(.string("a''b"))),
        ("200412252300", .single(.number("200412252300"))),
        ("-5", .single(.number("-5"))),
        ("('a','b')", .list([.string("a"), .string("b")])),
        ("( 'a' ,\n\t'b' )", .list([.string("a"), .string("b")])),
        ("('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')", .list([.string("urn:oasis:names:tc:ebxml-regrep:StatusType:Approved")])),
        ("(1, 2)", .list([.number("1"), .number("2")])),
        ("('x^^y', 3)", .list([.string("x^^y"), .number("3")])),
        ("('a,b','c)')", .list([.string("a,b"), .string("c)")])),
        ("'9434765919^^^&2.16.840.1.113883.2.1.4.1&ISO'", .single(.string("9434765919^^^&2.16.840.1.113883.2.1.4.1&ISO"))),
        ("'naïve ✓'", .single(.string("naïve ✓"))),
    ])
    func parses(text: String, expected: StoredQueryValue) throws {
        let value = try StoredQueryValue.parse(text).get()
        #expect(value == expected)
        #expect(value.isList == text.hasPrefix("("))
    }

    @Test("Malformed values", arguments: [
        "", "   ", "'unterminated", "'a''", "bare", "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved", "()", "( )",
        "('a'", "('a',)", "('a' 'b')", "('a';'b')", "(('a'))", "'a' 'b'", "'a'x", "12a", "-", "1.5", "('a'))", ",'a'",
        "('a',,'b')", "\"double\"",
    ])
    func rejects(text: String) {
        switch StoredQueryValue.parse(text) {
        case .success(let value):
            Issue.record("parsed \(value)")
        case .failure(let error):
            #expect(error.code == .malformedStoredQueryValue)
            #expect(error.message.contains("offset"))
        }
    }

    @Test func messagesDoNotEchoTheValue() {
        guard case .failure(let error) = StoredQueryValue.parse("'9434765919^^^&2.16.840.1.113883.2.1.4.1&ISO") else {
            Issue.record("expected a failure")
            return
        }
        #expect(!error.message.contains("9434765919"))
    }

    @Test func texts() throws {
        #expect(try StoredQueryValue.parse("('a', 2)").get().texts == ["a", "2"])
        #expect(try StoredQueryValue.parse("'a'").get().texts == ["a"])
    }
}
