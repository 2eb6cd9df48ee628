import XCABinding
import XCAModel

/// What the request pipeline needs to know, beyond the communities: the gateway's own homeCommunityId, deadlines
/// and size limits. The defaults run (they are the documented configuration defaults).
package struct GatewaySettings: Sendable {
    /// The gateway's own homeCommunityId: the `location` of the RegistryErrors it raises itself
    /// (ITI TF-2 3.38.4.1.3).
    package var homeCommunityID: HomeCommunityID
    /// One overall deadline per ITI-38 request; each leg also has its community's timeout.
    package var queryDeadline: Duration
    /// The largest answer accepted from one community for a query.
    package var maxQueryResponseBytes: Int
    /// Which merged objects count as duplicates.
    package var deduplication: QueryResponseMerger.Deduplication
    /// Retrieves: the deadline until every community's answer has begun (its SOAP root part has arrived).
    package var retrieveDeadline: Duration
    /// Retrieves: the whole streamed transfer of one community's answer.
    package var transferTimeout: Duration
    /// The largest SOAP root part of a community's retrieve answer (inline base64 documents live there).
    package var maxInlineBytes: Int
    /// Where retrieve legs that cannot stay open are spooled (nil: the system's temporary directory).
    package var spoolDirectory: String?
    /// The largest request accepted from a caller (the transport refuses larger ones first).
    package var maxRequestBytes: Int

    package init(
        homeCommunityID: HomeCommunityID,
        queryDeadline: Duration = .seconds(20),
        maxQueryResponseBytes: Int = 64 << 20,
        deduplication: QueryResponseMerger.Deduplication = .byIDAndHome,
        retrieveDeadline: Duration = .seconds(30),
        transferTimeout: Duration = .seconds(3_600),
        maxInlineBytes: Int = 64 << 20,
        spoolDirectory: String? = nil,
        maxRequestBytes: Int = 16 << 20
    ) {
        self.homeCommunityID = homeCommunityID
        self.queryDeadline = queryDeadline
        self.maxQueryResponseBytes = maxQueryResponseBytes
        self.deduplication = deduplication
        self.retrieveDeadline = retrieveDeadline
        self.transferTimeout = transferTimeout
        self.maxInlineBytes = maxInlineBytes
        self.spoolDirectory = spoolDirectory
        self.maxRequestBytes = maxRequestBytes
    }
}
