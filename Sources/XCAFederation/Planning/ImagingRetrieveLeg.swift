import XCAModel

/// One RAD-75 request to one community: only its studies, series and DocumentRequests, in the consumer's order,
/// with the consumer's TransferSyntaxUIDList unchanged.
public struct ImagingRetrieveLeg: Sendable, Hashable {
    public var community: Community
    public var request: RetrieveImagingDocumentSetRequest

    public init(community: Community, request: RetrieveImagingDocumentSetRequest) {
        self.community = community
        self.request = request
    }
}
