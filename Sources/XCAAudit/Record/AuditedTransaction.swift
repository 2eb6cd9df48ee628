import XCAModel

/// The transaction an event audits (`AuditEvent.subtype`, system `urn:ihe:event-type-code`).
public enum AuditedTransaction: Sendable, Hashable {
    case known(Transaction)
    /// The request was refused (a SOAP fault) before its body was decoded, so its transaction was never
    /// established. `attempted` is the transaction the request's `wsa:Action` (or MTOM `action` parameter) names,
    /// when it names one the gateway serves.
    ///
    /// Encoded with the subtype code `unknown` (still in the IHE event-type system, so that every event carries
    /// exactly one): claiming `ITI-38` would promise a query entity and a patient that a refused request never
    /// had. The event type and action are those of the attempted transaction, when known, else DICOM 110100
    /// "Application Activity" with action `E`; the attempted SOAP action is in `entity[endpoint].detail`.
    case unknown(attempted: Transaction?)

    /// ``AuditEnvelope/transaction``: `ITI-38`, …, or `unknown`.
    public var name: String {
        switch self {
        case .known(let transaction): transaction.rawValue
        case .unknown: "unknown"
        }
    }

    /// The transaction the request was, or tried to be.
    public var transaction: Transaction? {
        switch self {
        case .known(let transaction): transaction
        case .unknown(let attempted): attempted
        }
    }
}
