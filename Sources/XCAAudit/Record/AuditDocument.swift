import XCAModel

/// An ITI-39 document entity (ITI TF-2 3.43.6.1 "Document": type 2, role 3 Report): the DocumentUniqueId in
/// `what`, details "Repository Unique ID" and "ihe:homeCommunityID" (the literal detail names of ITI TF-2 Table
/// 3.43.6.1.1).
public struct AuditDocument: Sendable, Hashable {
    public var documentUniqueID: DocumentUniqueID
    public var repositoryUniqueID: RepositoryUniqueID
    public var homeCommunityID: HomeCommunityID?

    public init(documentUniqueID: DocumentUniqueID, repositoryUniqueID: RepositoryUniqueID, homeCommunityID: HomeCommunityID?) {
        self.documentUniqueID = documentUniqueID
        self.repositoryUniqueID = repositoryUniqueID
        self.homeCommunityID = homeCommunityID
    }

    public init(_ request: DocumentRequest) {
        self.init(
            documentUniqueID: request.documentUniqueID,
            repositoryUniqueID: request.repositoryUniqueID,
            homeCommunityID: request.homeCommunityID
        )
    }
}
