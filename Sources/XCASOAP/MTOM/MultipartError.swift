/// An error reading or writing MIME multipart / MTOM / XOP data (RFC 2045, RFC 2046 §5.1, RFC 2387, XOP 1.0).
///
/// Equality compares the ``code`` only, so tests and callers can match on the kind of failure while the message keeps
/// the detail. Messages never contain header values or body bytes, only structural facts (part numbers, sizes, limits)
/// and Content-IDs, which are opaque MIME identifiers.
public struct MultipartError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong. An open set of constants, so new codes can be added without breaking callers.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        // MARK: Content-Type (RFC 2045 §5.1, RFC 7231 §3.1.1.1)
        /// A Content-Type value is not `type/subtype *(; name=value)`, or a value cannot be represented.
        public static let malformedContentType = Code(rawValue: "malformedContentType")
        /// The same parameter name appears twice in a Content-Type (names compare case-insensitively).
        public static let duplicateParameter = Code(rawValue: "duplicateParameter")
        /// A multipart Content-Type has no `boundary` parameter (RFC 2046 §5.1.1: it is mandatory).
        public static let missingBoundary = Code(rawValue: "missingBoundary")
        /// The boundary is empty, too long or contains characters RFC 2046 §5.1.1 does not allow.
        public static let invalidBoundary = Code(rawValue: "invalidBoundary")
        /// The body's media type cannot be read as MTOM: a multipart type other than `multipart/related`.
        public static let unsupportedMediaType = Code(rawValue: "unsupportedMediaType")

        // MARK: Multipart structure (RFC 2046 §5.1.1)
        /// A part's header block is not a list of `name: value` lines.
        public static let malformedHeader = Code(rawValue: "malformedHeader")
        /// A boundary delimiter is followed by something other than transport padding and a line break, or `--`.
        public static let malformedDelimiter = Code(rawValue: "malformedDelimiter")
        /// The input ended before the close delimiter `--boundary--` (inside headers, a body or a delimiter line).
        public static let truncated = Code(rawValue: "truncated")
        /// The body holds no part: no boundary delimiter at all, or the close delimiter comes first.
        public static let noParts = Code(rawValue: "noParts")

        // MARK: Limits (``MultipartLimits``)
        /// More preamble before the first delimiter than ``MultipartLimits/maxPreambleSize``.
        public static let preambleTooLarge = Code(rawValue: "preambleTooLarge")
        /// A part's header block is larger than ``MultipartLimits/maxHeaderBlockSize``.
        public static let headerBlockTooLarge = Code(rawValue: "headerBlockTooLarge")
        /// A part has more header fields than ``MultipartLimits/maxHeadersPerPart``.
        public static let tooManyHeaders = Code(rawValue: "tooManyHeaders")
        /// The message has more parts than ``MultipartLimits/maxParts``.
        public static let tooManyParts = Code(rawValue: "tooManyParts")
        /// A part's body is larger than ``MultipartLimits/maxPartSize``.
        public static let partTooLarge = Code(rawValue: "partTooLarge")
        /// The root part (the SOAP envelope) is larger than ``MultipartLimits/maxRootPartSize``.
        public static let rootPartTooLarge = Code(rawValue: "rootPartTooLarge")

        // MARK: MTOM / XOP (XOP 1.0 §3, RFC 2387, RFC 2392)
        /// The part named by the `start` parameter is not in the message.
        public static let rootPartNotFound = Code(rawValue: "rootPartNotFound")
        /// A Content-ID is empty or contains characters a Content-ID cannot hold.
        public static let invalidContentID = Code(rawValue: "invalidContentID")
        /// An attachment (a part other than the root) has no Content-ID, so nothing can refer to it.
        public static let missingContentID = Code(rawValue: "missingContentID")
        /// Two parts carry the same Content-ID, so an `xop:Include` naming it would be ambiguous.
        public static let duplicateContentID = Code(rawValue: "duplicateContentID")
        /// An `xop:Include` names a Content-ID that no part of the package carries.
        public static let unknownContentID = Code(rawValue: "unknownContentID")
        /// An `xop:Include/@href` is not a `cid:` URL (RFC 2392).
        public static let invalidXOPHref = Code(rawValue: "invalidXOPHref")
        /// A `%` escape in a `cid:` URL is not `%` followed by two hexadecimal digits, or decodes to invalid UTF-8.
        public static let malformedPercentEncoding = Code(rawValue: "malformedPercentEncoding")
        /// A part uses a Content-Transfer-Encoding other than `binary`, `8bit` or `7bit` (MTOM sends binary parts).
        public static let unsupportedTransferEncoding = Code(rawValue: "unsupportedTransferEncoding")
        /// The reader's methods were called out of order (for example ``MTOMReader/readRootPart()`` twice).
        public static let readOutOfOrder = Code(rawValue: "readOutOfOrder")
    }

    public let code: Code
    public let message: String
    public let file: String
    public let line: Int

    public init(_ code: Code, _ message: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
    }

    /// True for the codes that report a configured ``MultipartLimits`` value being exceeded (HTTP 413 material).
    public var isLimitExceeded: Bool {
        switch code {
        case .preambleTooLarge, .headerBlockTooLarge, .tooManyHeaders, .tooManyParts, .partTooLarge, .rootPartTooLarge:
            true
        default:
            false
        }
    }

    public var description: String { "MultipartError.\(code): \(message) (\(file):\(line))" }

    public static func == (lhs: MultipartError, rhs: MultipartError) -> Bool { lhs.code == rhs.code }
}
