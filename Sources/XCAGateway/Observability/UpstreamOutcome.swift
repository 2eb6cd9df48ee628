import XCAFederation
import XCAModel
import XCATransport

/// How one call (leg) to a community ended — the `outcome` label of `xca_upstream_requests_total`:
/// - `success`, `partial_success`, `failure`: the community answered with a readable response of that status
///   (derived from its own RegistryErrors and results; a community that does not know the patient answers Failure);
/// - `timeout`: no answer within the community's timeout or the request's deadline;
/// - `unavailable`: no answer for another reason (connection refused or reset, TLS handshake failed, an HTTP
///   status without SOAP);
/// - `error`: the community answered with a SOAP Fault, or with an answer that could not be read;
/// - `circuit_open`: not called: its circuit is open after repeated failures;
/// - `cancelled`: the caller went away, or the gateway shut down, before the community answered.
package enum UpstreamOutcome: String, Sendable, Hashable, CaseIterable {
    case success
    case partialSuccess = "partial_success"
    case failure
    case timeout
    case unavailable
    case error
    case circuitOpen = "circuit_open"
    case cancelled

    /// The outcome of `leg`, whose answer the gateway judged `outcome` (``LegClassification``).
    package static func of<Value>(_ leg: LegOutcome<Value>, judged outcome: CommunityOutcome) -> UpstreamOutcome {
        switch leg {
        case .rejected: return .circuitOpen
        case .timedOut: return .timeout
        case .failed(let error, _):
            switch error {
            case is CancellationError: return .cancelled
            case let transport as TransportError where transport.code == .cancelled || transport.code == .shutdown:
                return .cancelled
            case let transport as TransportError where transport.code == .deadlineExceeded:
                return .timeout
            default: break
            }
        case .completed: break
        }
        switch outcome {
        case .answered(let errors, let resultCount):
            switch ResponseStatus.derive(errors: errors, hasResults: resultCount > 0) {
            case .success: return .success
            case .partialSuccess: return .partialSuccess
            case .failure: return .failure
            }
        case .unavailable: return .unavailable
        case .faulted, .malformed: return .error
        }
    }

    var index: Int {
        switch self {
        case .success: 0
        case .partialSuccess: 1
        case .failure: 2
        case .timeout: 3
        case .unavailable: 4
        case .error: 5
        case .circuitOpen: 6
        case .cancelled: 7
        }
    }
}
