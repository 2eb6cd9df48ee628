import XCAModel

/// A document a community's repository returns through ITI-39: a radiology report or an imaging manifest (KOS).
public struct FixtureDocument: Sendable {
    public var uniqueID: DocumentUniqueID
    public var repositoryUniqueID: RepositoryUniqueID
    public var mimeType: String
    public var content: FixtureContent

    public init(uniqueID: DocumentUniqueID, repositoryUniqueID: RepositoryUniqueID, mimeType: String, content: FixtureContent) {
        self.uniqueID = uniqueID
        self.repositoryUniqueID = repositoryUniqueID
        self.mimeType = mimeType
        self.content = content
    }
}

/// A DICOM Part-10 instance an Imaging Document Source returns through RAD-69/RAD-75.
public struct FixtureInstance: Sendable {
    public var studyInstanceUID: StudyInstanceUID
    public var seriesInstanceUID: SeriesInstanceUID
    public var sopInstanceUID: SOPInstanceUID
    /// SOP Class UID, e.g. CT Image Storage `1.2.840.10008.5.1.4.1.1.2`.
    public var sopClassUID: String
    /// The Imaging Document Source holding the instance.
    public var repositoryUniqueID: RepositoryUniqueID
    /// The transfer syntaxes this instance can be provided in, each with its bytes (a whole Part-10 file whose
    /// File Meta Information names that syntax). RAD-75 picks the first of the requester's
    /// TransferSyntaxUIDList that is offered here (RAD TF-3 4.69.4.1.2).
    public var renditions: [TransferSyntaxUID: FixtureContent]

    public init(
        studyInstanceUID: StudyInstanceUID,
        seriesInstanceUID: SeriesInstanceUID,
        sopInstanceUID: SOPInstanceUID,
        sopClassUID: String,
        repositoryUniqueID: RepositoryUniqueID,
        renditions: [TransferSyntaxUID: FixtureContent]
    ) {
        self.studyInstanceUID = studyInstanceUID
        self.seriesInstanceUID = seriesInstanceUID
        self.sopInstanceUID = sopInstanceUID
        self.sopClassUID = sopClassUID
        self.repositoryUniqueID = repositoryUniqueID
        self.renditions = renditions
    }
}
