import XCABinding
import XCAModel
import XCASOAP
import XCAXML

extension RetrieveRelayError {
    /// The same error with the community named in its message (homeCommunityIds are not patient data), for
    /// failures during the relay, where the integrator cannot tell the legs apart otherwise.
    func naming(_ community: HomeCommunityID) -> RetrieveRelayError {
        RetrieveRelayError(
            code,
            "the answer of \(community): \(message)",
            httpStatus: httpStatus,
            file: file,
            line: line
        )
    }

    /// The relay error for a multipart problem of a community's answer: ``Code/truncated`` when it ended early,
    /// ``Code/tooLarge`` for a limit, ``Code/malformed`` otherwise. The multipart message (structural facts and
    /// Content-IDs only) is kept.
    init(_ error: MultipartError, file: String = #fileID, line: Int = #line) {
        let code: Code =
            switch error.code {
            case .truncated: .truncated
            case _ where error.isLimitExceeded: .tooLarge
            default: .malformed
            }
        self.init(code, "the answer's MTOM package: \(error.message)", file: file, line: line)
    }

    /// The error to throw for `error`, raised while reading a community's answer: multipart, XML and binding
    /// errors become relay errors; relay errors, the community's ``SOAPFault`` and the body sequence's own errors
    /// (transport failures, cancellation) are returned unchanged.
    static func translating(_ error: any Error, file: String = #fileID, line: Int = #line) -> any Error {
        switch error {
        case let error as MultipartError:
            RetrieveRelayError(error, file: file, line: line)
        case let error as XMLError:
            RetrieveRelayError(.malformed, "the answer's root part: \(error.description)", file: file, line: line)
        case let error as BindingError:
            RetrieveRelayError(.malformed, "the answer's root part: \(error.description)", file: file, line: line)
        default:
            error
        }
    }
}
