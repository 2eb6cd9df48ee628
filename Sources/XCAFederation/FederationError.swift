/// The error of the federation target: a code, a short English message that never carries patient data, and where it
/// was raised. Two errors are equal when their codes are equal.
public struct FederationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable value to switch on; an open set.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Two communities of a directory share a homeCommunityId or a name.
        public static let duplicateCommunity = Code(rawValue: "duplicateCommunity")
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

    public static func == (lhs: FederationError, rhs: FederationError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
