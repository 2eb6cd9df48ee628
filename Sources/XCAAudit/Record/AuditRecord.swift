import Foundation

/// One audit event, the canonical value both serialisations are written from (audit.md §8): one per transaction leg ×
/// patient × outcome class. Made by ``RequestAudit/records()``; serialised by ``AuditEventWriter``.
public struct AuditRecord: Sendable, Hashable {
    /// `AuditEvent.id`: a lowercase random UUID minted with the record (the idempotency and dedupe key, audit.md §7).
    public var id: String
    /// `AuditEvent.recorded`: when the gateway received the request.
    public var recorded: Date
    public var transaction: AuditedTransaction
    public var role: AuditRole
    public var outcome: AuditOutcome
    /// `AuditEvent.outcomeDesc`: `Failure; <errorCode>@<location>; …` — error codes and locations only, never a
    /// `codeContext`.
    public var outcomeDescription: String?
    /// The request's transaction id (`entity[transaction]`): the inbound `wsa:MessageID`'s UUID, else one minted;
    /// shared by every event of the request.
    public var transactionID: String
    /// The SOAP action of the request (responder) or of the leg (initiator): `entity[endpoint].detail
    /// [interactionIdentifier]`. Nil when a refused request named none the gateway serves.
    public var interaction: String?
    /// The end user (XUA), when the request named one.
    public var user: XUAIdentity?
    /// The calling system (its certificate and address).
    public var caller: AuditCaller
    /// On an initiator-role event, the community called.
    public var community: AuditCommunity?
    /// On an initiator-role event, the leg's own `wsa:MessageID`, when known.
    public var legMessageID: String?
    /// The gateway endpoint the request came in on (`/xca`, `/xcai`), as a URL.
    public var gatewayEndpoint: String
    public var patient: AuditPatient?
    public var subject: AuditSubject

    public init(
        id: String,
        recorded: Date,
        transaction: AuditedTransaction,
        role: AuditRole,
        outcome: AuditOutcome,
        outcomeDescription: String?,
        transactionID: String,
        interaction: String?,
        user: XUAIdentity?,
        caller: AuditCaller,
        community: AuditCommunity?,
        legMessageID: String?,
        gatewayEndpoint: String,
        patient: AuditPatient?,
        subject: AuditSubject
    ) {
        self.id = id
        self.recorded = recorded
        self.transaction = transaction
        self.role = role
        self.outcome = outcome
        self.outcomeDescription = outcomeDescription
        self.transactionID = transactionID
        self.interaction = interaction
        self.user = user
        self.caller = caller
        self.community = community
        self.legMessageID = legMessageID
        self.gatewayEndpoint = gatewayEndpoint
        self.patient = patient
        self.subject = subject
    }

    /// The requesting organisation for the journal's index: the XUA organisation's ODS code (else its id), else the
    /// caller certificate's organisation.
    public var organisation: String? {
        user?.odsCode ?? user?.organizationID ?? caller.organisation
    }
}
