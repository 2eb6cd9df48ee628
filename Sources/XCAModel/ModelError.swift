/// The error of the model target: a code, a short English message that never contains patient data, and where it
/// was raised. Two errors are equal when their codes are equal.
public struct ModelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable value to switch on.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A stored-query slot value does not follow ITI TF-2 3.18.4.1.2.3.5 ("'text'", numbers, "(…, …)" lists).
        public static let malformedStoredQueryValue = Code(rawValue: "malformedStoredQueryValue")
    }

    public let code: Code
    public let message: String
    public let fileID: String
    public let line: Int

    public init(_ code: Code, _ message: String, fileID: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.fileID = fileID
        self.line = line
    }

    public var description: String { "\(code): \(message)" }

    public static func == (lhs: ModelError, rhs: ModelError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
