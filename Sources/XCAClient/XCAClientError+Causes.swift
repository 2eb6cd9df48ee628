import XCABinding
import XCASOAP
import XCATransport
import XCAXML

extension XCAClientError {
    /// The client error for whatever a call to `host` (`host:port`) threw: the one place where transport, TLS,
    /// SOAP and parsing failures become what the user reads.
    static func translating(_ error: any Error, host: String) -> XCAClientError {
        switch error {
        case let error as XCAClientError:
            error
        case let fault as SOAPFault:
            XCAClientError(.soapFault, "\(host) answered with a SOAP \(fault.code.rawValue) fault: \(fault.reason)")
        case let transport as TransportError:
            translating(transport, host: host)
        case let multipart as MultipartError:
            XCAClientError(
                .malformedAnswer,
                "the answer from \(host) is not a readable MTOM package: \(multipart.message)"
            )
        case let binding as BindingError:
            XCAClientError(.malformedAnswer, "the answer from \(host) cannot be read: \(binding.message)")
        case let xml as XMLError:
            XCAClientError(.malformedAnswer, "the answer from \(host) is not readable XML: \(xml)")
        case is CancellationError:
            XCAClientError(.cancelled, "the call to \(host) was cancelled")
        default:
            XCAClientError(.malformedAnswer, "the exchange with \(host) failed (\(type(of: error)))")
        }
    }

    private static func translating(_ error: TransportError, host: String) -> XCAClientError {
        switch error.code {
        case .connect:
            XCAClientError(
                .connect,
                "cannot connect to \(host): connection refused or host unreachable (is the gateway running?)"
            )
        case .tlsHandshake:
            handshake(error.message, host: host)
        case .tlsConfiguration:
            XCAClientError(.tlsConfiguration, error.message)
        case .deadlineExceeded:
            XCAClientError(.timeout, "no answer from \(host) before the timeout")
        case .httpStatus:
            XCAClientError(.httpStatus, error.message)
        case .bodyTruncated:
            XCAClientError(.transfer, "the connection to \(host) broke before the answer was complete")
        case .connectionFailed
        where error.message.contains("BoringSSL") || error.message.uppercased().contains("ALERT_"):
            // Under TLS 1.3 the client finishes its side of the handshake before the server has checked its
            // certificate, so a refusal arrives as a TLS alert on the first read.
            XCAClientError(
                .tlsHandshake,
                "TLS with \(host) failed after the handshake: the gateway refused this client's certificate (--cert) (not issued by a CA it trusts, expired, or without clientAuth)"
            )
        case .connectionFailed:
            XCAClientError(.transfer, "the exchange with \(host) failed: the connection closed or broke")
        case .bodyTooLarge:
            XCAClientError(.malformedAnswer, "the answer from \(host) is larger than the client accepts")
        case .cancelled, .shutdown:
            XCAClientError(.cancelled, "the call to \(host) was cancelled")
        default:
            XCAClientError(.transfer, "the exchange with \(host) failed (\(error.code))")
        }
    }

    /// A failed handshake, saying which side refused whose certificate when BoringSSL's reason tells: a verify
    /// failure is this client refusing the gateway's certificate; an alert is the gateway refusing the client's.
    static func handshake(_ reason: String, host: String) -> XCAClientError {
        let upper = reason.uppercased()
        if reason.contains("does not name the host") {
            return XCAClientError(
                .tlsHandshake,
                "TLS with \(host) failed: this client refused the gateway's certificate, which does not name \(host)"
            )
        }
        if upper.contains("CERTIFICATE_VERIFY_FAILED") {
            return XCAClientError(
                .tlsHandshake,
                "TLS with \(host) failed: this client refused the gateway's certificate (not issued by a CA in --ca, expired or not yet valid)"
            )
        }
        let alert = upper.split { !($0.isLetter || $0.isNumber || $0 == "_") }.first { $0.contains("ALERT_") }
        if let alert {
            let name =
                alert.split(separator: "ALERT_", maxSplits: 1).last.map {
                    $0.lowercased().replacingOccurrences(of: "_", with: " ")
                } ?? ""
            return XCAClientError(
                .tlsHandshake,
                "TLS with \(host) failed: the gateway refused this client's certificate (--cert) with the alert '\(name)' (not issued by a CA it trusts, expired, or without clientAuth)"
            )
        }
        return XCAClientError(.tlsHandshake, "TLS with \(host) failed: \(reason)")
    }
}
