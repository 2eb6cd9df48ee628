import Foundation

/// One rendered FHIR R4 AuditEvent as the journal stores it: the JSON to deliver, verbatim, plus the few facts the
/// outbox indexes for delivery and for the privacy officer's reports (audit.md §5: Patient Access Report, User Access
/// Report). The JSON is final when the envelope is made: delivery and export never re-render it.
public struct AuditEnvelope: Sendable, Hashable {
    /// The AuditEvent's `id` (a lowercase UUID, minted when the record is made): the idempotency key for
    /// `PUT [base]/AuditEvent/{id}` and the dedupe key for at-least-once delivery (audit.md §7).
    public var id: String
    /// `AuditEvent.recorded`: when the gateway received the request.
    public var recorded: Date
    /// The IHE transaction audited ("ITI-38", "ITI-39", "RAD-75", "RAD-69"), or "unknown" for a request refused
    /// before its transaction was known.
    public var transaction: String
    public var role: AuditRole
    /// `AuditEvent.outcome`: 0, 4, 8 or 12.
    public var outcome: Int
    /// The patient's NHS number when known (the index behind `audit report patient`); never logged.
    public var patient: String?
    /// The end user (SDS user id or the XUA NameID) when the request carried one (`audit report user`).
    public var user: String?
    /// The requesting organisation (ODS code from XUA, else the caller certificate's organisation).
    public var organisation: String?
    /// The inbound request's transaction id (its wsa:MessageID, or one the gateway minted): shared by the events of
    /// one request (PartialSuccess pairs, the initiator legs).
    public var requestID: String
    /// Where the event goes: responder-role events to the remote sinks (PARS), initiator-role events stay in the local
    /// store (audit.md §8.1: PARS only receives the leg that carries the end user's request).
    public var destination: AuditDestination
    /// The FHIR R4 AuditEvent, UTF-8 JSON, one line (no newline inside).
    public var json: [UInt8]
    /// The bytes of ``json`` that the request's other events hold too, byte for byte (for ITI-38: the `source`, the
    /// patient and transaction entities and the query entity up to its base64 query): a journal may store them once
    /// per request. nil when nothing is shared. A hint only: a journal that uses it must check the bytes are equal.
    public var shared: Range<Int>?

    public init(
        id: String,
        recorded: Date,
        transaction: String,
        role: AuditRole,
        outcome: Int,
        patient: String?,
        user: String?,
        organisation: String?,
        requestID: String,
        destination: AuditDestination,
        json: [UInt8],
        shared: Range<Int>? = nil
    ) {
        self.id = id
        self.recorded = recorded
        self.transaction = transaction
        self.role = role
        self.outcome = outcome
        self.patient = patient
        self.user = user
        self.organisation = organisation
        self.requestID = requestID
        self.destination = destination
        self.json = json
        self.shared = shared.flatMap { $0.lowerBound >= 0 && $0.upperBound <= json.count ? $0 : nil }
    }
}

/// The gateway's role in the audited exchange (audit.md §8.1).
public enum AuditRole: String, Sendable, Hashable, CaseIterable {
    /// The gateway answering a caller (PACS, viewer, remote Initiating Gateway).
    case responder
    /// The gateway calling a community's Responding Gateway (one event per leg).
    case initiator
}

/// Where a journalled event is delivered.
public enum AuditDestination: String, Sendable, Hashable, CaseIterable {
    /// To every remote sink (PARS) and kept locally.
    case remote
    /// Kept in the local store only (and in local file sinks).
    case local
}
