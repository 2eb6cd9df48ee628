/// One `xdsb:DocumentRequest` (ITI TF-2 3.39.4.1.2; also inside an `xdsi:SeriesRequest` of RAD-69/RAD-75, where the
/// DocumentUniqueId is a SOP Instance UID).
public struct DocumentRequest: Hashable, Sendable {
    /// Required in ITI-39 and RAD-75 (ITI TF-2 3.39.1); optional in RAD-69.
    public var homeCommunityID: HomeCommunityID?
    public var repositoryUniqueID: RepositoryUniqueID
    public var documentUniqueID: DocumentUniqueID

    public init(homeCommunityID: HomeCommunityID?, repositoryUniqueID: RepositoryUniqueID, documentUniqueID: DocumentUniqueID) {
        self.homeCommunityID = homeCommunityID
        self.repositoryUniqueID = repositoryUniqueID
        self.documentUniqueID = documentUniqueID
    }
}
