import XCAModel

/// What an ITI-38 request becomes: the communities to ask, in directory order, and the errors the gateway reports
/// itself (for communities it will not ask, or for a request it cannot route).
public struct QueryPlan: Sendable {
    /// The communities to send the query to, each once, in configured order.
    public var legs: [Community]
    /// RegistryErrors for the response (ITI TF-2 3.38.4.1.3); their `location` is the gateway's homeCommunityId for
    /// errors about the request and the community's for errors about a community.
    public var errors: [RegistryError]

    public init(legs: [Community], errors: [RegistryError]) {
        self.legs = legs
        self.errors = errors
    }
}
