/// A typed XDS.b DocumentEntry (ITI TF-3 4.2.3.2 (≈)): the attributes the gateway reads and builds. For lossless
/// forwarding keep the `RegistryObject`; this is a view.
///
/// Times are HL7 DTM strings as XDS carries them (`YYYY[MM[DD[hh[mm[ss]]]]]`, UTC). Author: the first author
/// Classification only (person and institutions).
public struct DocumentEntry: Hashable, Sendable {
    public var entryUUID: EntryUUID
    public var uniqueID: DocumentUniqueID
    public var patientID: PatientID
    public var sourcePatientID: PatientID?
    public var home: HomeCommunityID?
    public var mimeType: String
    public var status: AvailabilityStatus
    public var entryType: DocumentEntryType
    public var title: String?
    public var classCode: CodedValue?
    public var typeCode: CodedValue?
    public var practiceSettingCode: CodedValue?
    public var formatCode: CodedValue?
    public var healthcareFacilityTypeCode: CodedValue?
    public var confidentialityCodes: [CodedValue]
    public var eventCodes: [CodedValue]
    public var creationTime: String?
    public var serviceStartTime: String?
    public var serviceStopTime: String?
    public var authorInstitution: [String]
    public var authorPerson: String?
    public var hash: String?
    public var size: Int?
    public var repositoryUniqueID: RepositoryUniqueID?
    public var languageCode: String?
    /// Slot `urn:ihe:iti:xds:2013:referenceIdList` (CXi values).
    public var referenceIdList: [String]

    public init(
        entryUUID: EntryUUID,
        uniqueID: DocumentUniqueID,
        patientID: PatientID,
        mimeType: String,
        sourcePatientID: PatientID? = nil,
        home: HomeCommunityID? = nil,
        status: AvailabilityStatus = .approved,
        entryType: DocumentEntryType = .stable,
        title: String? = nil,
        classCode: CodedValue? = nil,
        typeCode: CodedValue? = nil,
        practiceSettingCode: CodedValue? = nil,
        formatCode: CodedValue? = nil,
        healthcareFacilityTypeCode: CodedValue? = nil,
        confidentialityCodes: [CodedValue] = [],
        eventCodes: [CodedValue] = [],
        creationTime: String? = nil,
        serviceStartTime: String? = nil,
        serviceStopTime: String? = nil,
        authorInstitution: [String] = [],
        authorPerson: String? = nil,
        hash: String? = nil,
        size: Int? = nil,
        repositoryUniqueID: RepositoryUniqueID? = nil,
        languageCode: String? = nil,
        referenceIdList: [String] = []
    ) {
        self.entryUUID = entryUUID
        self.uniqueID = uniqueID
        self.patientID = patientID
        self.mimeType = mimeType
        self.sourcePatientID = sourcePatientID
        self.home = home
        self.status = status
        self.entryType = entryType
        self.title = title
        self.classCode = classCode
        self.typeCode = typeCode
        self.practiceSettingCode = practiceSettingCode
        self.formatCode = formatCode
        self.healthcareFacilityTypeCode = healthcareFacilityTypeCode
        self.confidentialityCodes = confidentialityCodes
        self.eventCodes = eventCodes
        self.creationTime = creationTime
        self.serviceStartTime = serviceStartTime
        self.serviceStopTime = serviceStopTime
        self.authorInstitution = authorInstitution
        self.authorPerson = authorPerson
        self.hash = hash
        self.size = size
        self.repositoryUniqueID = repositoryUniqueID
        self.languageCode = languageCode
        self.referenceIdList = referenceIdList
    }
}
