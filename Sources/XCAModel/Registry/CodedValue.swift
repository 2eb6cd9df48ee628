/// An XDS coded value (classCode, typeCode, formatCode…): held in a Classification as `nodeRepresentation` = code,
/// slot `codingScheme` = scheme, `Name` = display name (ITI TF-3 4.2.3.1.2 (≈)).
public struct CodedValue: Hashable, Sendable {
    public var code: String
    public var scheme: String
    public var displayName: String?

    public init(code: String, scheme: String, displayName: String? = nil) {
        self.code = code
        self.scheme = scheme
        self.displayName = displayName
    }
}
