import XCAModel

/// A community's Responding Gateway the gateway called: the peer agent of an initiator-role event (ITI TF-2
/// 3.18.5.1.1: the Destination's UserID is its SOAP endpoint URI, network type 5).
public struct AuditCommunity: Sendable, Hashable {
    public var homeCommunityID: HomeCommunityID
    /// The SOAP endpoint URL called.
    public var endpoint: String
    /// The community's name in the gateway's directory, for the agent's display.
    public var name: String?

    public init(homeCommunityID: HomeCommunityID, endpoint: String, name: String? = nil) {
        self.homeCommunityID = homeCommunityID
        self.endpoint = endpoint
        self.name = name
    }
}
