import Testing
import XCAFixtures
import XCAModel

/// The other stored queries over the hand-built community (ITI TF-2 3.18.4.1.2.3.7.2–13 (≈)), and the errors of
/// ITI-38 (ITI TF-2 3.38.4.1.3).
@Suite("Responder: stored queries")
struct ResponderStoredQueryTests {
    typealias C = TestCommunity
    let engine = StoredQueryEngine(community: TestCommunity.community)

    // MARK: Errors

    @Test func errorsCarryTheCommunityAsLocationAndFailTheQuery() throws {
        let requests: [(CrossGatewayQueryRequest, RegistryError.Code)] = [
            (
                C.query(.findDocuments, [("$XDSDocumentEntryPatientId", C.quoted(C.patient.rawValue))]),
                .storedQueryMissingParam
            ),
            (
                C.query(
                    .findDocuments,
                    [
                        ("$XDSDocumentEntryPatientId", C.quoted(C.patient.rawValue)),
                        ("$XDSDocumentEntryPatientId", C.quoted(C.patient.rawValue)),
                        ("$XDSDocumentEntryStatus", C.bothStatuses),
                    ]
                ),
                .storedQueryParamNumber
            ),
            (
                CrossGatewayQueryRequest(queryID: "urn:uuid:00000000-0000-4000-8000-000000000000", parameters: []),
                .unknownStoredQuery
            ),
            (C.query(.getDocuments, [("$XDSDocumentEntryEntryUUID", C.list([C.d1]))]), .missingHomeCommunityID),
            (
                C.query(.getDocuments, [("$XDSDocumentEntryEntryUUID", C.list([C.d1]))], home: C.otherHome),
                .unknownCommunity
            ),
            (
                C.query(
                    .getDocuments,
                    [("$XDSDocumentEntryEntryUUID", C.list([C.d1]))],
                    home: HomeCommunityID(rawValue: "1.2.3")
                ),
                .unknownCommunity
            ),
            (C.query(.getDocuments, [], home: C.home), .storedQueryMissingParam),
            (
                C.query(
                    .findDocuments,
                    [
                        ("$XDSDocumentEntryPatientId", C.quoted(C.patient.rawValue)),
                        ("$XDSDocumentEntryStatus", C.bothStatuses),
                    ],
                    home: C.otherHome
                ),
                .unknownCommunity
            ),
        ]
        for (request, code) in requests {
            let response = engine.evaluate(request)
            #expect(response.errors.map(\.code) == [code], "\(request.storedQuery?.name ?? request.queryID)")
            #expect(response.errors.allSatisfy { $0.location == C.home.rawValue && $0.severity == .error })
            #expect(response.status == .failure)
            #expect(response.registryObjects.isEmpty)
        }
    }

    @Test func homeIsComparedAsAnOID() {
        let request = C.query(
            .getDocuments,
            [("$XDSDocumentEntryEntryUUID", C.list([C.d1]))],
            home: HomeCommunityID(rawValue: "URN:OID:1.2.826.0.1.3680043.10.1001")
        )
        #expect(engine.evaluate(request).ids == [C.d1])
    }

    // MARK: Get by id

    @Test func getDocumentsByEntryUUIDIgnoresCaseAndStatus() {
        let request = C.query(
            .getDocuments,
            [("$XDSDocumentEntryEntryUUID", C.list([C.d3.uppercased(), C.d1]))],
            home: C.home
        )
        let response = engine.evaluate(request)
        #expect(response.ids == [C.d3, C.d1])  // in the order asked; Deprecated included
        #expect(response.registryObjects.allSatisfy { $0.home == C.home })
    }

    @Test func getDocumentsByUniqueIdAndLogicalID() {
        let byUniqueID = C.query(
            .getDocuments,
            [("$XDSDocumentEntryUniqueId", C.list([C.uniqueID(2).rawValue, C.uniqueID(4).rawValue, "1.2.3.4"]))],
            home: C.home
        )
        #expect(engine.evaluate(byUniqueID).ids == [C.d2, C.d4])
        let byLogicalID = C.query(.getDocuments, [("$XDSDocumentEntryLogicalID", C.list([C.d5]))], home: C.home)
        #expect(engine.evaluate(byLogicalID).ids == [C.d5])
    }

    @Test func getDocumentsOfUnknownIdsIsSuccessWithNothing() {
        let response = engine.evaluate(
            C.query(.getDocuments, [("$XDSDocumentEntryEntryUUID", C.list([C.uuid(999)]))], home: C.home)
        )
        #expect(response.status == .success)
        #expect(response.registryObjects.isEmpty)
    }

    @Test func getDocumentsAsObjectRefs() {
        let request = C.query(
            .getDocuments,
            [("$XDSDocumentEntryEntryUUID", C.list([C.d1, C.d2]))],
            returnType: .objectRef,
            home: C.home
        )
        let response = engine.evaluate(request)
        #expect(response.registryObjects.map(\.kind) == [.objectRef, .objectRef])
        #expect(response.ids == [C.d1, C.d2])
        #expect(response.registryObjects.allSatisfy { $0.home == C.home })
    }

    @Test func getFoldersByEntryUUIDAndUniqueId() {
        let byUUID = C.query(.getFolders, [("$XDSFolderEntryUUID", C.list([C.f1]))], home: C.home)
        #expect(engine.evaluate(byUUID).ids == [C.f1])
        let byUniqueID = C.query(
            .getFolders,
            [("$XDSFolderUniqueId", C.list(["1.2.826.0.1.3680043.10.1001.10.1"]))],
            home: C.home
        )
        let response = engine.evaluate(byUniqueID)
        #expect(response.ids == [C.f1])
        #expect(response.registryObjects.first?.kind == .registryPackage)
        #expect(response.registryObjects.first?.home == C.home)
        // A DocumentEntry id is not a folder.
        #expect(
            engine.evaluate(C.query(.getFolders, [("$XDSFolderEntryUUID", C.list([C.d1]))], home: C.home)).ids.isEmpty
        )
    }

    @Test func getAssociationsOfAnObject() {
        let request = C.query(.getAssociations, [("$uuid", C.list([C.d2]))], home: C.home)
        #expect(engine.evaluate(request).ids == [C.a2, C.a5])
        let two = C.query(.getAssociations, [("$uuid", C.list([C.d3, C.a5]))], home: C.home)
        #expect(engine.evaluate(two).ids == [C.a3, C.a4, C.a7])
    }

    @Test func getDocumentsAndAssociations() {
        let request = C.query(
            .getDocumentsAndAssociations,
            [("$XDSDocumentEntryEntryUUID", C.list([C.d1]))],
            home: C.home
        )
        #expect(engine.evaluate(request).ids == [C.d1, C.a1, C.a4])
    }

    @Test func getSubmissionSetsHoldingObjects() {
        let request = C.query(.getSubmissionSets, [("$uuid", C.list([C.d1, C.f1, C.d3]))], home: C.home)
        // SS2 is marked as a SubmissionSet by a top-level Classification, not a child one.
        #expect(engine.evaluate(request).ids == [C.ss1, C.ss2, C.a1, C.a6, C.a3])
    }

    @Test func getSubmissionSetAndContents() {
        let request = C.query(
            .getSubmissionSetAndContents,
            [("$XDSSubmissionSetEntryUUID", C.quoted(C.ss1))],
            home: C.home
        )
        #expect(engine.evaluate(request).ids == [C.ss1, C.d1, C.d2, C.f1, C.a1, C.a2, C.a6, C.a5, C.a7])
        // Filtered to the manifest: D1 and its HasMember go; the folder's HasMember of D2 (A5) and its holder (A7) stay.
        let manifests = C.query(
            .getSubmissionSetAndContents,
            [
                ("$XDSSubmissionSetUniqueId", C.quoted("1.2.826.0.1.3680043.10.1001.6.1")),
                ("$XDSDocumentEntryFormatCode", C.list([C.code(C.kosFormat)])),
            ],
            home: C.home
        )
        #expect(engine.evaluate(manifests).ids == [C.ss1, C.d2, C.f1, C.a2, C.a6, C.a5, C.a7])
    }

    @Test func getFolderAndContents() {
        let request = C.query(.getFolderAndContents, [("$XDSFolderEntryUUID", C.quoted(C.f1))], home: C.home)
        #expect(engine.evaluate(request).ids == [C.f1, C.d2, C.a5])
        let filtered = C.query(
            .getFolderAndContents,
            [("$XDSFolderEntryUUID", C.quoted(C.f1)), ("$XDSDocumentEntryFormatCode", C.list([C.code(C.textFormat)]))],
            home: C.home
        )
        #expect(engine.evaluate(filtered).ids == [C.f1])
    }

    @Test func getFoldersForDocument() {
        let holding = C.query(
            .getFoldersForDocument,
            [("$XDSDocumentEntryUniqueId", C.quoted(C.uniqueID(2).rawValue))],
            home: C.home
        )
        #expect(engine.evaluate(holding).ids == [C.f1])
        let notInAFolder = C.query(
            .getFoldersForDocument,
            [("$XDSDocumentEntryEntryUUID", C.quoted(C.d1))],
            home: C.home
        )
        #expect(engine.evaluate(notInAFolder).ids.isEmpty)  // SS1 holds D1, but it is not a folder
    }

    @Test func getRelatedDocumentsFollowsTheRequestedAssociationTypesBothWays() {
        func request(_ entry: String, _ types: [AssociationType]) -> CrossGatewayQueryRequest {
            C.query(
                .getRelatedDocuments,
                [
                    ("$XDSDocumentEntryEntryUUID", C.quoted(entry)),
                    ("$AssociationTypes", C.list(types.map(\.rawValue))),
                ],
                home: C.home
            )
        }
        #expect(engine.evaluate(request(C.d3, [.replace])).ids == [C.d3, C.d1, C.a4])
        #expect(engine.evaluate(request(C.d1, [.hasMember, .replace])).ids == [C.d1, C.d3, C.a4])
        #expect(engine.evaluate(request(C.d1, [.append, .transform])).ids.isEmpty)
        // Nothing related: not even the entry itself.
        #expect(engine.evaluate(request(C.d2, [.replace])).ids.isEmpty)
    }

    // MARK: Find SubmissionSets and Folders, GetAll

    @Test(
        arguments: [
            ([], [C.ss1, C.ss2]),
            ([("$XDSSubmissionSetSubmissionTimeFrom", "2024")], [C.ss1]),
            ([("$XDSSubmissionSetSubmissionTimeTo", "20240301120000")], [C.ss2]),
            ([("$XDSSubmissionSetSourceId", C.list(["1.2.826.0.1.3680043.10.1001.9.2"]))], [C.ss2]),
            ([("$XDSSubmissionSetAuthorPerson", C.quoted("%Smith%"))], [C.ss1]),
            ([("$XDSSubmissionSetContentType", C.list(["reports^^1.2.826.0.1.3680043.10.1001.8"]))], [C.ss2]),
            ([("$XDSSubmissionSetContentType", C.list(["reports^^1.2.3"]))], []),
        ] as [([(String, String)], [String])]
    )
    func findSubmissionSets(_ extra: [(String, String)], _ expected: [String]) {
        let request = C.query(
            .findSubmissionSets,
            [
                ("$XDSSubmissionSetPatientId", C.quoted(C.patient.rawValue)),
                ("$XDSSubmissionSetStatus", C.list([AvailabilityStatus.approved.rawValue])),
            ] + extra
        )
        let response = engine.evaluate(request)
        #expect(response.ids == expected)
        #expect(response.registryObjects.allSatisfy { $0.home == C.home && $0.kind == .registryPackage })
    }

    @Test(
        arguments: [
            ([], [C.f1]),
            (
                [
                    ("$XDSFolderCodeList", C.list(["cardio^^1.2.826.0.1.3680043.10.1001.8"])),
                    ("$XDSFolderCodeList", C.list(["ct^^1.2.826.0.1.3680043.10.1001.8"])),
                ], [C.f1]
            ),
            (
                [
                    ("$XDSFolderCodeList", C.list(["cardio^^1.2.826.0.1.3680043.10.1001.8"])),
                    ("$XDSFolderCodeList", C.list(["mr^^1.2.826.0.1.3680043.10.1001.8"])),
                ], []
            ),
            ([("$XDSFolderLastUpdateTimeTo", "20240302")], []),
            ([("$XDSFolderLastUpdateTimeFrom", "20240302")], [C.f1]),
        ] as [([(String, String)], [String])]
    )
    func findFolders(_ extra: [(String, String)], _ expected: [String]) {
        let request = C.query(
            .findFolders,
            [
                ("$XDSFolderPatientId", C.quoted(C.patient.rawValue)),
                ("$XDSFolderStatus", C.list([AvailabilityStatus.approved.rawValue])),
            ] + extra
        )
        #expect(engine.evaluate(request).ids == expected)
    }

    @Test func findFoldersOfAnotherStatusFindsNothing() {
        let request = C.query(
            .findFolders,
            [
                ("$XDSFolderPatientId", C.quoted(C.patient.rawValue)),
                ("$XDSFolderStatus", C.list([AvailabilityStatus.deprecated.rawValue])),
            ]
        )
        #expect(engine.evaluate(request).ids.isEmpty)
    }

    @Test func getAllReturnsThePatientsObjectsAndTheAssociationsAmongThem() {
        func request(documentStatuses: String) -> CrossGatewayQueryRequest {
            C.query(
                .getAll,
                [
                    ("$patientId", C.quoted(C.patient.rawValue)),
                    ("$XDSDocumentEntryStatus", documentStatuses),
                    ("$XDSSubmissionSetStatus", C.list([AvailabilityStatus.approved.rawValue])),
                    ("$XDSFolderStatus", C.list([AvailabilityStatus.approved.rawValue])),
                ]
            )
        }
        // D3 (Deprecated) is left out, and with it SS2's HasMember and the RPLC; D4 is on-demand.
        let approved = engine.evaluate(request(documentStatuses: C.list([AvailabilityStatus.approved.rawValue])))
        #expect(approved.ids == [C.d1, C.d2, C.ss1, C.ss2, C.f1, C.a1, C.a2, C.a5, C.a6, C.a7])
        let all = engine.evaluate(request(documentStatuses: C.bothStatuses))
        #expect(all.ids == [C.d1, C.d2, C.d3, C.ss1, C.ss2, C.f1, C.a1, C.a2, C.a3, C.a4, C.a5, C.a6, C.a7])
        #expect(all.status == .success)
    }
}
