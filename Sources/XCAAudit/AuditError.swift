/// The one error of XCAAudit: why something the audit trail wanted could not be had (a WS-Security header that
/// cannot be read as a SAML 2.0 assertion, …). Auditing never fails a request: these errors are recorded (for the
/// operator's log) and the event is written without what was missing. Messages never carry patient data or
/// values from the request.
public struct AuditError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The WS-Security header is not well-formed XML, or is over a limit.
        public static let unreadableSecurityHeader = Code("unreadableSecurityHeader")
        /// The WS-Security header holds no SAML 2.0 Assertion.
        public static let noAssertion = Code("noAssertion")
        /// The assertion lacks what identifies a user (Subject/NameID).
        public static let incompleteAssertion = Code("incompleteAssertion")
        /// The WS-Security header was not kept by the envelope reader.
        public static let headerNotKept = Code("headerNotKept")
    }

    public let code: Code
    public let message: String
    public let fileID: StaticString
    public let line: UInt

    public init(_ code: Code, _ message: String, fileID: StaticString = #fileID, line: UInt = #line) {
        self.code = code
        self.message = message
        self.fileID = fileID
        self.line = line
    }

    public var description: String { "\(code): \(message)" }

    public static func == (lhs: AuditError, rhs: AuditError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
