extension DocumentEntry {
    static let referenceIdListSlot = "urn:ihe:iti:xds:2013:referenceIdList"

    /// The XDS.b DocumentEntry ExtrinsicObject (ITI TF-3 4.2.5.2 (≈)), children in ebRIM order: Slot*, Name?,
    /// Classification* (author, classCode, confidentialityCode*, eventCodeList*, formatCode,
    /// healthcareFacilityTypeCode, practiceSettingCode, typeCode), ExternalIdentifier* (patientId, uniqueId).
    /// Sub-object ids are derived deterministically from the entryUUID.
    public func registryObject() -> RegistryObject {
        let id = entryUUID.rawValue
        var attributes = [MetadataAttribute("id", id)]
        if let home { attributes.append(MetadataAttribute("home", home.rawValue)) }
        attributes.append(MetadataAttribute("objectType", entryType.rawValue))
        attributes.append(MetadataAttribute("status", status.rawValue))
        attributes.append(MetadataAttribute("mimeType", mimeType))

        var children: [MetadataNode] = []
        func slot(_ name: String, _ values: [String]) {
            if !values.isEmpty { children.append(.element(Slot(name: name, values: values).element)) }
        }
        func slot(_ name: String, _ value: String?) {
            if let value { slot(name, [value]) }
        }
        slot("creationTime", creationTime)
        slot("hash", hash)
        slot("languageCode", languageCode)
        slot("repositoryUniqueId", repositoryUniqueID?.rawValue)
        slot("serviceStartTime", serviceStartTime)
        slot("serviceStopTime", serviceStopTime)
        slot("size", size.map(String.init))
        slot("sourcePatientId", sourcePatientID?.rawValue)
        slot(Self.referenceIdListSlot, referenceIdList)
        if let title {
            children.append(.element(Self.localized("Name", title)))
        }

        if authorPerson != nil || !authorInstitution.isEmpty {
            var author = MetadataElement(rim: "Classification", [
                "id": DerivedUUID.make(id, XDSUUID.documentEntryAuthor),
                "objectType": XDSUUID.classificationObjectType,
                "classificationScheme": XDSUUID.documentEntryAuthor,
                "classifiedObject": id,
                "nodeRepresentation": "",
            ])
            if let authorPerson { author.children.append(.element(Slot(name: "authorPerson", values: [authorPerson]).element)) }
            if !authorInstitution.isEmpty {
                author.children.append(.element(Slot(name: "authorInstitution", values: authorInstitution).element))
            }
            children.append(.element(author))
        }
        func coded(_ scheme: String, _ values: [CodedValue]) {
            for (index, value) in values.enumerated() {
                var classification = MetadataElement(rim: "Classification", [
                    "id": DerivedUUID.make(id, scheme, index),
                    "objectType": XDSUUID.classificationObjectType,
                    "classificationScheme": scheme,
                    "classifiedObject": id,
                    "nodeRepresentation": value.code,
                ])
                classification.children.append(.element(Slot(name: "codingScheme", values: [value.scheme]).element))
                if let displayName = value.displayName {
                    classification.children.append(.element(Self.localized("Name", displayName)))
                }
                children.append(.element(classification))
            }
        }
        coded(XDSUUID.documentEntryClassCode, classCode.map { [$0] } ?? [])
        coded(XDSUUID.documentEntryConfidentialityCode, confidentialityCodes)
        coded(XDSUUID.documentEntryEventCodeList, eventCodes)
        coded(XDSUUID.documentEntryFormatCode, formatCode.map { [$0] } ?? [])
        coded(XDSUUID.documentEntryHealthcareFacilityTypeCode, healthcareFacilityTypeCode.map { [$0] } ?? [])
        coded(XDSUUID.documentEntryPracticeSettingCode, practiceSettingCode.map { [$0] } ?? [])
        coded(XDSUUID.documentEntryTypeCode, typeCode.map { [$0] } ?? [])

        func external(_ scheme: String, _ value: String, _ name: String) {
            var identifier = MetadataElement(rim: "ExternalIdentifier", [
                "id": DerivedUUID.make(id, scheme),
                "objectType": XDSUUID.externalIdentifierObjectType,
                "identificationScheme": scheme,
                "value": value,
                "registryObject": id,
            ])
            identifier.children.append(.element(Self.localized("Name", name)))
            children.append(.element(identifier))
        }
        external(XDSUUID.documentEntryPatientID, patientID.rawValue, "XDSDocumentEntry.patientId")
        external(XDSUUID.documentEntryUniqueID, uniqueID.rawValue, "XDSDocumentEntry.uniqueId")

        return RegistryObject(MetadataElement(name: .rim("ExtrinsicObject"), attributes: attributes, children: children))
    }

    /// Reads a DocumentEntry ExtrinsicObject. `nil` unless it is an ExtrinsicObject with an `id`, a `mimeType`, a
    /// DocumentEntry objectType (absent is read as stable) and the uniqueId and patientId external identifiers.
    public init?(_ object: RegistryObject) {
        guard object.kind == .extrinsicObject,
            let entryUUID = object.id,
            let mimeType = object.mimeType,
            let uniqueID = object.externalIdentifierValue(scheme: XDSUUID.documentEntryUniqueID),
            let patientID = object.externalIdentifierValue(scheme: XDSUUID.documentEntryPatientID)
        else { return nil }
        let entryType: DocumentEntryType
        if let objectType = object.objectType {
            guard let type = DocumentEntryType(objectType: objectType) else { return nil }
            entryType = type
        } else {
            entryType = .stable
        }
        func codes(_ scheme: String) -> [CodedValue] {
            object.classifications(scheme: scheme).map { classification in
                CodedValue(
                    code: classification.nodeRepresentation ?? "",
                    scheme: classification.slotValues(named: "codingScheme").first ?? "",
                    displayName: classification.name
                )
            }
        }
        let author = object.classifications(scheme: XDSUUID.documentEntryAuthor).first
        self.init(
            entryUUID: entryUUID,
            uniqueID: DocumentUniqueID(rawValue: uniqueID),
            patientID: PatientID(rawValue: patientID),
            mimeType: mimeType,
            sourcePatientID: object.sourcePatientID,
            home: object.home,
            status: object.status.map(AvailabilityStatus.init(rawValue:)) ?? .approved,
            entryType: entryType,
            title: object.name,
            classCode: codes(XDSUUID.documentEntryClassCode).first,
            typeCode: codes(XDSUUID.documentEntryTypeCode).first,
            practiceSettingCode: codes(XDSUUID.documentEntryPracticeSettingCode).first,
            formatCode: codes(XDSUUID.documentEntryFormatCode).first,
            healthcareFacilityTypeCode: codes(XDSUUID.documentEntryHealthcareFacilityTypeCode).first,
            confidentialityCodes: codes(XDSUUID.documentEntryConfidentialityCode),
            eventCodes: codes(XDSUUID.documentEntryEventCodeList),
            creationTime: object.creationTime,
            serviceStartTime: object.slotValues(named: "serviceStartTime").first,
            serviceStopTime: object.slotValues(named: "serviceStopTime").first,
            authorInstitution: author?.slotValues(named: "authorInstitution") ?? [],
            authorPerson: author?.slotValues(named: "authorPerson").first,
            hash: object.slotValues(named: "hash").first,
            size: object.slotValues(named: "size").first.flatMap { Int($0) },
            repositoryUniqueID: object.repositoryUniqueID,
            languageCode: object.slotValues(named: "languageCode").first,
            referenceIdList: object.slotValues(named: Self.referenceIdListSlot)
        )
    }

    private static func localized(_ localName: String, _ value: String) -> MetadataElement {
        MetadataElement(rim: localName, children: [.element(MetadataElement(rim: "LocalizedString", ["value": value]))])
    }
}
