import XCAFederation
import XCATransport

/// A community as the gateway reaches it: the directory's record and the TLS the gateway uses towards it (its own
/// client identity for that community and the CAs it trusts there).
package struct CommunityLink: Sendable {
    package var community: Community
    package var tls: CommunityTLS

    package init(community: Community, tls: CommunityTLS) {
        self.community = community
        self.tls = tls
    }
}
