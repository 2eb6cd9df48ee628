import XCAModel

/// One ITI-39 request to one community: its DocumentRequests, in the order the consumer sent them.
public struct RetrieveLeg: Sendable, Hashable {
    public var community: Community
    public var documents: [DocumentRequest]

    public init(community: Community, documents: [DocumentRequest]) {
        self.community = community
        self.documents = documents
    }
}
