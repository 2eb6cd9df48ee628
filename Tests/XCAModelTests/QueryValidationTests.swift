import Testing
import XCAModel

@Suite("ITI-38 request validation")
struct QueryValidationTests {
    static let location = "urn:oid:1.2.826.0.1.3680043.9.7133"
    static let nhsPatient = "'9434765919^^^&2.16.840.1.113883.2.1.4.1&ISO'"
    static let approved = "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"
    static let uuid1 = "urn:uuid:974330cc-26ff-4ef8-aca5-f71efc3f1fb0"
    static let uuid2 = "urn:uuid:0bb95d7b-14cb-4da5-896f-af3be8707c03"
    static let home = HomeCommunityID("urn:oid:1.3.6.1.4.1.21367.13.70.101")

    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let request: CrossGatewayQueryRequest
        let codes: [RegistryError.Code]
        var context: String? = nil
        var testDescription: String { label }
    }

    static func p(_ name: String, _ values: String...) -> QueryParameter { QueryParameter(name: name, values: values) }

    static func findDocuments(_ extra: [QueryParameter] = [], patient: String? = nhsPatient, status: String? = approved,
                              home: HomeCommunityID? = nil) -> CrossGatewayQueryRequest {
        var parameters: [QueryParameter] = []
        if let patient { parameters.append(p("$XDSDocumentEntryPatientId", patient)) }
        if let status { parameters.append(p("$XDSDocumentEntryStatus", status)) }
        return CrossGatewayQueryRequest(.findDocuments, parameters: parameters + extra, home: home)
    }

    static func get(_ query: StoredQuery, _ parameters: [QueryParameter], home: HomeCommunityID? = home) -> CrossGatewayQueryRequest {
        CrossGatewayQueryRequest(query, parameters: parameters, returnType: .objectRef, home: home)
    }

    static let cases: [Case] = [
        // Valid requests.
        Case(label: "FindDocuments", request: findDocuments(), codes: []),
        Case(label: "FindDocuments with options", request: findDocuments([
            p("$XDSDocumentEntryCreationTimeFrom", "20040101"),
            p("$XDSDocumentEntryCreationTimeTo", "'20251231235959'"),
            p("$XDSDocumentEntryClassCode", "('IMAGES^^1.3.6.1.4.1.19376.1.2.6.1')", "('REPORTS^^1.3.6.1.4.1.19376.1.2.6.1')"),
            p("$XDSDocumentEntryEventCodeList", "('CT^^DCM')"),
            p("$XDSDocumentEntryEventCodeList", "('MR^^DCM', 'CT^^DCM')"),
            p("$MetadataLevel", "1"),
            p("$VendorExtension", "whatever, not parsed"),
        ]), codes: []),
        Case(label: "status as a single value", request: findDocuments(status: "'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved'"), codes: []),
        Case(label: "non-NHS authority", request: findDocuments(patient: "'c4d77e21d0dd487^^^&1.3.6.1.4.1.21367.2005.3.7&ISO'"), codes: []),
        Case(label: "GetDocuments by uniqueId", request: get(.getDocuments, [p("$XDSDocumentEntryUniqueId", "('1.2.3.4', '1.2.3.5^x')")]), codes: []),
        Case(label: "GetDocuments by entryUUID", request: get(.getDocuments, [p("$XDSDocumentEntryEntryUUID", "('\(uuid1)', '\(uuid2)')")]), codes: []),
        Case(label: "GetAll", request: CrossGatewayQueryRequest(.getAll, parameters: [
            p("$patientId", nhsPatient), p("$XDSDocumentEntryStatus", approved), p("$XDSSubmissionSetStatus", approved),
            p("$XDSFolderStatus", approved),
        ]), codes: []),
        Case(label: "GetRelatedDocuments", request: get(.getRelatedDocuments, [
            p("$XDSDocumentEntryEntryUUID", "'\(uuid1)'"), p("$AssociationTypes", "('urn:ihe:iti:2007:AssociationType:RPLC')"),
        ]), codes: []),
        Case(label: "GetAssociations", request: get(.getAssociations, [p("$uuid", "('\(uuid1)')")]), codes: []),

        // Unknown query.
        Case(label: "unknown AdhocQuery id", request: CrossGatewayQueryRequest(
            queryID: "urn:uuid:00000000-0000-0000-0000-000000000000", parameters: []), codes: [.unknownStoredQuery]),

        // Missing parameters.
        Case(label: "missing patient id", request: findDocuments(patient: nil), codes: [.storedQueryMissingParam],
             context: "$XDSDocumentEntryPatientId"),
        Case(label: "missing status", request: findDocuments(status: nil), codes: [.storedQueryMissingParam],
             context: "$XDSDocumentEntryStatus"),
        Case(label: "GetRelatedDocuments without $AssociationTypes", request: get(.getRelatedDocuments, [
            p("$XDSDocumentEntryEntryUUID", "'\(uuid1)'")]), codes: [.storedQueryMissingParam], context: "$AssociationTypes"),
        Case(label: "GetDocuments with neither id", request: get(.getDocuments, []), codes: [.storedQueryMissingParam],
             context: "$XDSDocumentEntryEntryUUID"),
        Case(label: "GetSubmissionSets without $uuid", request: get(.getSubmissionSets, []), codes: [.storedQueryMissingParam],
             context: "$uuid"),

        // Cardinality.
        Case(label: "patient id in two slots", request: findDocuments([p("$XDSDocumentEntryPatientId", nhsPatient)]),
             codes: [.storedQueryParamNumber], context: "$XDSDocumentEntryPatientId"),
        Case(label: "patient id as a list", request: findDocuments(patient: "('9434765919^^^&2.16.840.1.113883.2.1.4.1&ISO', 'x^^^&1.2&ISO')"),
             codes: [.storedQueryParamNumber], context: "$XDSDocumentEntryPatientId"),
        Case(label: "patient id in two Values", request: CrossGatewayQueryRequest(.findDocuments, parameters: [
            p("$XDSDocumentEntryPatientId", nhsPatient, nhsPatient), p("$XDSDocumentEntryStatus", approved)]),
             codes: [.storedQueryParamNumber], context: "$XDSDocumentEntryPatientId"),
        Case(label: "time as a list", request: findDocuments([p("$XDSDocumentEntryCreationTimeFrom", "(2004, 2005)")]),
             codes: [.storedQueryParamNumber], context: "$XDSDocumentEntryCreationTimeFrom"),
        Case(label: "class code in two slots", request: findDocuments([
            p("$XDSDocumentEntryClassCode", "('a^^b')"), p("$XDSDocumentEntryClassCode", "('c^^d')")]),
             codes: [.storedQueryParamNumber], context: "$XDSDocumentEntryClassCode"),
        Case(label: "GetDocuments with both ids", request: get(.getDocuments, [
            p("$XDSDocumentEntryEntryUUID", "('\(uuid1)')"), p("$XDSDocumentEntryUniqueId", "('1.2.3')")]),
             codes: [.storedQueryParamNumber], context: "only one of"),
        Case(label: "GetFolderAndContents with a list", request: get(.getFolderAndContents, [
            p("$XDSFolderEntryUUID", "('\(uuid1)', '\(uuid2)')")]), codes: [.storedQueryParamNumber], context: "$XDSFolderEntryUUID"),

        // Unparseable values.
        Case(label: "unterminated patient id", request: findDocuments(patient: "'9434765919^^^&2.16.840.1.113883.2.1.4.1&ISO"),
             codes: [.registryError], context: "$XDSDocumentEntryPatientId"),
        Case(label: "bare status", request: findDocuments(status: "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"),
             codes: [.registryError], context: "$XDSDocumentEntryStatus"),
        Case(label: "slot without Value", request: findDocuments([QueryParameter(name: "$XDSDocumentEntryTypeCode", values: [])]),
             codes: [.registryError], context: "$XDSDocumentEntryTypeCode"),
        Case(label: "time not DTM", request: findDocuments([p("$XDSDocumentEntryServiceStartTimeFrom", "'yesterday'")]),
             codes: [.registryError], context: "$XDSDocumentEntryServiceStartTimeFrom"),
        Case(label: "time of odd length", request: findDocuments([p("$XDSDocumentEntryServiceStopTimeTo", "20041")]),
             codes: [.registryError], context: "$XDSDocumentEntryServiceStopTimeTo"),
        Case(label: "metadata level not an integer", request: findDocuments([p("$MetadataLevel", "'one'")]),
             codes: [.registryError], context: "$MetadataLevel"),

        // home.
        Case(label: "GetDocuments without home", request: get(.getDocuments, [p("$XDSDocumentEntryUniqueId", "('1.2.3')")], home: nil),
             codes: [.missingHomeCommunityID], context: "home"),
        Case(label: "GetAssociations without home", request: get(.getAssociations, [p("$uuid", "('\(uuid1)')")], home: nil),
             codes: [.missingHomeCommunityID]),
        Case(label: "malformed home", request: get(.getDocuments, [p("$XDSDocumentEntryUniqueId", "('1.2.3')")],
                                                   home: HomeCommunityID("1.2.3")),
             codes: [.unknownCommunity], context: "not a urn:oid of at most 64 characters"),
        Case(label: "over-long home", request: findDocuments(home: HomeCommunityID("urn:oid:1." + String(repeating: "12345.", count: 10))),
             codes: [.unknownCommunity], context: "64"),
        Case(label: "malformed $homeCommunityId", request: get(.getDocuments, [
            p("$XDSDocumentEntryUniqueId", "('1.2.3')"), p("$homeCommunityId", "'1.2.3'")]), codes: [.unknownCommunity],
             context: "$homeCommunityId"),

        // Patient ids.
        Case(label: "patient id not CX", request: findDocuments(patient: "'9434765919'"), codes: [.registryError],
             context: "not a valid patient identifier"),
        Case(label: "patient id with non-ISO authority", request: findDocuments(patient: "'X1^^^&1.2.3&DNS'"), codes: [.registryError]),
        Case(label: "NHS number failing Modulus 11", request: findDocuments(patient: "'9999999991^^^&2.16.840.1.113883.2.1.4.1&ISO'"),
             codes: [.unknownPatientID], context: "Modulus 11"),
        Case(label: "NHS number with check digit 10", request: findDocuments(patient: "'1234567890^^^&2.16.840.1.113883.2.1.4.1&ISO'"),
             codes: [.unknownPatientID]),
        Case(label: "GetAll with bad NHS number", request: CrossGatewayQueryRequest(.getAll, parameters: [
            p("$patientId", "'9999999991^^^&2.16.840.1.113883.2.1.4.1&ISO'"), p("$XDSDocumentEntryStatus", approved),
            p("$XDSSubmissionSetStatus", approved), p("$XDSFolderStatus", approved)]), codes: [.unknownPatientID],
             context: "$patientId"),

        // Identifier syntax.
        Case(label: "bad entryUUID", request: get(.getDocuments, [p("$XDSDocumentEntryEntryUUID", "('\(uuid1)', 'Document01')")]),
             codes: [.registryError], context: "$XDSDocumentEntryEntryUUID"),
        Case(label: "bad uniqueId", request: get(.getDocuments, [p("$XDSDocumentEntryUniqueId", "('1.2.3', '1.2..3')")]),
             codes: [.registryError], context: "$XDSDocumentEntryUniqueId"),
        Case(label: "bad $uuid", request: get(.getSubmissionSets, [p("$uuid", "('\(uuid1.dropLast())')")]),
             codes: [.registryError], context: "$uuid"),
        Case(label: "bad folder uniqueId", request: get(.getFolders, [p("$XDSFolderUniqueId", "('x.y')")]),
             codes: [.registryError], context: "$XDSFolderUniqueId"),

        // Several problems at once, in catalogue order.
        Case(label: "several problems", request: CrossGatewayQueryRequest(.getDocuments, parameters: [
            p("$XDSDocumentEntryUniqueId", "('1.2.3.04')"), p("$MetadataLevel", "1", "2")], home: nil),
             codes: [.missingHomeCommunityID, .registryError, .storedQueryParamNumber]),
    ]

    @Test(arguments: cases)
    func validate(_ testCase: Case) throws {
        let errors = testCase.request.validate(location: Self.location)
        #expect(errors.map(\.code) == testCase.codes)
        for error in errors {
            #expect(error.location == Self.location)
            #expect(error.severity == .error)
            #expect(!error.codeContext.isEmpty)
            #expect(!error.codeContext.contains("9434765919"))
            #expect(!error.codeContext.contains("9999999991"))
            #expect(!error.codeContext.contains("1234567890"))
        }
        if let context = testCase.context {
            let first = try #require(errors.first)
            #expect(first.codeContext.contains(context), "\(first.codeContext)")
        }
    }

    @Test func requestHelpers() {
        let request = Self.findDocuments([
            Self.p("$XDSDocumentEntryClassCode", "('a^^b', 'c^^d')", "('e^^f')", "broken"),
        ])
        #expect(request.storedQuery == .findDocuments)
        #expect(request.values(of: "$XDSDocumentEntryClassCode") == ["a^^b", "c^^d", "e^^f"])
        #expect(request.values(of: "$XDSDocumentEntryStatus") == ["urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"])
        #expect(request.patientID?.nhsNumber?.rawValue == "9434765919")
        #expect(request.returnType == .leafClass)

        let getAll = CrossGatewayQueryRequest(.getAll, parameters: [Self.p("$patientId", "'X^^^&1.2.3&ISO'")])
        #expect(getAll.patientID?.idNumber == "X")
        #expect(Self.get(.getDocuments, []).patientID == nil)

        let unknown = CrossGatewayQueryRequest(queryID: "urn:uuid:x", parameters: [Self.p("$XDSFolderPatientId", "'Y^^^&1.2&ISO'")])
        #expect(unknown.storedQuery == nil)
        #expect(unknown.patientID?.idNumber == "Y")
    }
}
