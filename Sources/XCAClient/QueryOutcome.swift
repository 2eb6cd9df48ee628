import XCAModel

/// The answer to an ITI-38 query: its status and RegistryErrors (as sent: a community that was unavailable is an
/// `XDSUnavailableCommunity` at that community's homeCommunityId), the registry objects, and the rows built from
/// them.
public struct QueryOutcome: Sendable {
    public var response: CrossGatewayQueryResponse
    /// One per DocumentEntry, SubmissionSet and Folder, in the answer's order.
    public var rows: [QueryRow]

    public init(response: CrossGatewayQueryResponse) {
        self.response = response
        self.rows = response.registryObjects.compactMap(QueryRow.init)
    }

    public var status: ResponseStatus { response.status }
    public var errors: [RegistryError] { response.errors }
}
