import XCAModel

/// One outbound leg of a request — the gateway, as Initiating Gateway, calling one community's Responding Gateway —
/// and how it ended: the facts of one (or, for a PartialSuccess answer, two) initiator-role events (audit.md §8.1).
/// The query a query leg sent is the caller's, with the community's homeCommunityId as its `home` detail.
public struct AuditLeg: Sendable, Hashable {
    /// How a leg ended, as the gateway classified it (the shape of XCAFederation's `CommunityOutcome`).
    public enum Result: Sendable, Hashable {
        /// The community answered with a readable response: its status and RegistryErrors (XDSUnknownPatientId
        /// included, although the merged response drops it: audit.md §8.3).
        case answered(ResponseStatus, errors: [RegistryError])
        /// No answer: timeout, connection refused, TLS failure, HTTP status without SOAP, circuit open.
        case unavailable
        /// The community answered with a SOAP Fault.
        case faulted
        /// The community's answer could not be read.
        case malformed
    }

    public var community: AuditCommunity
    public var result: Result
    /// The DocumentRequests the leg carried (ITI-39 legs).
    public var documents: [DocumentRequest]
    /// The RAD-75 request the leg carried (imaging legs).
    public var imaging: RetrieveImagingDocumentSetRequest?
    /// The DocumentUniqueIds (SOP Instance UIDs for imaging) the leg delivered: what succeeded of a retrieve.
    public var retrieved: Set<DocumentUniqueID>
    /// The leg's own `wsa:MessageID`, when known (`entity[endpoint].detail`).
    public var messageID: String?

    public init(
        community: AuditCommunity,
        result: Result,
        documents: [DocumentRequest] = [],
        imaging: RetrieveImagingDocumentSetRequest? = nil,
        retrieved: Set<DocumentUniqueID> = [],
        messageID: String? = nil
    ) {
        self.community = community
        self.result = result
        self.documents = documents
        self.imaging = imaging
        self.retrieved = retrieved
        self.messageID = messageID
    }

    /// An ITI-38 leg.
    public static func query(_ community: AuditCommunity, result: Result, messageID: String? = nil) -> AuditLeg {
        AuditLeg(community: community, result: result, messageID: messageID)
    }

    /// An ITI-39 leg with the documents it asked for and those it delivered.
    public static func retrieve(
        _ community: AuditCommunity,
        documents: [DocumentRequest],
        retrieved: Set<DocumentUniqueID>,
        result: Result,
        messageID: String? = nil
    ) -> AuditLeg {
        AuditLeg(community: community, result: result, documents: documents, retrieved: retrieved, messageID: messageID)
    }

    /// A RAD-75 leg with the request it sent and the SOP instances it delivered.
    public static func imagingRetrieve(
        _ community: AuditCommunity,
        request: RetrieveImagingDocumentSetRequest,
        retrieved: Set<DocumentUniqueID>,
        result: Result,
        messageID: String? = nil
    ) -> AuditLeg {
        AuditLeg(community: community, result: result, imaging: request, retrieved: retrieved, messageID: messageID)
    }
}
