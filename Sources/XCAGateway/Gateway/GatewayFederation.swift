import XCAFederation
import XCAModel

/// The federation as one request sees it from start to end: the pipeline's settings, the community directory and
/// each community's link (endpoints, timeout, cap, quirks, TLS). Immutable: a configuration reload
/// (``Gateway/install(_:)``) puts a new one in place, and requests already running finish on the one they took.
package final class GatewayFederation: Sendable {
    package let settings: GatewaySettings
    package let directory: CommunityDirectory
    let links: [HomeCommunityID: CommunityLink]

    package init(settings: GatewaySettings, links: [CommunityLink]) throws {
        self.settings = settings
        self.directory = try CommunityDirectory(links.map(\.community))
        var byID: [HomeCommunityID: CommunityLink] = [:]
        for link in links { byID[link.community.homeCommunityID] = link }
        self.links = byID
    }

    /// The link of a community of this federation.
    package func link(_ id: HomeCommunityID) -> CommunityLink? { links[id] }
}
