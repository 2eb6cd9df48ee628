/// An error of the fixture federation (loading, generating, serving fixture data). Equality on the code only.
public struct FixtureError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let contentUnreadable = Code(rawValue: "contentUnreadable")
        public static let invalidFixtures = Code(rawValue: "invalidFixtures")
        public static let unknownCommunity = Code(rawValue: "unknownCommunity")
        public static let pki = Code(rawValue: "pki")
        /// A DICOM Part-10 file that cannot be read (truncated, not Part-10, unsupported transfer syntax).
        public static let invalidDICOM = Code(rawValue: "invalidDICOM")
        /// A size such as `1GiB` that cannot be parsed, or a synthetic study that cannot be made.
        public static let invalidSize = Code(rawValue: "invalidSize")
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

    public static func == (lhs: FixtureError, rhs: FixtureError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
