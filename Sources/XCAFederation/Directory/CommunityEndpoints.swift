/// The URLs of a community's Responding Gateway, one per transaction it offers (`nil` = not offered). Kept as
/// strings: parsing and TLS are the transport's business.
public struct CommunityEndpoints: Sendable, Hashable {
    /// ITI-38 Cross Gateway Query (ITI TF-2 3.38).
    public var query: String?
    /// ITI-39 Cross Gateway Retrieve (ITI TF-2 3.39).
    public var retrieve: String?
    /// RAD-75 Cross Gateway Retrieve Imaging Document Set (RAD TF-3 4.75).
    public var imagingRetrieve: String?

    public init(query: String? = nil, retrieve: String? = nil, imagingRetrieve: String? = nil) {
        self.query = query
        self.retrieve = retrieve
        self.imagingRetrieve = imagingRetrieve
    }
}
