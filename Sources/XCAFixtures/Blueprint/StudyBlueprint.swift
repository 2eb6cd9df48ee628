import XCAModel

/// One imaging study a community holds for a patient: where it was performed and is stored, what it is, its series
/// and its report. The generator derives every UID from `key`, so keys must be unique and never reused.
public struct StudyBlueprint: Sendable {
    public var key: String
    /// `PatientBlueprint.key`.
    public var patient: String
    /// `CommunityBlueprint.name`.
    public var community: String
    /// The Imaging Document Source (name within the community) holding the instances.
    public var imagingDocumentSource: String
    /// The document repository (name within the community) holding the KOS manifest.
    public var repository: String
    /// The document repository holding the report(s).
    public var reportRepository: String
    /// `InstitutionBlueprint.key` of the performing institution (DICOM Institution Name, XDS authorInstitution).
    public var performingInstitution: String
    /// DICOM PN of the referring clinician.
    public var referringPhysician: String
    /// `YYYYMMDD` and `HHMM` (UTC) of the study.
    public var date: String
    public var time: String
    public var accessionNumber: String
    /// e.g. "CT Head without contrast": DICOM Study Description, XDS title.
    public var description: String
    /// DICOM Modality of the images, e.g. `CT`.
    public var modality: String
    public var bodyPart: BodyPart
    public var series: [SeriesBlueprint]
    /// The final report, and optionally the preliminary one it replaced (Deprecated, RPLC association).
    public var report: ReportBlueprint
    public var preliminaryReport: ReportBlueprint?
    public var confidentiality: CodedValue
    public var practiceSetting: CodedValue
    public var facilityType: CodedValue

    public init(
        key: String,
        patient: String,
        community: String,
        imagingDocumentSource: String,
        repository: String,
        reportRepository: String? = nil,
        performingInstitution: String,
        referringPhysician: String,
        date: String,
        time: String,
        accessionNumber: String,
        description: String,
        modality: String,
        bodyPart: BodyPart,
        series: [SeriesBlueprint],
        report: ReportBlueprint,
        preliminaryReport: ReportBlueprint? = nil,
        confidentiality: CodedValue = FixtureCodes.normal,
        practiceSetting: CodedValue = FixtureCodes.radiology,
        facilityType: CodedValue = FixtureCodes.hospital
    ) {
        self.key = key
        self.patient = patient
        self.community = community
        self.imagingDocumentSource = imagingDocumentSource
        self.repository = repository
        self.reportRepository = reportRepository ?? repository
        self.performingInstitution = performingInstitution
        self.referringPhysician = referringPhysician
        self.date = date
        self.time = time
        self.accessionNumber = accessionNumber
        self.description = description
        self.modality = modality
        self.bodyPart = bodyPart
        self.series = series
        self.report = report
        self.preliminaryReport = preliminaryReport
        self.confidentiality = confidentiality
        self.practiceSetting = practiceSetting
        self.facilityType = facilityType
    }

    /// The anatomy of a study: the DICOM Body Part Examined (0018,0015) defined term and the SNOMED CT concept
    /// XDS-I.b puts in the eventCodeList.
    public struct BodyPart: Hashable, Sendable {
        public var dicom: String
        public var code: CodedValue

        public init(dicom: String, code: CodedValue) {
            self.dicom = dicom
            self.code = code
        }
    }
}
