import Testing
import XCAFixtures
import XCAModel

/// FindDocuments and FindDocumentsByReferenceId over the hand-built community (ITI TF-2 3.18.4.1.2.3.7.1, 3.38).
@Suite("Responder: FindDocuments")
struct ResponderFindDocumentsTests {
    typealias C = TestCommunity
    let engine = StoredQueryEngine(community: TestCommunity.community)

    @Test func defaultsToApprovedStableEntriesOfThePatient() {
        let response = engine.evaluate(C.findDocuments())
        #expect(response.status == .success)
        #expect(response.errors.isEmpty)
        // D3 is Deprecated, D4 on-demand, D5 another patient's.
        #expect(response.ids == [C.d1, C.d2])
    }

    @Test(arguments: [
        // One Value holding a list, and two Values in one Slot: both OR.
        [C.bothStatuses],
        [C.quoted(AvailabilityStatus.approved.rawValue), C.quoted(AvailabilityStatus.deprecated.rawValue)],
    ])
    func severalStatusesAreOred(_ values: [String]) {
        let request = CrossGatewayQueryRequest(
            .findDocuments,
            parameters: [
                QueryParameter(name: "$XDSDocumentEntryPatientId", values: [C.quoted(C.patient.rawValue)]),
                QueryParameter(name: "$XDSDocumentEntryStatus", values: values),
            ]
        )
        #expect(engine.evaluate(request).ids == [C.d1, C.d2, C.d3])
    }

    @Test func deprecatedOnlyFindsTheReplacedEntry() {
        let request = C.query(
            .findDocuments,
            [
                ("$XDSDocumentEntryPatientId", C.quoted(C.patient.rawValue)),
                ("$XDSDocumentEntryStatus", C.list([AvailabilityStatus.deprecated.rawValue])),
            ]
        )
        #expect(engine.evaluate(request).ids == [C.d3])
    }

    @Test(
        arguments: [
            ([DocumentEntryType.onDemand], [C.d4]),
            ([.stable, .onDemand], [C.d1, C.d2, C.d4]),
            ([.stable], [C.d1, C.d2]),
        ] as [([DocumentEntryType], [String])]
    )
    func documentEntryTypeSelectsStableOrOnDemand(_ types: [DocumentEntryType], _ expected: [String]) {
        let response = engine.evaluate(C.findDocuments([("$XDSDocumentEntryType", C.list(types.map(\.rawValue)))]))
        #expect(response.ids == expected)
    }

    /// From is inclusive, To exclusive; lower-precision bounds stand for the start of their period.
    @Test(
        arguments: [
            ("20240115103000", nil, [C.d1, C.d2]),  // D1 exactly at From: included
            (nil, "20240115103000", []),  // D1 exactly at To: excluded
            (nil, "20240115103001", [C.d1]),
            ("202401", "202402", [C.d1]),
            ("2024", nil, [C.d1, C.d2]),
            ("20240115103001", nil, [C.d2]),
            ("20240301", "20240301", []),  // empty range
            ("20240301", "2024030100", []),  // same instant at another precision: still empty
            ("20240301", "20240302", [C.d2]),  // D2 has day precision, at the start of its day
        ] as [(String?, String?, [String])]
    )
    func creationTimeRange(_ from: String?, _ to: String?, _ expected: [String]) {
        var slots: [(String, String)] = []
        if let from { slots.append(("$XDSDocumentEntryCreationTimeFrom", from)) }
        if let to { slots.append(("$XDSDocumentEntryCreationTimeTo", to)) }
        #expect(engine.evaluate(C.findDocuments(slots)).ids == expected)
    }

    @Test func timesAreComparedAcrossStatusesWhenAsked() {
        let request = C.query(
            .findDocuments,
            [
                ("$XDSDocumentEntryPatientId", C.quoted(C.patient.rawValue)),
                ("$XDSDocumentEntryStatus", C.bothStatuses),
                ("$XDSDocumentEntryCreationTimeTo", "2024"),
            ]
        )
        #expect(engine.evaluate(request).ids == [C.d3])
    }

    @Test(
        arguments: [
            ("$XDSDocumentEntryServiceStartTimeTo", "20240115090000", []),  // D1 starts exactly then
            ("$XDSDocumentEntryServiceStartTimeTo", "20240115090001", [C.d1]),
            ("$XDSDocumentEntryServiceStartTimeFrom", "20240301", [C.d2]),
            ("$XDSDocumentEntryServiceStopTimeFrom", "20240115100000", [C.d1]),  // D2 has no stop time: excluded
            ("$XDSDocumentEntryServiceStopTimeTo", "20240115100000", []),
        ] as [(String, String, [String])]
    )
    func serviceTimeRanges(_ name: String, _ value: String, _ expected: [String]) {
        #expect(engine.evaluate(C.findDocuments([(name, value)])).ids == expected)
    }

    @Test func codeValuesInOneSlotAreOred() {
        let request = C.findDocuments([
            ("$XDSDocumentEntryClassCode", C.list([C.code(C.imagingReport), "X^^1.2.3"]))
        ])
        #expect(engine.evaluate(request).ids == [C.d1, C.d2])
        let kos = C.findDocuments([("$XDSDocumentEntryFormatCode", C.list([C.code(C.kosFormat)]))])
        #expect(engine.evaluate(kos).ids == [C.d2])
    }

    @Test func aCodeMatchesOnlyInItsScheme() {
        let request = C.findDocuments([("$XDSDocumentEntryClassCode", C.list(["18748-4^^9.9.9"]))])
        #expect(engine.evaluate(request).ids.isEmpty)
        let typeCode = C.findDocuments([("$XDSDocumentEntryTypeCode", C.list([C.code(C.imagingReport)]))])
        #expect(engine.evaluate(typeCode).ids == [C.d1])  // D2 has no typeCode
    }

    @Test(
        arguments: [
            ([[C.ct], [C.chest]], [C.d1]),  // two Slots: AND
            ([[C.ct], [C.mr]], []),
            ([[C.ct, C.mr]], [C.d1, C.d2]),  // one Slot: OR
            ([[C.ct, C.mr], [C.chest]], [C.d1]),
        ] as [([[CodedValue]], [String])]
    )
    func eventCodeListSlotsAreAndedAndTheirValuesOred(_ slots: [[CodedValue]], _ expected: [String]) {
        let request = C.findDocuments(slots.map { ("$XDSDocumentEntryEventCodeList", C.list($0.map(C.code))) })
        #expect(engine.evaluate(request).ids == expected)
    }

    @Test func confidentialityCodesAreAndedAcrossSlots() {
        let request = C.findDocuments([
            ("$XDSDocumentEntryConfidentialityCode", C.list([C.code(C.normal)])),
            ("$XDSDocumentEntryConfidentialityCode", C.list([C.code(C.restricted)])),
        ])
        #expect(engine.evaluate(request).ids == [C.d2])
    }

    @Test func practiceSettingAndFacilityCodesFilter() {
        let request = C.findDocuments([
            ("$XDSDocumentEntryPracticeSettingCode", C.list(["394914008^^" + C.snomed])),
            ("$XDSDocumentEntryHealthcareFacilityTypeCode", C.list(["22232009^^" + C.snomed])),
        ])
        #expect(engine.evaluate(request).ids == [C.d1])
    }

    @Test(
        arguments: [
            (["%Smith%"], [C.d1]),
            (["^J_nes^%"], [C.d2]),
            (["%"], [C.d1, C.d2]),
            (["Smith"], []),  // no wildcard: the whole value must match
            (["%smith%"], []),  // case-sensitive
            (["%Smith%", "%Jones%"], [C.d1, C.d2]),  // several values: OR
            (["^Smith^John^^^Dr"], [C.d1]),
            (["^Smith^John^^^D_"], [C.d1]),
            (["^Smith^John^^^Dr_"], []),
        ] as [([String], [String])]
    )
    func authorPersonIsMatchedLikeSQL(_ patterns: [String], _ expected: [String]) {
        #expect(engine.evaluate(C.findDocuments([("$XDSDocumentEntryAuthorPerson", C.list(patterns))])).ids == expected)
    }

    @Test func parametersAreAnded() {
        let request = C.findDocuments([
            ("$XDSDocumentEntryClassCode", C.list([C.code(C.imagingReport)])),
            ("$XDSDocumentEntryAuthorPerson", C.list(["%Jones%"])),
            ("$XDSDocumentEntryCreationTimeFrom", "2024"),
        ])
        #expect(engine.evaluate(request).ids == [C.d2])
    }

    @Test func unknownPatientIsSuccessWithNothing() {
        let request = C.query(
            .findDocuments,
            [
                ("$XDSDocumentEntryPatientId", C.quoted(C.unknownPatient.rawValue)),
                ("$XDSDocumentEntryStatus", C.bothStatuses),
            ]
        )
        let response = engine.evaluate(request)
        #expect(response.status == .success)
        #expect(response.registryObjects.isEmpty)
        #expect(response.errors.isEmpty)
    }

    @Test func leafClassStampsHomeOnEveryObject() {
        let response = engine.evaluate(C.findDocuments())
        #expect(response.registryObjects.count == 2)
        for object in response.registryObjects {
            #expect(object.kind == .extrinsicObject)
            #expect(object.home == C.home)
        }
        // D2 is stored without home; its content otherwise unchanged.
        let d2 = C.community.registryObjects.first { $0.element.attribute("id") == C.d2 }
        #expect(d2?.home == nil)
        var expected = d2
        expected?.home = C.home
        #expect(response.registryObjects.last == expected)
        #expect(DocumentEntry(response.registryObjects[0])?.title == "CT chest report")
    }

    @Test func objectRefReturnsIdsAndHomeOnly() {
        let response = engine.evaluate(C.findDocuments(returnType: .objectRef))
        #expect(response.ids == [C.d1, C.d2])
        for object in response.registryObjects {
            #expect(object.kind == .objectRef)
            #expect(object.home == C.home)
            #expect(object.element.children.isEmpty)
            #expect(object.element.attributes.map(\.name.localName) == ["id", "home"])
        }
    }

    @Test func referenceIdsAreMatched() {
        func request(_ slots: [[String]]) -> CrossGatewayQueryRequest {
            C.query(
                .findDocumentsByReferenceId,
                [
                    ("$XDSDocumentEntryPatientId", C.quoted(C.patient.rawValue)),
                    ("$XDSDocumentEntryStatus", C.bothStatuses),
                ] + slots.map { ("$XDSDocumentEntryReferenceIdList", C.list($0)) }
            )
        }
        #expect(engine.evaluate(request([[C.accession]])).ids == [C.d1])
        #expect(engine.evaluate(request([[C.accession, "other^^^&1.2.3&ISO"]])).ids == [C.d1])
        #expect(engine.evaluate(request([[C.accession], ["other^^^&1.2.3&ISO"]])).ids.isEmpty)  // AND across Slots
        #expect(engine.evaluate(request([["ACC-1"]])).ids.isEmpty)
        // The reference id list is required here.
        let missing = engine.evaluate(request([]))
        #expect(missing.errors.map(\.code) == [.storedQueryMissingParam])
    }
}
