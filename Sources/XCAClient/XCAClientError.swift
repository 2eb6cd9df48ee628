/// Why a client call (ITI-38, ITI-39, RAD-75 towards a gateway) or its local part (input, TLS files, output files)
/// failed. Equality on the code only. Messages say what failed and where (a host and port, a file, an option) and
/// never carry a patient identifier or document content.
public struct XCAClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An open set of codes, so that new ones can be added without breaking callers.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The request was refused before any call: a bad NHS number, a malformed UID or homeCommunityId, a
        /// missing parameter. Nothing was sent.
        public static let invalidInput = Code(rawValue: "invalidInput")
        /// The client certificate, its key or the trusted CAs cannot be used (missing, unreadable, not PEM, key
        /// not matching).
        public static let tlsConfiguration = Code(rawValue: "tlsConfiguration")
        /// No TCP connection: refused, unreachable, or not within the connect timeout.
        public static let connect = Code(rawValue: "connect")
        /// The TLS handshake failed; the message says which side refused whose certificate when that is known.
        public static let tlsHandshake = Code(rawValue: "tlsHandshake")
        /// No answer within the timeout (for a retrieve: its SOAP part did not arrive in time).
        public static let timeout = Code(rawValue: "timeout")
        /// The gateway answered an HTTP status without a SOAP message (404, 502, 503…).
        public static let httpStatus = Code(rawValue: "httpStatus")
        /// The gateway answered with a SOAP Fault (the message carries its code and reason).
        public static let soapFault = Code(rawValue: "soapFault")
        /// The answer cannot be read: not SOAP, not the expected response, broken MTOM, an unreadable manifest.
        public static let malformedAnswer = Code(rawValue: "malformedAnswer")
        /// The connection broke while the answer was streaming.
        public static let transfer = Code(rawValue: "transfer")
        /// A file or directory could not be written.
        public static let output = Code(rawValue: "output")
        /// The call was cancelled.
        public static let cancelled = Code(rawValue: "cancelled")
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

    public var description: String { message }

    public static func == (lhs: XCAClientError, rhs: XCAClientError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
