import XCAModel

/// How the gateway answered a request on `/xca` or `/xcai` — the `outcome` label of `xca_requests_total`:
/// - `success`, `partial_success`, `failure`: a registry response with that status (ITI TF-3 4.2.4.2), merged from
///   the communities' answers, or Failure for a request refused for its content with RegistryErrors (no patient
///   id, a bad query parameter…) before any community was called;
/// - `fault`: a SOAP Fault instead of a registry response — the request could not be read or dispatched
///   (malformed SOAP or MTOM, unknown or mismatched wsa:Action, too large: Sender faults), or the gateway failed
///   while answering it (the caller went away mid-request, an internal error);
/// - `refused`: a SOAP Receiver fault because the gateway would not serve it: its audit trail cannot be written
///   (no audit, no access), whether refused on arrival or with its answer withheld.
package enum RequestOutcome: String, Sendable, Hashable, CaseIterable {
    case success
    case partialSuccess = "partial_success"
    case failure
    case fault
    case refused

    package init(_ status: ResponseStatus) {
        switch status {
        case .success: self = .success
        case .partialSuccess: self = .partialSuccess
        case .failure: self = .failure
        }
    }

    var index: Int {
        switch self {
        case .success: 0
        case .partialSuccess: 1
        case .failure: 2
        case .fault: 3
        case .refused: 4
        }
    }
}
