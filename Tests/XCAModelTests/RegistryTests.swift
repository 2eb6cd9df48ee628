import Testing
import XCAModel

@Suite("Registry basics")
struct RegistryTests {
    static let error = RegistryError(.registryError, codeContext: "x", location: "urn:oid:1.2.3")
    static let warning = RegistryError(.unknownPatientID, codeContext: "x", severity: .warning)

    @Test("Status derivation", arguments: [
        ([RegistryError](), false, ResponseStatus.success),
        ([], true, .success),
        ([warning], false, .success),
        ([warning], true, .success),
        ([error], true, .partialSuccess),
        ([error, warning], true, .partialSuccess),
        ([error], false, .failure),
        ([warning, error], false, .failure),
    ])
    func derive(errors: [RegistryError], hasResults: Bool, expected: ResponseStatus) {
        #expect(ResponseStatus.derive(errors: errors, hasResults: hasResults) == expected)
    }

    @Test func statusAndSeverityURNs() {
        #expect(ResponseStatus.success.rawValue == "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success")
        #expect(ResponseStatus.partialSuccess.rawValue == "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess")
        #expect(ResponseStatus.failure.rawValue == "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure")
        #expect(ResponseStatus(rawValue: "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess") == .partialSuccess)
        #expect(RegistryError.Severity.error.rawValue == "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error")
        #expect(RegistryError.Severity.warning.rawValue == "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning")
        #expect(ReturnType(rawValue: "LeafClass") == .leafClass)
        #expect(ReturnType(rawValue: "ObjectRef") == .objectRef)
    }

    @Test("Error codes", arguments: [
        (RegistryError.Code.unknownCommunity, "XDSUnknownCommunity"),
        (.missingHomeCommunityID, "XDSMissingHomeCommunityId"),
        (.unavailableCommunity, "XDSUnavailableCommunity"),
        (.registryError, "XDSRegistryError"),
        (.repositoryError, "XDSRepositoryError"),
        (.registryNotAvailable, "XDSRegistryNotAvailable"),
        (.repositoryBusy, "XDSRepositoryBusy"),
        (.unknownPatientID, "XDSUnknownPatientId"),
        (.tooManyResults, "XDSTooManyResults"),
        (.unknownStoredQuery, "XDSUnknownStoredQuery"),
        (.storedQueryMissingParam, "XDSStoredQueryMissingParam"),
        (.storedQueryParamNumber, "XDSStoredQueryParamNumber"),
        (.documentUniqueIDError, "XDSDocumentUniqueIdError"),
        (.missingDocument, "XDSMissingDocument"),
        (.unknownRepositoryID, "XDSUnknownRepositoryId"),
        (.resultNotSinglePatient, "XDSResultNotSinglePatient"),
        (.xdsiUnknownIdsUid, "XDSIUnknownIdsUid"),
    ])
    func codes(code: RegistryError.Code, raw: String) {
        #expect(code.rawValue == raw)
        #expect(RegistryError.Code(rawValue: raw) == code)
    }

    @Test func unknownPartnerCodesPassThrough() {
        let code = RegistryError.Code(rawValue: "urn:dicom:wado:0006")
        #expect(code.rawValue == "urn:dicom:wado:0006")
        #expect(code != .repositoryError)
    }

    @Test func transactions() {
        #expect(Transaction.iti38.requestAction == "urn:ihe:iti:2007:CrossGatewayQuery")
        #expect(Transaction.iti38.responseAction == "urn:ihe:iti:2007:CrossGatewayQueryResponse")
        #expect(Transaction.iti39.requestAction == "urn:ihe:iti:2007:CrossGatewayRetrieve")
        #expect(Transaction.iti39.responseAction == "urn:ihe:iti:2007:CrossGatewayRetrieveResponse")
        #expect(Transaction.rad69.requestAction == "urn:ihe:rad:2009:RetrieveImagingDocumentSet")
        #expect(Transaction.rad69.responseAction == "urn:ihe:iti:2007:RetrieveDocumentSetResponse")
        #expect(Transaction.rad75.requestAction == "urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSet")
        #expect(Transaction.rad75.responseAction == "urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSetResponse")
        for transaction in Transaction.allCases {
            #expect(Transaction(requestAction: transaction.requestAction) == transaction)
        }
        #expect(Transaction(requestAction: "urn:ihe:iti:2007:RegistryStoredQuery") == nil)
    }

    @Test func modelErrorEqualityIsOnCode() {
        let a = ModelError(.malformedStoredQueryValue, "one")
        let b = ModelError(.malformedStoredQueryValue, "two")
        #expect(a == b)
        #expect(a.line != 0)
        #expect(a.fileID.hasSuffix("RegistryTests.swift"))
    }
}

@Suite("RegistryObject")
struct RegistryObjectTests {
    /// A trimmed ExtrinsicObject as a partner sends it, with things the gateway does not interpret.
    static func partnerObject() -> RegistryObject {
        RegistryObject(MetadataElement(rim: "ExtrinsicObject", [
            "id": "urn:uuid:974330cc-26ff-4ef8-aca5-f71efc3f1fb0",
            "isOpaque": "false",
            "home": "",
            "objectType": "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1",
            "status": "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved",
            "mimeType": "text/xml",
        ], children: [
            .text("\n  "),
            .element(Slot(name: "creationTime", values: ["20061224"]).element),
            .element(Slot(name: "sourcePatientInfo", values: ["PID-5|Doe^John^^^", "PID-8|M"]).element),
            .element(MetadataElement(rim: "Name", children: [.element(MetadataElement(rim: "LocalizedString", ["value": "DocA"]))])),
            .element(MetadataElement(rim: "VersionInfo", ["versionName": "1.1"])),
            .element(MetadataElement(rim: "Classification", [
                "id": "urn:uuid:1b819120-33da-47de-8877-95707a15a60c",
                "classificationScheme": "urn:uuid:2C6B8CB7-8B2A-4051-B291-B1AE6A575EF4",
                "classifiedObject": "urn:uuid:974330cc-26ff-4ef8-aca5-f71efc3f1fb0",
                "nodeRepresentation": "T-D4909",
            ], children: [.element(Slot(name: "codingScheme", values: ["SNM3"]).element)])),
            .element(MetadataElement(rim: "ExternalIdentifier", [
                "id": "urn:uuid:487ca1f8-4296-4aef-9bc9-a767bf901c35",
                "identificationScheme": "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427",
                "value": "c4d77e21d0dd487^^^&1.3.6.1.4.1.21367.2005.3.7&ISO",
            ])),
            .element(MetadataElement(name: QualifiedName(namespace: "urn:example:vendor", localName: "Extra"))),
        ]))
    }

    @Test func typedAccessors() throws {
        let object = Self.partnerObject()
        #expect(object.kind == .extrinsicObject)
        #expect(object.id?.rawValue == "urn:uuid:974330cc-26ff-4ef8-aca5-f71efc3f1fb0")
        #expect(object.home == nil)  // empty attribute reads as absent
        #expect(object.mimeType == "text/xml")
        #expect(object.name == "DocA")
        #expect(object.creationTime == "20061224")
        #expect(object.slotValues(named: "sourcePatientInfo") == ["PID-5|Doe^John^^^", "PID-8|M"])
        #expect(object.slotValues(named: "nothing").isEmpty)
        #expect(object.slots.map(\.name) == ["creationTime", "sourcePatientInfo"])
        #expect(object.patientID?.assigningAuthority == OID("1.3.6.1.4.1.21367.2005.3.7"))
        #expect(object.uniqueID == nil)
        let events = object.classifications(scheme: XDSUUID.documentEntryEventCodeList)
        #expect(events.count == 1)
        #expect(events.first?.nodeRepresentation == "T-D4909")
        #expect(object.isDocumentEntry)
    }

    @Test func mutatorsKeepSchemaOrderAndUnknownContent() throws {
        var object = Self.partnerObject()
        object.home = HomeCommunityID("urn:oid:1.2.3")
        #expect(object.home?.rawValue == "urn:oid:1.2.3")
        #expect(object.element.attributes.map(\.name.localName) == ["id", "isOpaque", "home", "objectType", "status", "mimeType"])

        object.setSlot("repositoryUniqueId", values: ["1.19.6.24.109.42.1"])
        object.setSlot("creationTime", values: ["20250101"])
        object.setExternalIdentifier(
            scheme: XDSUUID.documentEntryUniqueID, value: "1.42.1", id: "urn:uuid:00000000-0000-4000-8000-000000000001"
        )
        object.addClassification(RegistryObject(MetadataElement(rim: "Classification", [
            "id": "urn:uuid:00000000-0000-4000-8000-000000000002",
            "classificationScheme": XDSUUID.documentEntryClassCode,
            "nodeRepresentation": "X",
        ])))
        object.objectDescription = "described"

        #expect(object.creationTime == "20250101")
        #expect(object.repositoryUniqueID == RepositoryUniqueID("1.19.6.24.109.42.1"))
        #expect(object.uniqueID == DocumentUniqueID("1.42.1"))
        #expect(object.objectDescription == "described")

        let order = object.element.childElements.map(\.name.localName)
        #expect(order == [
            "Slot", "Slot", "Slot", "Name", "Description", "VersionInfo", "Classification", "Classification",
            "ExternalIdentifier", "ExternalIdentifier", "Extra",
        ])
        // The replaced slot stays in its place, the new one goes after the last slot.
        #expect(object.slots.map(\.name) == ["creationTime", "sourcePatientInfo", "repositoryUniqueId"])
        // The added ExternalIdentifier points at its object.
        #expect(object.externalIdentifiers.last?.element.attribute("registryObject") == object.id?.rawValue)

        object.removeSlot(named: "sourcePatientInfo")
        object.removeClassifications(scheme: XDSUUID.documentEntryClassCode)
        #expect(object.slots.map(\.name) == ["creationTime", "repositoryUniqueId"])
        #expect(object.classifications.count == 1)
    }

    @Test("Kinds", arguments: [
        ("ExtrinsicObject", RegistryObject.Kind.extrinsicObject), ("RegistryPackage", .registryPackage),
        ("ObjectRef", .objectRef), ("Association", .association), ("Classification", .classification),
        ("ExternalIdentifier", .externalIdentifier), ("AdhocQuery", .other("AdhocQuery")),
    ])
    func kinds(localName: String, kind: RegistryObject.Kind) {
        #expect(RegistryObject(MetadataElement(rim: localName)).kind == kind)
        #expect(kind.localName == localName)
    }

    @Test func elementInOtherNamespaceIsOther() {
        let element = MetadataElement(name: QualifiedName(namespace: Namespace.xdsb, localName: "ExtrinsicObject"))
        #expect(RegistryObject(element).kind == .other("{urn:ihe:iti:xds-b:2007}ExtrinsicObject"))
    }

    @Test func submissionSetPackage() {
        var package = RegistryObject(kind: .registryPackage, id: "urn:uuid:00000000-0000-4000-8000-00000000000a")
        package.setExternalIdentifier(scheme: XDSUUID.submissionSetUniqueID, value: "1.2.3.4", id: "urn:uuid:00000000-0000-4000-8000-00000000000b")
        package.setExternalIdentifier(
            scheme: XDSUUID.submissionSetPatientID, value: "9000000009^^^&2.16.840.1.113883.2.1.4.1&ISO",
            id: "urn:uuid:00000000-0000-4000-8000-00000000000c"
        )
        #expect(package.uniqueID == DocumentUniqueID("1.2.3.4"))
        #expect(package.patientID?.nhsNumber?.isValid == true)
        #expect(!package.isDocumentEntry)
        // Setting an existing scheme changes the value in place.
        package.setExternalIdentifier(scheme: XDSUUID.submissionSetUniqueID, value: "1.2.3.5", id: "unused")
        #expect(package.externalIdentifiers.count == 2)
        #expect(package.uniqueID == DocumentUniqueID("1.2.3.5"))
    }

    @Test func slotElementRoundTrip() throws {
        let slot = Slot(name: "authorInstitution", values: ["A", "B"], slotType: "t")
        #expect(Slot(slot.element) == slot)
        #expect(Slot(MetadataElement(rim: "Name")) == nil)
    }
}
