import XCAModel

/// The wording shared by the planners' codeContexts. Values are named only when they are well-formed identifiers,
/// so a request that smuggles other text into an identifier field does not get it echoed.
enum Describe {
    /// `urn:oid:1.2.3`, or "(malformed)".
    static func homeCommunityID(_ id: HomeCommunityID) -> String {
        id.isValid ? id.rawValue : "(malformed)"
    }

    /// `DocumentUniqueId 1.2.3`: an XDS uniqueId or a SOP Instance UID, never patient data.
    static func document(_ request: DocumentRequest) -> String {
        let id = request.documentUniqueID
        guard id.isValid || SOPInstanceUID(id).isValid else { return "a malformed DocumentUniqueId" }
        return "DocumentUniqueId \(id.rawValue)"
    }

    /// Why an enabled-and-configured check fails, or `nil` when the community can be asked.
    static func unavailability(of community: Community, endpoint: String?, transaction: String) -> String? {
        if !community.isEnabled { return "the community is disabled" }
        if endpoint == nil { return "the community offers no \(transaction) endpoint" }
        return nil
    }
}
