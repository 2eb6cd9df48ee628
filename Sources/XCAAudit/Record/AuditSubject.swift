/// What an event's request was about, beyond the patient: the IHE participant objects (audit.md §3, §8.2).
public enum AuditSubject: Sendable, Hashable {
    /// A request refused before its body was read.
    case none
    /// ITI-38: the query parameters.
    case query(AuditQuery)
    /// ITI-39: the documents requested.
    case documents([AuditDocument])
    /// RAD-75 / RAD-69: the studies requested.
    case studies([AuditStudy])
}
