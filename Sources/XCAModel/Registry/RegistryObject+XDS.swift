extension RegistryObject {
    /// The XDS uniqueId: of a DocumentEntry (ExtrinsicObject), or of a SubmissionSet or Folder (RegistryPackage).
    public var uniqueID: DocumentUniqueID? {
        switch kind {
        case .extrinsicObject:
            externalIdentifierValue(scheme: XDSUUID.documentEntryUniqueID).map(DocumentUniqueID.init(rawValue:))
        case .registryPackage:
            (externalIdentifierValue(scheme: XDSUUID.submissionSetUniqueID)
                ?? externalIdentifierValue(scheme: XDSUUID.folderUniqueID)).map(DocumentUniqueID.init(rawValue:))
        default:
            nil
        }
    }

    /// The XDS patientId: of a DocumentEntry (ExtrinsicObject), or of a SubmissionSet or Folder (RegistryPackage).
    public var patientID: PatientID? {
        switch kind {
        case .extrinsicObject:
            externalIdentifierValue(scheme: XDSUUID.documentEntryPatientID).map(PatientID.init(rawValue:))
        case .registryPackage:
            (externalIdentifierValue(scheme: XDSUUID.submissionSetPatientID)
                ?? externalIdentifierValue(scheme: XDSUUID.folderPatientID)).map(PatientID.init(rawValue:))
        default:
            nil
        }
    }

    /// Slot `repositoryUniqueId` of a DocumentEntry.
    public var repositoryUniqueID: RepositoryUniqueID? {
        slotValues(named: "repositoryUniqueId").first.map(RepositoryUniqueID.init(rawValue:))
    }

    /// Slot `sourcePatientId` of a DocumentEntry.
    public var sourcePatientID: PatientID? {
        slotValues(named: "sourcePatientId").first.map(PatientID.init(rawValue:))
    }

    /// Slot `creationTime` (HL7 DTM, UTC) of a DocumentEntry.
    public var creationTime: String? {
        slotValues(named: "creationTime").first
    }

    /// `true` for an ExtrinsicObject whose objectType is a stable or on-demand DocumentEntry.
    public var isDocumentEntry: Bool {
        guard kind == .extrinsicObject, let objectType else { return false }
        return DocumentEntryType(objectType: objectType) != nil
    }

    // MARK: Classification, ExternalIdentifier and Association attributes

    /// `@classificationScheme` of a Classification.
    public var classificationScheme: String? {
        get { element.attribute("classificationScheme") }
        set { element.setAttribute("classificationScheme", to: newValue) }
    }

    /// `@classificationNode` of a Classification.
    public var classificationNode: String? {
        get { element.attribute("classificationNode") }
        set { element.setAttribute("classificationNode", to: newValue) }
    }

    /// `@classifiedObject` of a Classification.
    public var classifiedObject: String? {
        get { element.attribute("classifiedObject") }
        set { element.setAttribute("classifiedObject", to: newValue) }
    }

    /// `@nodeRepresentation` of a Classification (the code of a coded value).
    public var nodeRepresentation: String? {
        get { element.attribute("nodeRepresentation") }
        set { element.setAttribute("nodeRepresentation", to: newValue) }
    }

    /// `@associationType` of an Association.
    public var associationType: String? {
        get { element.attribute("associationType") }
        set { element.setAttribute("associationType", to: newValue) }
    }

    /// `@sourceObject` of an Association.
    public var sourceObject: String? {
        get { element.attribute("sourceObject") }
        set { element.setAttribute("sourceObject", to: newValue) }
    }

    /// `@targetObject` of an Association.
    public var targetObject: String? {
        get { element.attribute("targetObject") }
        set { element.setAttribute("targetObject", to: newValue) }
    }
}
