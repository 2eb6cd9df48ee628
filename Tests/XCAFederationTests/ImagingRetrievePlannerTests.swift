import Testing
import XCAFederation
import XCAModel

@Suite("ImagingRetrievePlanner")
struct ImagingRetrievePlannerTests {
    static let transferSyntaxes = [TransferSyntaxUID("1.2.840.10008.1.2.4.90"), .explicitVRLittleEndian]

    static func directory(maxDocuments: Int? = nil) throws -> CommunityDirectory {
        try CommunityDirectory([
            Sample.community(1, imagingSources: [Sample.repository(1)], maxDocumentsPerRetrieve: maxDocuments),
            Sample.community(2, isEnabled: false, imagingSources: [Sample.repository(2)]),
            Sample.community(
                3,
                endpoints: CommunityEndpoints(retrieve: "https://rg3.example/retrieve"),
                repositories: [Sample.repository(3)]
            ),
            Sample.community(4, repositories: [Sample.repository(4)]),
        ])
    }

    static func sop(_ n: Int, home: HomeCommunityID?, source: Int) -> DocumentRequest {
        Sample.document(n, home: home, repository: Sample.repository(source))
    }

    static func study(_ n: Int, _ series: [SeriesRequest]) -> StudyRequest {
        StudyRequest(studyInstanceUID: StudyInstanceUID("1.2.826.0.1.3680043.9.7133.5.\(n)"), series: series)
    }

    static func series(_ n: Int, _ documents: [DocumentRequest]) -> SeriesRequest {
        SeriesRequest(seriesInstanceUID: SeriesInstanceUID("1.2.826.0.1.3680043.9.7133.6.\(n)"), documents: documents)
    }

    /// Study 1 { series 1 { a1 b2 a3 }, series 2 { b4 } }, study 2 { series 3 { a5 } }, study 3 { series 4 { b6 } }
    /// with a = community 1 and b = community 4.
    static func mixedRequest(homes: Bool) -> RetrieveImagingDocumentSetRequest {
        let a = homes ? Sample.home(1) : nil
        let b = homes ? Sample.home(4) : nil
        return RetrieveImagingDocumentSetRequest(
            studies: [
                study(
                    1,
                    [
                        series(
                            1,
                            [sop(1, home: a, source: 1), sop(2, home: b, source: 4), sop(3, home: a, source: 1)]
                        ),
                        series(2, [sop(4, home: b, source: 4)]),
                    ]
                ),
                study(2, [series(3, [sop(5, home: a, source: 1)])]),
                study(3, [series(4, [sop(6, home: b, source: 4)])]),
            ],
            transferSyntaxUIDs: transferSyntaxes
        )
    }

    @Test(arguments: [true, false])
    func rebuildsEachCommunitysStudiesAndSeriesInOriginalOrder(_ rad75: Bool) throws {
        let request = Self.mixedRequest(homes: true)
        let plan = ImagingRetrievePlanner.plan(
            request,
            requiringHomeCommunityID: rad75,
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.errors.isEmpty)
        #expect(plan.legs.map(\.community.name) == ["community-1", "community-4"])
        let docs = request.allDocumentRequests
        #expect(
            plan.legs[0].request
                == RetrieveImagingDocumentSetRequest(
                    studies: [
                        Self.study(1, [Self.series(1, [docs[0], docs[2]])]),
                        Self.study(2, [Self.series(3, [docs[4]])]),
                    ],
                    transferSyntaxUIDs: Self.transferSyntaxes
                )
        )
        #expect(
            plan.legs[1].request
                == RetrieveImagingDocumentSetRequest(
                    studies: [
                        Self.study(1, [Self.series(1, [docs[1]]), Self.series(2, [docs[3]])]),
                        Self.study(3, [Self.series(4, [docs[5]])]),
                    ],
                    transferSyntaxUIDs: Self.transferSyntaxes
                )
        )
    }

    @Test func splitLegsKeepStructureAndTransferSyntaxes() throws {
        let request = Self.mixedRequest(homes: true)
        let docs = request.allDocumentRequests
        let plan = ImagingRetrievePlanner.plan(
            request,
            requiringHomeCommunityID: true,
            in: try Self.directory(maxDocuments: 2),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.legs.map(\.community.name) == ["community-1", "community-1", "community-4"])
        #expect(plan.legs[0].request.studies == [Self.study(1, [Self.series(1, [docs[0], docs[2]])])])
        #expect(plan.legs[1].request.studies == [Self.study(2, [Self.series(3, [docs[4]])])])
        for leg in plan.legs {
            #expect(leg.request.transferSyntaxUIDs == Self.transferSyntaxes)
            #expect(
                leg.request.studies.allSatisfy { !$0.series.isEmpty && $0.series.allSatisfy { !$0.documents.isEmpty } }
            )
        }
    }

    @Test func splitInsideASeriesRepeatsTheSeriesInTheNextLeg() throws {
        let home = Sample.home(1)
        let request = RetrieveImagingDocumentSetRequest(
            studies: [Self.study(1, [Self.series(1, (1...3).map { Self.sop($0, home: home, source: 1) })])],
            transferSyntaxUIDs: Self.transferSyntaxes
        )
        let docs = request.allDocumentRequests
        let plan = ImagingRetrievePlanner.plan(
            request,
            requiringHomeCommunityID: true,
            in: try Self.directory(maxDocuments: 2),
            gatewayHome: Sample.gatewayHome
        )
        #expect(
            plan.legs.map(\.request.studies) == [
                [Self.study(1, [Self.series(1, [docs[0], docs[1]])])],
                [Self.study(1, [Self.series(1, [docs[2]])])],
            ]
        )
    }

    @Test func rad75RequiresHomeCommunityIDOnEveryDocumentRequest() throws {
        let request = Self.mixedRequest(homes: false)
        let plan = ImagingRetrievePlanner.plan(
            request,
            requiringHomeCommunityID: true,
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.legs.isEmpty)
        #expect(plan.errors.count == 6)
        #expect(
            plan.errors.allSatisfy { $0.code == .missingHomeCommunityID && $0.location == Sample.gatewayHome.rawValue }
        )
        for (error, document) in zip(plan.errors, request.allDocumentRequests) {
            #expect(error.codeContext.contains(document.documentUniqueID.rawValue))
        }
    }

    @Test func rad69RoutesByImagingDocumentSourceAndStampsTheHome() throws {
        let request = Self.mixedRequest(homes: false)
        let plan = ImagingRetrievePlanner.plan(
            request,
            requiringHomeCommunityID: false,
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.errors.isEmpty)
        #expect(plan.legs.map(\.community.name) == ["community-1", "community-4"])
        let routed = plan.legs.map { $0.request.allDocumentRequests }
        #expect(
            routed[0].map(\.documentUniqueID) == [0, 2, 4].map { request.allDocumentRequests[$0].documentUniqueID }
        )
        #expect(routed[0].allSatisfy { $0.homeCommunityID == Sample.home(1) }, "RAD-75 legs need a HomeCommunityId")
        #expect(routed[1].allSatisfy { $0.homeCommunityID == Sample.home(4) })
    }

    @Test func rad69PrefersTheHomeCommunityIDOverTheRepository() throws {
        let document = Self.sop(1, home: Sample.home(4), source: 1)
        let request = RetrieveImagingDocumentSetRequest(
            studies: [Self.study(1, [Self.series(1, [document])])],
            transferSyntaxUIDs: Self.transferSyntaxes
        )
        let plan = ImagingRetrievePlanner.plan(
            request,
            requiringHomeCommunityID: false,
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        #expect(plan.legs.map(\.community.name) == ["community-4"])
        #expect(plan.legs.first?.request.allDocumentRequests == [document])
    }

    @Test func unroutableDocumentRequests() throws {
        let documents = [
            Self.sop(1, home: nil, source: 99),  // RAD-69, no community serves the repository
            Self.sop(2, home: Sample.home(9), source: 1),  // unknown home
            Self.sop(3, home: nil, source: 2),  // served by a disabled community
            Self.sop(4, home: Sample.home(3), source: 3),  // community without an imaging retrieve endpoint
            Self.sop(5, home: nil, source: 1),  // fine
        ]
        let request = RetrieveImagingDocumentSetRequest(
            studies: [
                Self.study(1, [Self.series(1, Array(documents[0...2]))]),
                Self.study(2, [Self.series(2, Array(documents[3...4]))]),
            ],
            transferSyntaxUIDs: Self.transferSyntaxes
        )
        let plan = ImagingRetrievePlanner.plan(
            request,
            requiringHomeCommunityID: false,
            in: try Self.directory(),
            gatewayHome: Sample.gatewayHome
        )
        #expect(
            plan.errors.map(\.code) == [
                .unknownRepositoryID, .unknownCommunity, .unavailableCommunity, .unavailableCommunity,
            ]
        )
        #expect(
            plan.errors.map(\.location) == [
                Sample.gatewayHome.rawValue, Sample.gatewayHome.rawValue, Sample.home(2).rawValue,
                Sample.home(3).rawValue,
            ]
        )
        for (error, document) in zip(plan.errors, documents) {
            #expect(error.codeContext.contains(document.documentUniqueID.rawValue))
        }
        #expect(plan.legs.count == 1)
        #expect(
            plan.legs.first?.request.studies.map(\.studyInstanceUID) == [Self.study(2, []).studyInstanceUID],
            "study 1 has nothing left"
        )
        #expect(
            plan.legs.first?.request.studies.first?.series.map(\.seriesInstanceUID) == [
                Self.series(2, []).seriesInstanceUID
            ]
        )
    }
}
