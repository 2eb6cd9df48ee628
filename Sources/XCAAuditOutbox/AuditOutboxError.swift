/// An error of the audit outbox: its store, its delivery and its reports. Equality on the code only. Messages name
/// the failure and the file or sink involved, never an event's content or a patient identifier.
public struct AuditOutboxError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The store cannot be opened or set up (path unusable, not an outbox, synchronous FULL refused).
        public static let open = Code(rawValue: "open")
        /// Events cannot be made durable (disk full, size limit, file removed, I/O error): "no audit, no access".
        public static let notWritable = Code(rawValue: "notWritable")
        /// The store was closed.
        public static let closed = Code(rawValue: "closed")
        /// A read (status, export, report, delivery scan) failed.
        public static let read = Code(rawValue: "read")
        /// A sink is misconfigured (unknown name, bad URL, unusable file).
        public static let sink = Code(rawValue: "sink")
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

    public static func == (lhs: AuditOutboxError, rhs: AuditOutboxError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
