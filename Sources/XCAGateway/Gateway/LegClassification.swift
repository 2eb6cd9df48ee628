import XCABinding
import XCAFederation
import XCASOAP
import XCATransport
import XCAXML

/// Turns what happened on a leg into the federation's ``CommunityOutcome`` — the one place where transport, SOAP and
/// parsing failures are classified (protocol.md §2.5, §6.1): no answer (timeout, refused, TLS, reset, HTTP status
/// without SOAP, circuit open) → unavailable → XDSUnavailableCommunity; a SOAP Fault → XDSRegistryError; an answer
/// that cannot be read → XDSRegistryError. Reasons are for the caller and the operator: they name what went wrong,
/// never a payload (a partner's fault text is not repeated: it could carry anything).
enum LegClassification {
    static func outcome<Value>(_ leg: LegOutcome<Value>) -> CommunityOutcome? {
        switch leg {
        case .completed: nil
        case .failed(let error, _): outcome(failure: error)
        case .timedOut(let elapsed): .unavailable(reason: "no answer within \(Self.seconds(elapsed))")
        case .rejected: .unavailable(reason: "skipped: its circuit is open after repeated failures")
        }
    }

    static func outcome(failure error: any Error) -> CommunityOutcome {
        switch error {
        case let fault as SOAPFault:
            .faulted(reason: "answered with a SOAP \(fault.code.rawValue) fault")
        case let transport as TransportError:
            .unavailable(reason: reason(transport))
        case let gateway as GatewayError:
            switch gateway.code {
            case .httpStatus: .unavailable(reason: gateway.message)
            case .notSOAP: .malformed(reason: gateway.message)
            default: .unavailable(reason: gateway.message)
            }
        case let relay as RetrieveRelayError:
            relay.code == .httpStatus ? .unavailable(reason: relay.message) : .malformed(reason: "answer unreadable: \(relay.message)")
        case is XMLError, is BindingError, is MultipartError:
            .malformed(reason: "answer unreadable")
        case is CancellationError:
            .unavailable(reason: "cancelled")
        default:
            .unavailable(reason: "no answer")
        }
    }

    private static func reason(_ error: TransportError) -> String {
        switch error.code {
        case .connect, .connectionFailed: "connection refused or failed"
        case .tlsHandshake: "TLS handshake failed"
        case .deadlineExceeded: "no answer before the deadline"
        case .bodyTruncated: "connection lost mid-answer"
        case .bodyTooLarge: "answer larger than the configured maximum"
        case .httpStatus: "unexpected HTTP status"
        case .shutdown, .cancelled: "cancelled"
        default: "transport failure (\(error.code))"
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let ms = Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
        return ms >= 1_000 ? "\((ms / 100).rounded() / 10) s" : "\(Int(ms.rounded())) ms"
    }
}
