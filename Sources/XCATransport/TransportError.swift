/// An error of the network edge (inbound server or outbound client). Equality on the code only. Messages name the
/// failure and where it happened (a host, a limit); they never carry message content or patient data.
public struct TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong; an open set so that callers can add their own.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// TLS material could not be loaded (unreadable file, not PEM, key does not match).
        public static let tlsConfiguration = Code(rawValue: "tlsConfiguration")
        /// The server could not start listening.
        public static let bind = Code(rawValue: "bind")
        /// The TCP connection could not be made (refused, unreachable, connect timeout).
        public static let connect = Code(rawValue: "connect")
        /// The TLS handshake failed (the message carries the reason: unknown CA, expired, hostname mismatch…).
        public static let tlsHandshake = Code(rawValue: "tlsHandshake")
        /// The call's deadline passed before the exchange finished.
        public static let deadlineExceeded = Code(rawValue: "deadlineExceeded")
        /// The peer answered with an HTTP status the caller did not expect.
        public static let httpStatus = Code(rawValue: "httpStatus")
        /// The connection closed before the body was complete.
        public static let bodyTruncated = Code(rawValue: "bodyTruncated")
        /// A body is larger than the limit allowed for it.
        public static let bodyTooLarge = Code(rawValue: "bodyTooLarge")
        /// The request was not completely read within the server's request timeout.
        public static let requestTimeout = Code(rawValue: "requestTimeout")
        /// The request body was read a second time, or after the handler returned.
        public static let bodyAlreadyConsumed = Code(rawValue: "bodyAlreadyConsumed")
        /// The request could not be formed (bad URL, scheme other than https).
        public static let invalidRequest = Code(rawValue: "invalidRequest")
        /// The peer broke the HTTP protocol or the connection failed for another reason.
        public static let connectionFailed = Code(rawValue: "connectionFailed")
        /// The caller's task was cancelled.
        public static let cancelled = Code(rawValue: "cancelled")
        /// The client was shut down.
        public static let shutdown = Code(rawValue: "shutdown")
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

    public var description: String { "\(code): \(message)" }

    public static func == (lhs: TransportError, rhs: TransportError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
