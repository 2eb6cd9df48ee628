/// One `xdsb:DocumentResponse` of a RetrieveDocumentSetResponse (ITI TF-2 3.39.4.2.2; RAD-69/RAD-75 use the same).
public struct DocumentResponse: Hashable, Sendable {
    public var homeCommunityID: HomeCommunityID?
    public var repositoryUniqueID: RepositoryUniqueID
    public var documentUniqueID: DocumentUniqueID
    /// On-Demand Documents option: where the persisted copy was stored.
    public var newRepositoryUniqueID: RepositoryUniqueID?
    /// On-Demand Documents option: the uniqueId of the persisted copy.
    public var newDocumentUniqueID: DocumentUniqueID?
    /// `xdsb:mimeType`; `application/dicom` for imaging instances.
    public var mimeType: String
    public var content: DocumentContent

    public init(
        homeCommunityID: HomeCommunityID?,
        repositoryUniqueID: RepositoryUniqueID,
        documentUniqueID: DocumentUniqueID,
        mimeType: String,
        content: DocumentContent,
        newRepositoryUniqueID: RepositoryUniqueID? = nil,
        newDocumentUniqueID: DocumentUniqueID? = nil
    ) {
        self.homeCommunityID = homeCommunityID
        self.repositoryUniqueID = repositoryUniqueID
        self.documentUniqueID = documentUniqueID
        self.mimeType = mimeType
        self.content = content
        self.newRepositoryUniqueID = newRepositoryUniqueID
        self.newDocumentUniqueID = newDocumentUniqueID
    }
}
