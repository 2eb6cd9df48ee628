extension GatewayConfiguration {
    /// A community's https endpoints (`communities[i].endpoints`); at least one is given.
    package struct EndpointSettings: Sendable, Hashable {
        /// Cross Gateway Query, ITI-38 (`/xca` on the fixtures).
        package var query: String?
        /// Cross Gateway Retrieve, ITI-39 (often the same URL as `query`).
        package var retrieve: String?
        /// Cross-Community Retrieve Imaging Document Set, RAD-75 (`/xcai` on the fixtures).
        package var imagingRetrieve: String?

        package init(query: String? = nil, retrieve: String? = nil, imagingRetrieve: String? = nil) {
            self.query = query
            self.retrieve = retrieve
            self.imagingRetrieve = imagingRetrieve
        }

        /// `true` when no endpoint is given.
        package var isEmpty: Bool { query == nil && retrieve == nil && imagingRetrieve == nil }
    }
}
