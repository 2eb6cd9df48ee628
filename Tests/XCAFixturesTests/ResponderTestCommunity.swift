import XCAFixtures
import XCAModel

/// A small community built by hand for the responder tests (not the generated fixtures):
///
/// ```
/// patient P (9990000018)                               patient Q (9990000026)
///   D1 Approved stable   report, CT+CHEST, 2024-01-15    D5 Approved stable
///   D2 Approved stable   KOS manifest, MR, 2024-03-01 (registry object without home)
///   D3 Deprecated stable report, 2023-12-01 (replaced by D1: A4 RPLC)
///   D4 Approved on-demand report, 2024-02-01
///   SS1 (2024-03-01) HasMember D1 (A1), D2 (A2), F1 (A6), A5 (A7)
///   SS2 (2023-12-01) HasMember D3 (A3) — marked as a SubmissionSet by a top-level Classification
///   F1  (2024-03-02) HasMember D2 (A5), codes cardio + ct
/// ```
///
/// Instances: study S1 / series SE1 at IDS1: I1 (Explicit VR LE and JPEG Baseline), I2 (JPEG 2000 only);
/// study S1 / series SE2 at IDS2: I3 (Explicit VR LE).
enum TestCommunity {
    static let home = HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.3680043.10.1001")
    static let otherHome = HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.3680043.10.2002")
    static let repository = RepositoryUniqueID(rawValue: "1.2.826.0.1.3680043.10.1001.1")
    static let unknownRepository = RepositoryUniqueID(rawValue: "1.2.826.0.1.3680043.10.1001.99")
    static let ids1 = RepositoryUniqueID(rawValue: "1.2.826.0.1.3680043.10.1001.2")
    static let ids2 = RepositoryUniqueID(rawValue: "1.2.826.0.1.3680043.10.1001.3")

    static let patient = PatientID(nhsNumber: NHSNumber(rawValue: "9990000018"))
    static let otherPatient = PatientID(nhsNumber: NHSNumber(rawValue: "9990000026"))
    static let unknownPatient = PatientID(nhsNumber: NHSNumber(rawValue: "9990000034"))

    // MARK: Ids

    static func uuid(_ number: Int) -> String {
        let digits = String(number)
        return "urn:uuid:00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count) + digits
    }

    static let d1 = uuid(1), d2 = uuid(2), d3 = uuid(3), d4 = uuid(4), d5 = uuid(5)
    static let ss1 = uuid(11), ss2 = uuid(12), f1 = uuid(21)
    static let a1 = uuid(31), a2 = uuid(32), a3 = uuid(33), a4 = uuid(34), a5 = uuid(35), a6 = uuid(36), a7 = uuid(37)

    static func uniqueID(_ number: Int) -> DocumentUniqueID {
        DocumentUniqueID(rawValue: "1.2.826.0.1.3680043.10.1001.4.\(number)")
    }

    static let study = StudyInstanceUID(rawValue: "1.2.826.0.1.3680043.10.1001.5.1")
    static let series1 = SeriesInstanceUID(rawValue: "1.2.826.0.1.3680043.10.1001.5.1.1")
    static let series2 = SeriesInstanceUID(rawValue: "1.2.826.0.1.3680043.10.1001.5.1.2")
    static let i1 = SOPInstanceUID(rawValue: "1.2.826.0.1.3680043.10.1001.5.1.1.1")
    static let i2 = SOPInstanceUID(rawValue: "1.2.826.0.1.3680043.10.1001.5.1.1.2")
    static let i3 = SOPInstanceUID(rawValue: "1.2.826.0.1.3680043.10.1001.5.1.2.1")

    static let jpegBaseline = TransferSyntaxUID(rawValue: "1.2.840.10008.1.2.4.50")
    static let jpeg2000 = TransferSyntaxUID(rawValue: "1.2.840.10008.1.2.4.90")

    // MARK: Codes

    static let loinc = "2.16.840.1.113883.6.1"
    static let dcm = "1.2.840.10008.2.16.4"
    static let snomed = "2.16.840.1.113883.6.96"
    static let confidentiality = "2.16.840.1.113883.5.25"
    static let imagingReport = CodedValue(code: "18748-4", scheme: loinc, displayName: "Diagnostic imaging study")
    static let ct = CodedValue(code: "CT", scheme: dcm)
    static let mr = CodedValue(code: "MR", scheme: dcm)
    static let chest = CodedValue(code: "51185008", scheme: snomed)
    static let normal = CodedValue(code: "N", scheme: confidentiality)
    static let restricted = CodedValue(code: "R", scheme: confidentiality)
    static let textFormat = CodedValue(code: "urn:ihe:rad:TEXT", scheme: "1.3.6.1.4.1.19376.1.2.3")
    static let kosFormat = CodedValue(code: "1.2.840.10008.5.1.4.1.1.88.59", scheme: "1.2.840.10008.2.6.1")
    static let accession = "ACC-1^^^&1.2.826.0.1.3680043.10.1001.7&ISO^urn:ihe:iti:xds:2013:accession"

    // MARK: Content

    static func bytes(_ seed: Int, count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed &* 7 &+ ($0 >> 8)) }
    }

    static let reportText = Array("CT chest: no acute findings.\r\n--not a boundary\r\n".utf8)
    static let manifestBytes = [UInt8](repeating: 0, count: 128) + Array("DICM".utf8) + bytes(2, count: 2_000)
    static func rendition(_ instance: Int, _ syntax: TransferSyntaxUID) -> [UInt8] {
        [UInt8](repeating: 0, count: 128) + Array("DICM".utf8) + Array(syntax.rawValue.utf8)
            + bytes(instance, count: 5_000)
    }

    // MARK: The community

    static let community = FixtureCommunity(
        name: "test-imaging",
        displayName: "Test Imaging Network",
        homeCommunityID: home,
        repositories: [repository],
        imagingDocumentSources: [
            FixtureImagingDocumentSource(name: "ids-1", repositoryUniqueID: ids1),
            FixtureImagingDocumentSource(name: "ids-2", repositoryUniqueID: ids2),
        ],
        registryObjects: registryObjects,
        documents: [
            FixtureDocument(
                uniqueID: uniqueID(1),
                repositoryUniqueID: repository,
                mimeType: "text/plain",
                content: .bytes(reportText)
            ),
            FixtureDocument(
                uniqueID: uniqueID(2),
                repositoryUniqueID: repository,
                mimeType: "application/dicom",
                content: .bytes(manifestBytes)
            ),
        ],
        instances: [
            FixtureInstance(
                studyInstanceUID: study,
                seriesInstanceUID: series1,
                sopInstanceUID: i1,
                sopClassUID: "1.2.840.10008.5.1.4.1.1.2",
                repositoryUniqueID: ids1,
                renditions: [
                    .explicitVRLittleEndian: .bytes(rendition(1, .explicitVRLittleEndian)),
                    jpegBaseline: .bytes(rendition(1, jpegBaseline)),
                ]
            ),
            FixtureInstance(
                studyInstanceUID: study,
                seriesInstanceUID: series1,
                sopInstanceUID: i2,
                sopClassUID: "1.2.840.10008.5.1.4.1.1.2",
                repositoryUniqueID: ids1,
                renditions: [jpeg2000: .bytes(rendition(2, jpeg2000))]
            ),
            FixtureInstance(
                studyInstanceUID: study,
                seriesInstanceUID: series2,
                sopInstanceUID: i3,
                sopClassUID: "1.2.840.10008.5.1.4.1.1.2",
                repositoryUniqueID: ids2,
                renditions: [.explicitVRLittleEndian: .bytes(rendition(3, .explicitVRLittleEndian))]
            ),
        ]
    )

    static var registryObjects: [RegistryObject] {
        let entry1 = DocumentEntry(
            entryUUID: EntryUUID(rawValue: Self.d1),
            uniqueID: uniqueID(1),
            patientID: patient,
            mimeType: "text/plain",
            home: home,
            title: "CT chest report",
            classCode: imagingReport,
            typeCode: imagingReport,
            practiceSettingCode: CodedValue(code: "394914008", scheme: snomed),
            formatCode: textFormat,
            healthcareFacilityTypeCode: CodedValue(code: "22232009", scheme: snomed),
            confidentialityCodes: [normal],
            eventCodes: [ct, chest],
            creationTime: "20240115103000",
            serviceStartTime: "20240115090000",
            serviceStopTime: "20240115100000",
            authorPerson: "^Smith^John^^^Dr",
            repositoryUniqueID: repository,
            referenceIdList: [accession]
        )
        var entry2 = DocumentEntry(
            entryUUID: EntryUUID(rawValue: Self.d2),
            uniqueID: uniqueID(2),
            patientID: patient,
            mimeType: "application/dicom",
            title: "MR knee manifest",
            classCode: imagingReport,
            formatCode: kosFormat,
            confidentialityCodes: [normal, restricted],
            eventCodes: [mr],
            creationTime: "20240301",
            serviceStartTime: "2024030108",
            authorPerson: "^Jones^Anne",
            repositoryUniqueID: repository
        )
        entry2.home = nil  // the engine stamps it
        var entry3 = entry1
        entry3.entryUUID = EntryUUID(rawValue: Self.d3)
        entry3.uniqueID = uniqueID(3)
        entry3.status = .deprecated
        entry3.creationTime = "20231201"
        entry3.referenceIdList = []
        var entry4 = entry1
        entry4.entryUUID = EntryUUID(rawValue: Self.d4)
        entry4.uniqueID = uniqueID(4)
        entry4.entryType = .onDemand
        entry4.creationTime = "20240201"
        entry4.referenceIdList = []
        var entry5 = entry1
        entry5.entryUUID = EntryUUID(rawValue: Self.d5)
        entry5.uniqueID = uniqueID(5)
        entry5.patientID = otherPatient
        return [entry1, entry2, entry3, entry4, entry5].map { $0.registryObject() } + [
            submissionSet(
                ss1,
                number: 1,
                submissionTime: "20240301120000",
                author: "^Smith^John",
                contentType: CodedValue(code: "imaging", scheme: "1.2.826.0.1.3680043.10.1001.8"),
                marker: true
            ),
            submissionSet(
                ss2,
                number: 2,
                submissionTime: "20231201080000",
                author: "^Jones^Anne",
                contentType: CodedValue(code: "reports", scheme: "1.2.826.0.1.3680043.10.1001.8"),
                marker: false
            ),
            classification(of: ss2, node: XDSUUID.submissionSet, id: uuid(91)),
            folder(
                f1,
                lastUpdateTime: "20240302",
                codes: [
                    CodedValue(code: "cardio", scheme: "1.2.826.0.1.3680043.10.1001.8"),
                    CodedValue(code: "ct", scheme: "1.2.826.0.1.3680043.10.1001.8"),
                ]
            ),
            association(a1, .hasMember, ss1, Self.d1),
            association(a2, .hasMember, ss1, Self.d2),
            association(a3, .hasMember, ss2, Self.d3),
            association(a4, AssociationType(rawValue: "RPLC"), Self.d1, Self.d3),  // bare name: normalised
            association(a5, .hasMember, f1, Self.d2),
            association(a6, .hasMember, ss1, f1),
            association(a7, .hasMember, ss1, a5),
        ]
    }

    // MARK: Builders

    static func submissionSet(
        _ id: String,
        number: Int,
        submissionTime: String,
        author: String,
        contentType: CodedValue,
        marker: Bool
    ) -> RegistryObject {
        var object = RegistryObject(kind: .registryPackage, id: id)
        object.home = home
        object.objectType = "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:RegistryPackage"
        object.status = AvailabilityStatus.approved.rawValue
        object.setSlot("submissionTime", values: [submissionTime])
        var authorClassification = classification(
            of: id,
            scheme: XDSUUID.submissionSetAuthor,
            code: "",
            id: uuid(100 + number)
        )
        authorClassification.setSlot("authorPerson", values: [author])
        object.addClassification(authorClassification)
        var contentClassification = classification(
            of: id,
            scheme: XDSUUID.submissionSetContentTypeCode,
            code: contentType.code,
            id: uuid(110 + number)
        )
        contentClassification.setSlot("codingScheme", values: [contentType.scheme])
        object.addClassification(contentClassification)
        if marker {
            object.addClassification(classification(of: id, node: XDSUUID.submissionSet, id: uuid(120 + number)))
        }
        object.setExternalIdentifier(
            scheme: XDSUUID.submissionSetUniqueID,
            value: "1.2.826.0.1.3680043.10.1001.6.\(number)",
            id: uuid(130 + number),
            name: "XDSSubmissionSet.uniqueId"
        )
        object.setExternalIdentifier(
            scheme: XDSUUID.submissionSetSourceID,
            value: "1.2.826.0.1.3680043.10.1001.9.\(number)",
            id: uuid(140 + number),
            name: "XDSSubmissionSet.sourceId"
        )
        object.setExternalIdentifier(
            scheme: XDSUUID.submissionSetPatientID,
            value: patient.rawValue,
            id: uuid(150 + number),
            name: "XDSSubmissionSet.patientId"
        )
        return object
    }

    static func folder(_ id: String, lastUpdateTime: String, codes: [CodedValue]) -> RegistryObject {
        var object = RegistryObject(kind: .registryPackage, id: id)
        object.home = home
        object.objectType = "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:RegistryPackage"
        object.status = AvailabilityStatus.approved.rawValue
        object.setSlot("lastUpdateTime", values: [lastUpdateTime])
        for (offset, code) in codes.enumerated() {
            var classification = classification(
                of: id,
                scheme: XDSUUID.folderCodeList,
                code: code.code,
                id: uuid(160 + offset)
            )
            classification.setSlot("codingScheme", values: [code.scheme])
            object.addClassification(classification)
        }
        object.addClassification(classification(of: id, node: XDSUUID.folder, id: uuid(170)))
        object.setExternalIdentifier(
            scheme: XDSUUID.folderUniqueID,
            value: "1.2.826.0.1.3680043.10.1001.10.1",
            id: uuid(171),
            name: "XDSFolder.uniqueId"
        )
        object.setExternalIdentifier(
            scheme: XDSUUID.folderPatientID,
            value: patient.rawValue,
            id: uuid(172),
            name: "XDSFolder.patientId"
        )
        return object
    }

    static func classification(of object: String, scheme: String, code: String, id: String) -> RegistryObject {
        RegistryObject(
            MetadataElement(
                rim: "Classification",
                [
                    "id": id, "objectType": XDSUUID.classificationObjectType, "classificationScheme": scheme,
                    "classifiedObject": object, "nodeRepresentation": code,
                ]
            )
        )
    }

    static func classification(of object: String, node: String, id: String) -> RegistryObject {
        RegistryObject(
            MetadataElement(
                rim: "Classification",
                [
                    "id": id, "objectType": XDSUUID.classificationObjectType, "classifiedObject": object,
                    "classificationNode": node,
                ]
            )
        )
    }

    static func association(_ id: String, _ type: AssociationType, _ source: String, _ target: String) -> RegistryObject
    {
        var object = RegistryObject(
            MetadataElement(
                rim: "Association",
                [
                    "id": id, "objectType": "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Association",
                    "associationType": type.rawValue, "sourceObject": source, "targetObject": target,
                ]
            )
        )
        if type == .hasMember { object.setSlot("SubmissionSetStatus", values: ["Original"]) }
        return object
    }

    // MARK: Requests

    /// `'text'`, quotes doubled.
    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// `('a','b')`.
    static func list(_ texts: [String]) -> String { "(" + texts.map(quoted).joined(separator: ",") + ")" }

    static func code(_ value: CodedValue) -> String { value.code + "^^" + value.scheme }

    /// One Slot per pair, its single Value as given (already encoded).
    static func query(
        _ storedQuery: StoredQuery,
        _ slots: [(String, String)],
        returnType: ReturnType = .leafClass,
        home: HomeCommunityID? = nil
    ) -> CrossGatewayQueryRequest {
        CrossGatewayQueryRequest(
            storedQuery,
            parameters: slots.map { QueryParameter(name: $0.0, values: [$0.1]) },
            returnType: returnType,
            home: home
        )
    }

    /// FindDocuments for patient P with Approved, plus `extra` slots.
    static func findDocuments(
        _ extra: [(String, String)] = [],
        returnType: ReturnType = .leafClass
    ) -> CrossGatewayQueryRequest {
        query(
            .findDocuments,
            [
                ("$XDSDocumentEntryPatientId", quoted(patient.rawValue)),
                ("$XDSDocumentEntryStatus", list([AvailabilityStatus.approved.rawValue])),
            ] + extra,
            returnType: returnType
        )
    }

    static let bothStatuses = list([AvailabilityStatus.approved.rawValue, AvailabilityStatus.deprecated.rawValue])
}

extension CrossGatewayQueryResponse {
    /// The `id`s of the returned objects, in order.
    var ids: [String] { registryObjects.map { $0.element.attribute("id") ?? "?" } }
}
