import Foundation
import XCABinding
import XCAModel
import XCASOAP

/// The audit of one request, filled in by the gateway's pipeline as it learns things, then turned into its events
/// (audit.md §8): the responder-role event(s) for the caller's request — two for a PartialSuccess, one per
/// patient — and the initiator-role event(s) of every leg the gateway sent on.
///
/// In order:
/// 1. ``AuditCreator/begin(received:caller:endpoint:)`` when the request arrives;
/// 2. ``decoded(_:envelope:)`` once it is decoded — or ``refused(_:action:)`` when it is answered with a SOAP fault
///    before that;
/// 3. ``add(_:)`` for each leg, once it has ended;
/// 4. ``finish(status:errors:retrieved:)`` with the status and RegistryErrors of the response;
/// 5. ``envelopes()`` for the journal (or ``records()`` for the values).
///
/// Never throws and never fails the request: what cannot be had (a user whose header cannot be read, a patient no
/// lookup knows) is left out of the events.
public struct RequestAudit: Sendable {
    let creator: AuditCreator
    /// When the request was received: `recorded` of every event.
    public let received: Date
    public let caller: AuditCaller
    public let endpoint: GatewayEndpoint?
    /// The request's transaction id: the inbound `wsa:MessageID`'s UUID once decoded, else a minted UUID.
    public private(set) var transactionID: String
    /// What the request's WS-Security header said about the end user; ``XUAReading/problem`` is for the log.
    public private(set) var user: XUAReading = .absent

    struct Decoded: Sendable {
        var transaction: Transaction
        var request: InboundRequest
        var query: AuditQuery?
        /// ITI-38: the patients of the query (see ``queryPatients(_:)``), found once.
        var queryPatients: [AuditPatient?]
        /// ITI-38: the patient the query's `$XDSDocumentEntryPatientId` names.
        var namedPatient: AuditPatient?
    }

    struct Refusal: Sendable {
        var code: SOAPFault.Code
        var subcode: String?
        var attempted: Transaction?
    }

    struct Final: Sendable {
        var status: ResponseStatus
        var errors: [RegistryError]
        var retrieved: Set<DocumentUniqueID>?
    }

    private(set) var decoded: Decoded?
    private(set) var refusal: Refusal?
    private(set) var legs: [AuditLeg] = []
    private(set) var final: Final?

    init(creator: AuditCreator, received: Date, caller: AuditCaller, endpoint: GatewayEndpoint?) {
        self.creator = creator
        self.received = received
        self.caller = caller
        self.endpoint = endpoint
        self.transactionID = AuditUUID.random()
    }

    /// The request was decoded. `envelope` is the SOAP envelope's bytes (the MTOM root part's): ITI-38 cuts its
    /// `AdhocQueryRequest` element from them. Reads the XUA user from the header's kept WS-Security block.
    public mutating func decoded(_ request: DecodedRequest, envelope: [UInt8]) {
        if let messageID = request.header.addressing.messageID, let uuid = AuditUUID.normalised(messageID) {
            transactionID = uuid
        }
        user = XUAIdentity.read(from: request.header, roleProfileAttributes: creator.settings.roleProfileAttributes)
        var query: AuditQuery?
        var patients: [AuditPatient?] = []
        var named: AuditPatient?
        if case .crossGatewayQuery(let model) = request.request {
            query = AuditQuery(queryID: model.queryID, request: QueryElement.cut(from: envelope) ?? [], homeCommunityID: model.home)
            named = model.patientID.flatMap(AuditPatient.init(patientID:))
            patients = named.map { [$0] } ?? queryPatients(model)
        }
        decoded = Decoded(
            transaction: request.transaction,
            request: request.request,
            query: query,
            queryPatients: patients,
            namedPatient: named
        )
        refusal = nil
    }

    /// The request was answered with `fault` before it was decoded. `action` is the SOAP action it named, when the
    /// gateway saw one (the MTOM `action` parameter of its Content-Type): it names the transaction attempted.
    /// Outcome 4 for a fault of the sender (Sender, VersionMismatch, MustUnderstand, DataEncodingUnknown), 8 for
    /// a Receiver fault.
    public mutating func refused(_ fault: SOAPFault, action: String? = nil) {
        var attempted = action.flatMap(Transaction.init(requestAction:))
        if let endpoint, let named = attempted, !endpoint.transactions.contains(named) { attempted = nil }
        refusal = Refusal(code: fault.code, subcode: fault.subcodes.first?.localName, attempted: attempted)
        decoded = nil
    }

    /// ITI-38: the NHS number the query names, when it names a valid one (read once, when the request was
    /// decoded): the patient of the answer's entries that name none.
    public var queryNHSNumber: NHSNumber? {
        decoded?.namedPatient?.nhsNumber
    }

    /// A leg has ended.
    public mutating func add(_ leg: AuditLeg) {
        legs.append(leg)
    }

    /// The response's status and RegistryErrors. `retrieved`: the DocumentUniqueIds (SOP Instance UIDs for
    /// imaging) the response delivered; nil for the union of the legs' ``AuditLeg/retrieved``.
    public mutating func finish(status: ResponseStatus, errors: [RegistryError], retrieved: Set<DocumentUniqueID>? = nil) {
        final = Final(status: status, errors: errors, retrieved: retrieved)
    }

    /// The request was cut off before its response was released (its caller went away, or the gateway's shutdown
    /// cancelled it): whatever ``finish(status:errors:retrieved:)`` said, its events record it as aborted (8).
    public mutating func abort() {
        final = nil
    }

    /// The journal envelopes of ``records()``.
    public func envelopes() -> [AuditEnvelope] {
        envelopes(of: records())
    }

    /// The journal envelopes of `records` (events of this request).
    func envelopes(of records: [AuditRecord]) -> [AuditEnvelope] {
        guard let first = records.first else { return [] }
        // Every event of a request has the same user, organisation and caller: their agents are written once.
        let party = creator.writer.partyAgents(first)
        // …and the source and entities they share once (copied into the next events: ``AuditEventWriter.SharedPart``).
        var shared: AuditEventWriter.SharedPart?
        return records.map { creator.envelope($0, party: party, shared: &shared) }
    }
}
