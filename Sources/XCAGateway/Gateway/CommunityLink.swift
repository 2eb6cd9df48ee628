import XCAFederation
import XCATransport

/// A community as the gateway reaches it: the directory's record and the TLS the gateway uses towards it (its own
/// client identity for that community and the CAs it trusts there).
package struct CommunityLink: Sendable {
    package var community: Community
    /// nil only for a disabled community whose TLS files could not be used (the configuration check warns); such
    /// a community is listed for operators and never called.
    package var tls: CommunityTLS?

    package init(community: Community, tls: CommunityTLS?) {
        self.community = community
        self.tls = tls
    }
}
