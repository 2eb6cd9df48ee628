import Foundation
import XCABinding

/// The gateway's Audit Creator (PARS-G; IHE ATNA Secure Application): made once from the settings and shared by every
/// request. ``begin(received:caller:endpoint:)`` starts the audit of one request.
public struct AuditCreator: Sendable {
    public let settings: AuditSettings
    /// Finds the patients of retrieves (usually an ``AuditPatientIndex`` the gateway feeds from ITI-38 answers).
    public let patients: (any AuditPatientResolver)?
    let writer: AuditEventWriter

    public init(settings: AuditSettings, patients: (any AuditPatientResolver)? = nil) {
        self.settings = settings
        self.patients = patients
        self.writer = AuditEventWriter(settings: settings)
    }

    /// Starts the audit of a request the gateway received at `received` from `caller` on `endpoint`.
    public func begin(received: Date, caller: AuditCaller, endpoint: GatewayEndpoint?) -> RequestAudit {
        RequestAudit(creator: self, received: received, caller: caller, endpoint: endpoint)
    }

    /// The event's FHIR R4 AuditEvent JSON (one line): responder-role events in ``AuditSettings/format``,
    /// initiator-role events always IHE/BALP.
    public func json(_ record: AuditRecord) -> [UInt8] {
        writer.json(record)
    }

    /// The journal envelope of an event: its JSON and the fields the outbox indexes.
    public func envelope(_ record: AuditRecord) -> AuditEnvelope {
        var shared: AuditEventWriter.SharedPart?
        return envelope(record, party: nil, shared: &shared)
    }

    func envelope(
        _ record: AuditRecord,
        party: AuditEventWriter.PartyAgents?,
        shared: inout AuditEventWriter.SharedPart?
    ) -> AuditEnvelope {
        let event = writer.event(record, party: party, shared: &shared)
        return AuditEnvelope(
            id: record.id,
            recorded: record.recorded,
            transaction: record.transaction.name,
            role: record.role,
            outcome: record.outcome.rawValue,
            patient: record.patient?.nhsNumber?.rawValue,
            user: record.user?.nameID,
            organisation: record.organisation,
            requestID: record.transactionID,
            destination: record.role == .responder ? .remote : .local,
            json: event.json,
            shared: event.shared
        )
    }
}
