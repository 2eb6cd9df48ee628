import Testing
import XCAFederation
import XCAModel

@Suite("QueryPlanner")
struct QueryPlannerTests {
    static let patient = QueryParameter(
        name: "$XDSDocumentEntryPatientId",
        values: ["'9434765919^^^&2.16.840.1.113883.2.1.4.1&ISO'"]
    )
    static let entryUUID = QueryParameter(
        name: "$XDSDocumentEntryEntryUUID",
        values: ["('urn:uuid:974330cc-26ff-4ef8-aca5-f71efc3f1fb0')"]
    )

    static func directory() throws -> CommunityDirectory {
        try CommunityDirectory([
            Sample.community(1),
            Sample.community(2, isEnabled: false),
            Sample.community(3, endpoints: CommunityEndpoints(retrieve: "https://rg3.example/retrieve")),
            Sample.community(4),
        ])
    }

    static let findQueries = StoredQuery.allCases.filter(\.isPatientKeyed)
    static let getQueries = StoredQuery.allCases.filter { !$0.isPatientKeyed }

    @Test func findAndGetQueriesAreTheOnesOfTheBrief() {
        #expect(
            Set(Self.findQueries) == [
                .findDocuments, .findSubmissionSets, .findFolders, .getAll, .findDocumentsByReferenceId,
            ]
        )
        #expect(Self.getQueries.count == 9)
    }

    @Test(arguments: findQueries)
    func findQueryGoesToEveryEnabledCommunityWithAQueryEndpoint(_ query: StoredQuery) throws {
        let plan = QueryPlanner.plan(
            CrossGatewayQueryRequest(query, parameters: [Self.patient]),
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.legs.map(\.name) == ["community-1", "community-4"])
        #expect(plan.errors.isEmpty)
    }

    @Test(arguments: findQueries)
    func findQueryWithHomeGoesOnlyThere(_ query: StoredQuery) throws {
        let plan = QueryPlanner.plan(
            CrossGatewayQueryRequest(query, parameters: [Self.patient], home: Sample.home(4)),
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.legs.map(\.name) == ["community-4"])
        #expect(plan.errors.isEmpty)
    }

    @Test func findQueryWithUnknownHomeIsUnknownCommunity() throws {
        let plan = QueryPlanner.plan(
            CrossGatewayQueryRequest(.findDocuments, parameters: [Self.patient], home: Sample.home(9)),
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.legs.isEmpty)
        let error = try #require(plan.errors.only)
        #expect(error.code == .unknownCommunity)
        #expect(error.location == Sample.gatewayHome.rawValue)
        #expect(error.severity == .error)
        #expect(error.codeContext.contains(Sample.home(9).rawValue))
    }

    @Test func malformedHomeIsNotEchoed() throws {
        let plan = QueryPlanner.plan(
            CrossGatewayQueryRequest(.getDocuments, parameters: [Self.entryUUID], home: HomeCommunityID("9434765919")),
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        let error = try #require(plan.errors.only)
        #expect(error.code == .unknownCommunity)
        #expect(!error.codeContext.contains("9434765919"))
    }

    @Test func findQueryWithNoCommunityToAskIsUnavailableAtTheGateway() throws {
        let directory = try CommunityDirectory([
            Sample.community(1, isEnabled: false),
            Sample.community(2, endpoints: CommunityEndpoints(retrieve: "https://rg2.example/retrieve")),
        ])
        for plan in [
            QueryPlanner.plan(
                CrossGatewayQueryRequest(.findDocuments, parameters: [Self.patient]),
                in: directory,
                gatewayHome: Sample.gatewayHome
            ),
            QueryPlanner.plan(
                CrossGatewayQueryRequest(.getAll, parameters: []),
                in: try CommunityDirectory([]),
                gatewayHome: Sample.gatewayHome
            ),
        ] {
            #expect(plan.legs.isEmpty)
            let error = try #require(plan.errors.only)
            #expect(error.code == .unavailableCommunity)
            #expect(error.location == Sample.gatewayHome.rawValue)
            #expect(error.codeContext.contains("no community is enabled"))
        }
    }

    @Test(arguments: getQueries)
    func getQueryGoesToItsHomeOnly(_ query: StoredQuery) throws {
        let plan = QueryPlanner.plan(
            CrossGatewayQueryRequest(query, parameters: [Self.entryUUID], home: Sample.home(1)),
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.legs.map(\.name) == ["community-1"])
        #expect(plan.errors.isEmpty)
    }

    @Test(arguments: getQueries)
    func getQueryWithoutHomeIsMissingHomeCommunityID(_ query: StoredQuery) throws {
        let plan = QueryPlanner.plan(
            CrossGatewayQueryRequest(query, parameters: [Self.entryUUID]),
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.legs.isEmpty)
        let error = try #require(plan.errors.only)
        #expect(error.code == .missingHomeCommunityID)
        #expect(error.location == Sample.gatewayHome.rawValue)
        #expect(error.codeContext.contains(query.name))
    }

    @Test func getQueryWithUnknownHomeIsUnknownCommunity() throws {
        let plan = QueryPlanner.plan(
            CrossGatewayQueryRequest(.getDocuments, parameters: [Self.entryUUID], home: Sample.home(7)),
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.legs.isEmpty)
        #expect(plan.errors.map(\.code) == [.unknownCommunity])
        #expect(plan.errors.map(\.location) == [Sample.gatewayHome.rawValue])
    }

    @Test(arguments: [StoredQuery.getDocuments, .findDocuments])
    func disabledHomeIsUnavailableAtItsOwnLocation(_ query: StoredQuery) throws {
        let plan = QueryPlanner.plan(
            CrossGatewayQueryRequest(query, parameters: [Self.patient, Self.entryUUID], home: Sample.home(2)),
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.legs.isEmpty)
        let error = try #require(plan.errors.only)
        #expect(error.code == .unavailableCommunity)
        #expect(error.location == Sample.home(2).rawValue)
        #expect(error.codeContext.contains("community-2") && error.codeContext.contains("disabled"))
    }

    @Test func homeWithoutQueryEndpointIsUnavailable() throws {
        let plan = QueryPlanner.plan(
            CrossGatewayQueryRequest(.getDocuments, parameters: [Self.entryUUID], home: Sample.home(3)),
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.legs.isEmpty)
        #expect(plan.errors.map(\.code) == [.unavailableCommunity])
        #expect(plan.errors.map(\.location) == [Sample.home(3).rawValue])
    }

    @Test func homeIsMatchedWithTheURNPrefixCaseInsensitive() throws {
        let shouted = HomeCommunityID("URN:OID:" + String(Sample.home(4).rawValue.dropFirst(8)))
        let plan = QueryPlanner.plan(
            CrossGatewayQueryRequest(.getDocuments, parameters: [Self.entryUUID], home: shouted),
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.legs.map(\.name) == ["community-4"])
    }

    @Test func unknownQueryIDIsRoutedByWhetherItCarriesAPatient() throws {
        let directory = try Self.directory()
        let withPatient = QueryPlanner.plan(
            CrossGatewayQueryRequest(
                queryID: "urn:uuid:00000000-0000-0000-0000-000000000000",
                parameters: [Self.patient]
            ),
            in: directory,
            gatewayHome: Sample.gatewayHome
        )
        #expect(withPatient.legs.map(\.name) == ["community-1", "community-4"])
        let without = QueryPlanner.plan(
            CrossGatewayQueryRequest(queryID: "urn:uuid:00000000-0000-0000-0000-000000000000", parameters: []),
            in: directory,
            gatewayHome: Sample.gatewayHome
        )
        #expect(without.legs.isEmpty)
        #expect(without.errors.map(\.code) == [.missingHomeCommunityID])
    }
}

extension Array {
    /// The element of a one-element array, else `nil`.
    var only: Element? { count == 1 ? first : nil }
}
