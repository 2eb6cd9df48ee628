/// How a partner departs from the profile, and what the gateway does about it (protocol.md §2.5 "real partners are
/// inconsistent … normalise", §6.3).
public struct CommunityQuirks: Sendable, Hashable {
    /// Objects answered without `home` get the community's homeCommunityId stamped. `true`: silently; `false`: also
    /// report XDSMissingHomeCommunityId, as ITI TF-2 3.38.4.1.3 asks of an Initiating Gateway.
    public var stampMissingHome: Bool
    /// Accept retrieve answers carrying the document inline as base64 instead of an MTOM attachment.
    public var acceptInlineDocuments: Bool
    /// Split retrieve legs so that each carries at most this many DocumentRequests (`nil` = no limit; values below 1
    /// count as 1).
    public var maxDocumentsPerRetrieve: Int?

    public init(stampMissingHome: Bool = true, acceptInlineDocuments: Bool = true, maxDocumentsPerRetrieve: Int? = nil)
    {
        self.stampMissingHome = stampMissingHome
        self.acceptInlineDocuments = acceptInlineDocuments
        self.maxDocumentsPerRetrieve = maxDocumentsPerRetrieve
    }
}
