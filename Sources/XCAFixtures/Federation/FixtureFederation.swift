import XCAModel

/// The synthetic federation the fixture Responding Gateways serve: imaging communities, each behind its own
/// Responding Gateway, and the synthetic patients they hold data for (NHS numbers from the 999 test range).
public struct FixtureFederation: Sendable {
    public var communities: [FixtureCommunity]
    public var patients: [FixturePatient]

    public init(communities: [FixtureCommunity], patients: [FixturePatient]) {
        self.communities = communities
        self.patients = patients
    }

    /// The community named `name` (the `--community NAME` of `fixtures serve`).
    public func community(named name: String) -> FixtureCommunity? {
        communities.first { $0.name == name }
    }
}
