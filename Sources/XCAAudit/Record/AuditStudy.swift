import XCAModel

/// A RAD-75 / RAD-69 study entity (DICOM PS3.15 A.5.3.6 "Studies": type 2, role 3; identifier type DCM 110180
/// Study Instance UID, system `urn:dicom:uid`, value `urn:oid:<UID>`): details for its series, repositories and
/// home communities, and the FHIR `auditevent-NumberOfInstances` extension = the SOP instances requested.
public struct AuditStudy: Sendable, Hashable {
    public var studyInstanceUID: StudyInstanceUID
    /// The series requested, in request order, each once.
    public var series: [SeriesInstanceUID]
    /// The repositories (Imaging Document Sources) of the instances, each once.
    public var repositories: [RepositoryUniqueID]
    /// The home communities of the instances, each once.
    public var homeCommunityIDs: [HomeCommunityID]
    /// How many SOP instances (DocumentRequests) of this study the event covers.
    public var instanceCount: Int

    public init(
        studyInstanceUID: StudyInstanceUID,
        series: [SeriesInstanceUID],
        repositories: [RepositoryUniqueID],
        homeCommunityIDs: [HomeCommunityID],
        instanceCount: Int
    ) {
        self.studyInstanceUID = studyInstanceUID
        self.series = series
        self.repositories = repositories
        self.homeCommunityIDs = homeCommunityIDs
        self.instanceCount = instanceCount
    }
}
