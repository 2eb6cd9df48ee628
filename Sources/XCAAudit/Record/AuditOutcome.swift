/// `AuditEvent.outcome` (FHIR R4, required binding `audit-event-outcome`) as this gateway uses it (audit.md §8.3).
public enum AuditOutcome: Int, Sendable, Hashable, CaseIterable {
    /// The action succeeded, with warnings or not (zero results included).
    case success = 0
    /// A requester-side failure (≈ HTTP 400): an unknown patient or community, a bad stored query, the failed part
    /// of a PartialSuccess, a SOAP Sender fault.
    case minorFailure = 4
    /// A remote or system failure (≈ HTTP 500): a community unavailable, a registry or repository error, a SOAP
    /// Receiver fault, an answer that could not be read.
    case seriousFailure = 8
    /// The gateway itself became unavailable (a recovered record of an aborted request).
    case majorFailure = 12

    /// The code as FHIR writes it.
    public var code: String { String(rawValue) }
}
