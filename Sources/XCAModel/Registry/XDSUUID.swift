/// The fixed UUIDs of the XDS.b metadata model: object types, classification schemes and external identifier schemes
/// (ITI TF-3 4.2.5 (≈), Table 4.2.5-1 (≈)). Verified against the NIST sample `nist_sq-resp-leafclass.xml`.
public enum XDSUUID {
    // MARK: DocumentEntry object types
    /// Stable DocumentEntry (`objectType` of the ExtrinsicObject).
    public static let stableDocumentEntry = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1"
    /// On-demand DocumentEntry.
    public static let onDemandDocumentEntry = "urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248"

    // MARK: DocumentEntry classification schemes
    public static let documentEntryAuthor = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d"
    public static let documentEntryClassCode = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a"
    public static let documentEntryConfidentialityCode = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f"
    public static let documentEntryEventCodeList = "urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4"
    public static let documentEntryFormatCode = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d"
    public static let documentEntryHealthcareFacilityTypeCode = "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1"
    public static let documentEntryPracticeSettingCode = "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead"
    public static let documentEntryTypeCode = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983"

    // MARK: DocumentEntry external identifier schemes
    public static let documentEntryUniqueID = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab"
    public static let documentEntryPatientID = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427"

    // MARK: SubmissionSet
    /// Classification node that marks a RegistryPackage as a SubmissionSet.
    public static let submissionSet = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd"
    public static let submissionSetUniqueID = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8"
    public static let submissionSetPatientID = "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446"
    public static let submissionSetSourceID = "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832"

    // MARK: Folder
    /// Classification node that marks a RegistryPackage as a Folder.
    public static let folder = "urn:uuid:d9d542f3-6cc4-48b6-8870-ea235fbc94c2"
    public static let folderUniqueID = "urn:uuid:75df8f67-9973-4fbe-a900-df66cefecc5a"
    public static let folderPatientID = "urn:uuid:f64ffdf0-4b97-4e06-b79f-a52b38ec2f8a"

    // MARK: ebRIM object types
    public static let classificationObjectType = "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification"
    public static let externalIdentifierObjectType = "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:ExternalIdentifier"
}
