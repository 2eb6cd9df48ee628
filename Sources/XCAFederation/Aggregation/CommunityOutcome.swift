import XCAModel

/// How one community's leg ended, as the aggregator sees it (architecture rule 5: expected outcomes are values).
/// Reasons are short English for people; they never carry patient data.
public enum CommunityOutcome: Sendable, Hashable {
    /// The community answered with a readable response, whatever its status; `errors` are its RegistryErrors and
    /// `resultCount` the objects or documents it returned.
    case answered(errors: [RegistryError], resultCount: Int)
    /// No answer: timeout, connection refused, TLS failure, reset, HTTP 5xx without SOAP, circuit open.
    case unavailable(reason: String)
    /// The community answered with a SOAP Fault.
    case faulted(reason: String)
    /// The community's answer could not be read.
    case malformed(reason: String)
}
