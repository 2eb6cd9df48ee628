import Testing
import XCAModel

@Suite("DocumentEntry")
struct DocumentEntryTests {
    static let full = DocumentEntry(
        entryUUID: EntryUUID("urn:uuid:974330cc-26ff-4ef8-aca5-f71efc3f1fb0"),
        uniqueID: DocumentUniqueID("1.2.826.0.1.3680043.9.7133.1^kos1"),
        patientID: PatientID(nhsNumber: NHSNumber("9434765919")),
        mimeType: "application/dicom",
        sourcePatientID: PatientID("RAD123^^^&1.2.826.0.1.3680043.9.7133&ISO"),
        home: HomeCommunityID("urn:oid:1.2.826.0.1.3680043.9.7133"),
        status: .approved,
        entryType: .stable,
        title: "CT chest KOS",
        classCode: CodedValue(code: "IMAGES", scheme: "1.3.6.1.4.1.19376.1.2.6.1", displayName: "Images"),
        typeCode: CodedValue(code: "18748-4", scheme: "2.16.840.1.113883.6.1", displayName: "Diagnostic imaging study"),
        practiceSettingCode: CodedValue(code: "394914008", scheme: "2.16.840.1.113883.6.96", displayName: "Radiology"),
        formatCode: CodedValue(code: "1.2.840.10008.5.1.4.1.1.88.59", scheme: "1.2.840.10008.2.6.1", displayName: "KOS"),
        healthcareFacilityTypeCode: CodedValue(code: "22232009", scheme: "2.16.840.1.113883.6.96", displayName: "Hospital"),
        confidentialityCodes: [
            CodedValue(code: "N", scheme: "2.16.840.1.113883.5.25", displayName: "normal"),
            CodedValue(code: "R", scheme: "2.16.840.1.113883.5.25"),
        ],
        eventCodes: [CodedValue(code: "CT", scheme: "1.2.840.10008.2.16.4", displayName: "Computed Tomography")],
        creationTime: "20250102030405",
        serviceStartTime: "202501020300",
        serviceStopTime: "202501020330",
        authorInstitution: ["Leeds General Infirmary^^^^^^^^^RR813", "St James"],
        authorPerson: "^Smith^Jane^^^",
        hash: "e543712c0e10501972de13a5bfcbe826c49feb75",
        size: 36,
        repositoryUniqueID: RepositoryUniqueID("1.2.826.0.1.3680043.9.7133.2"),
        languageCode: "en-GB",
        referenceIdList: ["1.2.3.4^^^^urn:ihe:iti:xds:2013:accession"]
    )

    static let minimal = DocumentEntry(
        entryUUID: EntryUUID("urn:uuid:0bb95d7b-14cb-4da5-896f-af3be8707c03"),
        uniqueID: DocumentUniqueID("1.42.20100312104638.26"),
        patientID: PatientID("c4d77e21d0dd487^^^&1.3.6.1.4.1.21367.2005.3.7&ISO"),
        mimeType: "text/xml",
        entryType: .onDemand
    )

    @Test(arguments: [full, minimal])
    func roundTrip(_ entry: DocumentEntry) throws {
        let object = entry.registryObject()
        let back = try #require(DocumentEntry(object))
        #expect(back == entry)
        #expect(object.isDocumentEntry)
    }

    @Test(arguments: [full, minimal])
    func childrenAreInEbRIMOrder(_ entry: DocumentEntry) {
        let rank = ["Slot": 0, "Name": 1, "Description": 2, "VersionInfo": 3, "Classification": 4, "ExternalIdentifier": 5]
        let names = entry.registryObject().element.childElements.map(\.name)
        #expect(names.allSatisfy { $0.namespace == Namespace.rim })
        let ranks = names.compactMap { rank[$0.localName] }
        #expect(ranks.count == names.count)
        #expect(ranks == ranks.sorted())
        // Inside every classification and external identifier too: Slot before Name.
        for child in entry.registryObject().element.childElements where child.name.localName != "Slot" {
            let inner = child.childElements.compactMap { rank[$0.name.localName] }
            #expect(inner == inner.sorted())
        }
    }

    @Test func extrinsicObjectIsXDSConformant() throws {
        let object = Self.full.registryObject()
        #expect(object.kind == .extrinsicObject)
        #expect(object.objectType == "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1")
        #expect(object.status == "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved")
        #expect(object.home?.rawValue == "urn:oid:1.2.826.0.1.3680043.9.7133")
        #expect(object.externalIdentifierValue(scheme: "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab") == "1.2.826.0.1.3680043.9.7133.1^kos1")
        #expect(object.externalIdentifierValue(scheme: "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427") == "9434765919^^^&2.16.840.1.113883.2.1.4.1&ISO")
        let schemes: [(String, Int)] = [
            ("urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a", 1),  // classCode
            ("urn:uuid:f0306f51-975f-434e-a61c-c59651d33983", 1),  // typeCode
            ("urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead", 1),  // practiceSettingCode
            ("urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d", 1),  // formatCode
            ("urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1", 1),  // healthcareFacilityTypeCode
            ("urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f", 2),  // confidentialityCode
            ("urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4", 1),  // eventCodeList
            ("urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d", 1),  // author
        ]
        for (scheme, count) in schemes {
            let found = object.classifications(scheme: scheme)
            #expect(found.count == count, "\(scheme)")
            for classification in found {
                #expect(classification.classifiedObject == "urn:uuid:974330cc-26ff-4ef8-aca5-f71efc3f1fb0")
                #expect(classification.nodeRepresentation != nil)
                #expect(classification.id?.isValid == true)
            }
        }
        let author = try #require(object.classifications(scheme: XDSUUID.documentEntryAuthor).first)
        #expect(author.nodeRepresentation == "")
        #expect(author.slotValues(named: "authorInstitution") == ["Leeds General Infirmary^^^^^^^^^RR813", "St James"])
        let classCode = try #require(object.classifications(scheme: XDSUUID.documentEntryClassCode).first)
        #expect(classCode.slotValues(named: "codingScheme") == ["1.3.6.1.4.1.19376.1.2.6.1"])
        #expect(classCode.name == "Images")
        #expect(object.slotValues(named: "urn:ihe:iti:xds:2013:referenceIdList") == ["1.2.3.4^^^^urn:ihe:iti:xds:2013:accession"])
        #expect(object.slotValues(named: "size") == ["36"])
        #expect(Self.minimal.registryObject().objectType == "urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248")
    }

    @Test func subObjectIDsAreDeterministicAndDistinct() {
        let first = Self.full.registryObject()
        #expect(first == Self.full.registryObject())
        let ids = (first.classifications + first.externalIdentifiers).compactMap(\.id)
        #expect(ids.count == 11)  // 9 classifications + 2 external identifiers
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.isValid })
        var other = Self.full
        other.entryUUID = EntryUUID("urn:uuid:0bb95d7b-14cb-4da5-896f-af3be8707c03")
        let otherIDs = Set((other.registryObject().classifications).compactMap(\.id))
        #expect(otherIDs.isDisjoint(with: ids))
    }

    @Test func readsBackWithoutObjectType() throws {
        var object = Self.minimal.registryObject()
        object.objectType = nil
        let entry = try #require(DocumentEntry(object))
        #expect(entry.entryType == .stable)
    }

    @Test func rejectsWhatIsNotADocumentEntry() {
        var wrongType = Self.minimal.registryObject()
        wrongType.objectType = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd"
        #expect(DocumentEntry(wrongType) == nil)

        var noUniqueID = Self.minimal.registryObject()
        noUniqueID.element.removeChildElements { $0.attribute("identificationScheme") == XDSUUID.documentEntryUniqueID }
        #expect(DocumentEntry(noUniqueID) == nil)

        var noMimeType = Self.minimal.registryObject()
        noMimeType.mimeType = nil
        #expect(DocumentEntry(noMimeType) == nil)

        let package = RegistryObject(kind: .registryPackage, id: "urn:uuid:0bb95d7b-14cb-4da5-896f-af3be8707c03")
        #expect(DocumentEntry(package) == nil)
    }

    @Test func queryResponseHelpers() {
        let objectRef = RegistryObject(kind: .objectRef, id: "urn:uuid:0bb95d7b-14cb-4da5-896f-af3be8707c04")
        let response = CrossGatewayQueryResponse(
            registryObjects: [Self.full.registryObject(), objectRef, Self.minimal.registryObject()], errors: []
        )
        #expect(response.status == .success)
        #expect(response.documentEntries == [Self.full, Self.minimal])
        let failed = CrossGatewayQueryResponse(
            registryObjects: [], errors: [RegistryError(.unavailableCommunity, codeContext: "timeout", location: "urn:oid:1.2")]
        )
        #expect(failed.status == .failure)
    }
}
