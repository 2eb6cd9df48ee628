import XCAModel

/// A community's retrieve answer read up to and including its root part and checked, ready to be merged
/// (``RetrieveResponseComposer``) and relayed (``ComposedRetrieveResponse/write(into:)``).
///
/// Copies share the attachment source: a leg's attachments can be relayed once.
package struct OpenedRetrieveLeg: Sendable {
    /// The community that answered.
    package let community: HomeCommunityID
    /// The community's RetrieveDocumentSetResponse as sent (status, RegistryErrors, DocumentResponses), except that
    /// a DocumentResponse without HomeCommunityId gets the community's (ITI TF-2 3.39.4.2.2: the Responding Gateway
    /// shall return it; protocol facts §6.3: repair partners' answers).
    package let response: RetrieveDocumentSetResponse
    /// Where the attachment bytes come from.
    let source: RetrieveAttachmentSource

    init(community: HomeCommunityID, response: RetrieveDocumentSetResponse, source: RetrieveAttachmentSource) {
        self.community = community
        self.response = response
        self.source = source
    }

    /// Whether the attachments were drained into a spool file (the connection is already released).
    package var isSpooled: Bool {
        if case .spooled = source { return true }
        return false
    }

    /// Bytes held in the spool file (0 unless spooled).
    package var spooledBytes: Int {
        guard case .spooled(_, let attachments) = source else { return 0 }
        return attachments.reduce(0) { $0 + $1.length }
    }
}
