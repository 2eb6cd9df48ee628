import Testing
import XCAFederation
import XCAModel

@Suite("RetrievePlanner")
struct RetrievePlannerTests {
    static func directory(maxDocuments: Int? = nil) throws -> CommunityDirectory {
        try CommunityDirectory([
            Sample.community(1, maxDocumentsPerRetrieve: maxDocuments),
            Sample.community(2, isEnabled: false),
            Sample.community(3, endpoints: CommunityEndpoints(query: "https://rg3.example/query")),
            Sample.community(4),
        ])
    }

    @Test func groupsByCommunityInOrderOfFirstAppearanceKeepingRequestOrder() throws {
        let documents = [
            Sample.document(1, home: Sample.home(4)),
            Sample.document(2, home: Sample.home(1)),
            Sample.document(3, home: Sample.home(4)),
            Sample.document(4, home: Sample.home(1)),
            Sample.document(5, home: Sample.home(4)),
        ]
        let plan = RetrievePlanner.plan(
            RetrieveDocumentSetRequest(documents: documents),
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.errors.isEmpty)
        #expect(plan.legs.map(\.community.name) == ["community-4", "community-1"])
        #expect(
            plan.legs.map(\.documents) == [[documents[0], documents[2], documents[4]], [documents[1], documents[3]]]
        )
    }

    @Test func everyUnroutableDocumentRequestGetsItsOwnError() throws {
        let documents = [
            Sample.document(1, home: nil),
            Sample.document(2, home: Sample.home(9)),
            Sample.document(3, home: Sample.home(2)),
            Sample.document(4, home: Sample.home(3)),
            Sample.document(5, home: Sample.home(1)),
        ]
        let plan = RetrievePlanner.plan(
            RetrieveDocumentSetRequest(documents: documents),
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.legs.map(\.community.name) == ["community-1"])
        #expect(plan.legs.first?.documents == [documents[4]])
        #expect(
            plan.errors.map(\.code) == [
                .missingHomeCommunityID, .unknownCommunity, .unavailableCommunity, .unavailableCommunity,
            ]
        )
        #expect(
            plan.errors.map(\.location) == [
                Sample.gatewayHome.rawValue, Sample.gatewayHome.rawValue, Sample.home(2).rawValue,
                Sample.home(3).rawValue,
            ]
        )
        for (error, document) in zip(plan.errors, documents) {
            #expect(
                error.codeContext.contains(document.documentUniqueID.rawValue),
                "codeContext names the DocumentUniqueId"
            )
            #expect(error.severity == .error)
        }
        #expect(plan.errors[3].codeContext.contains("Cross Gateway Retrieve endpoint"))
    }

    @Test(arguments: [(1, [1, 1, 1, 1, 1]), (2, [2, 2, 1]), (3, [3, 2]), (5, [5]), (9, [5]), (0, [1, 1, 1, 1, 1])])
    func splitsIntoLegsOfAtMostMaxDocumentsPerRetrieve(_ maximum: Int, _ sizes: [Int]) throws {
        let documents =
            (1...5).map { Sample.document($0, home: Sample.home(1)) }
            + [Sample.document(6, home: Sample.home(4))]
        let plan = RetrievePlanner.plan(
            RetrieveDocumentSetRequest(documents: documents),
            in: try Self.directory(maxDocuments: maximum),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.legs.map(\.documents.count) == sizes + [1])
        #expect(
            plan.legs.map(\.community.name) == Array(repeating: "community-1", count: sizes.count) + ["community-4"]
        )
        #expect(plan.legs.flatMap(\.documents) == documents, "the legs together hold every document, in order")
    }

    @Test func emptyRequestHasNoLegs() throws {
        let plan = RetrievePlanner.plan(
            RetrieveDocumentSetRequest(documents: []),
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.legs.isEmpty && plan.errors.isEmpty)
    }
}
