import XCAModel

/// Builds the registry objects around DocumentEntries as a registry stores them and ITI-38 returns them:
/// SubmissionSets (RegistryPackage classified as a SubmissionSet) and Associations (HasMember, RPLC), each with
/// `home` (ITI TF-2 3.38.4.1.3) and ids derived from names.
enum FixtureRegistry {
    static let registryPackageObjectType = "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:RegistryPackage"
    static let associationObjectType = "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Association"
    static let hasMember = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember"
    /// Replace (ITI TF-3 4.2.2.2 (≈)): the source DocumentEntry replaces the target, which becomes Deprecated.
    static let replace = "urn:ihe:iti:2007:AssociationType:RPLC"
    static let submissionSetAuthor = "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d"
    static let submissionSetContentTypeCode = "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500"

    /// A SubmissionSet RegistryPackage (ITI TF-3 4.2.3.3, 4.2.5 (≈)).
    static func submissionSet(
        id: EntryUUID,
        uniqueID: String,
        sourceID: String,
        patientID: PatientID,
        submissionTime: String,
        title: String,
        authorInstitution: String,
        contentType: CodedValue,
        home: HomeCommunityID
    ) -> RegistryObject {
        let identifier = id.rawValue
        var package = MetadataElement(
            rim: "RegistryPackage",
            [
                "id": identifier,
                "home": home.rawValue,
                "objectType": registryPackageObjectType,
                "status": AvailabilityStatus.approved.rawValue,
            ]
        )
        package.children.append(.element(Slot(name: "submissionTime", values: [submissionTime]).element))
        package.children.append(.element(localized("Name", title)))
        var author = MetadataElement(
            rim: "Classification",
            [
                "id": FixtureUID.entryUUID(identifier, "author").rawValue,
                "objectType": XDSUUID.classificationObjectType,
                "classificationScheme": submissionSetAuthor,
                "classifiedObject": identifier,
                "nodeRepresentation": "",
            ]
        )
        author.children.append(.element(Slot(name: "authorInstitution", values: [authorInstitution]).element))
        package.children.append(.element(author))
        var content = MetadataElement(
            rim: "Classification",
            [
                "id": FixtureUID.entryUUID(identifier, "contentTypeCode").rawValue,
                "objectType": XDSUUID.classificationObjectType,
                "classificationScheme": submissionSetContentTypeCode,
                "classifiedObject": identifier,
                "nodeRepresentation": contentType.code,
            ]
        )
        content.children.append(.element(Slot(name: "codingScheme", values: [contentType.scheme]).element))
        if let displayName = contentType.displayName {
            content.children.append(.element(localized("Name", displayName)))
        }
        package.children.append(.element(content))
        package.children.append(
            .element(
                MetadataElement(
                    rim: "Classification",
                    [
                        "id": FixtureUID.entryUUID(identifier, "submissionSet").rawValue,
                        "objectType": XDSUUID.classificationObjectType,
                        "classifiedObject": identifier,
                        "classificationNode": XDSUUID.submissionSet,
                    ]
                )
            )
        )
        for (scheme, value, name) in [
            (XDSUUID.submissionSetUniqueID, uniqueID, "XDSSubmissionSet.uniqueId"),
            (XDSUUID.submissionSetSourceID, sourceID, "XDSSubmissionSet.sourceId"),
            (XDSUUID.submissionSetPatientID, patientID.rawValue, "XDSSubmissionSet.patientId"),
        ] {
            package.children.append(
                .element(
                    MetadataElement(
                        rim: "ExternalIdentifier",
                        [
                            "id": FixtureUID.entryUUID(identifier, scheme).rawValue,
                            "objectType": XDSUUID.externalIdentifierObjectType,
                            "identificationScheme": scheme,
                            "value": value,
                            "registryObject": identifier,
                        ],
                        children: [.element(localized("Name", name))]
                    )
                )
            )
        }
        return RegistryObject(package)
    }

    /// An Association; HasMember from a SubmissionSet carries `SubmissionSetStatus` = Original.
    static func association(
        id: EntryUUID,
        type: String,
        source: EntryUUID,
        target: EntryUUID,
        home: HomeCommunityID
    ) -> RegistryObject {
        var association = MetadataElement(
            rim: "Association",
            [
                "id": id.rawValue,
                "home": home.rawValue,
                "objectType": associationObjectType,
                "status": AvailabilityStatus.approved.rawValue,
                "associationType": type,
                "sourceObject": source.rawValue,
                "targetObject": target.rawValue,
            ]
        )
        if type == hasMember {
            association.children.append(.element(Slot(name: "SubmissionSetStatus", values: ["Original"]).element))
        }
        return RegistryObject(association)
    }

    /// The DocumentEntry as its ExtrinsicObject with `lid` = `id` (first version) and the `sourcePatientInfo`
    /// slot (PID-3, PID-5, PID-7, PID-8 of the source patient, ITI TF-3 4.2.3.2.24 (≈)).
    static func extrinsicObject(_ entry: DocumentEntry, sourcePatientInfo: [String]) -> RegistryObject {
        var object = entry.registryObject()
        object.element.attributes.insert(MetadataAttribute("lid", entry.entryUUID.rawValue), at: 1)
        object.setSlot("sourcePatientInfo", values: sourcePatientInfo)
        return object
    }

    static func localized(_ localName: String, _ value: String) -> MetadataElement {
        MetadataElement(rim: localName, children: [.element(MetadataElement(rim: "LocalizedString", ["value": value]))])
    }
}
