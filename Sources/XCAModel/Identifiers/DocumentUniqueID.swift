/// The XDS uniqueId of a document: an OID of at most 64 characters, optionally followed by `^` and an extension of at
/// most 16 characters (ITI TF-3 4.2.3.2.26 (≈)). In RAD-69/RAD-75 the DocumentUniqueId is a SOP Instance UID; check it
/// with `SOPInstanceUID` rules there.
public struct DocumentUniqueID: IHEIdentifier, CustomStringConvertible {
    public let rawValue: String

    public static let maximumOIDLength = 64
    public static let maximumExtensionLength = 16

    public init(rawValue: String) { self.rawValue = rawValue }

    public var validationProblem: String? {
        let (root, ext) = parts
        if let problem = IdentifierSyntax.oidProblem(root, maximumLength: Self.maximumOIDLength) {
            return "document uniqueId OID \(problem)"
        }
        if let ext {
            if ext.isEmpty { return "document uniqueId has an empty extension after ^" }
            if ext.utf8.count > Self.maximumExtensionLength {
                return "document uniqueId extension is longer than \(Self.maximumExtensionLength) characters"
            }
        }
        return nil
    }

    /// The OID part (before any `^`).
    public var oid: OID { OID(rawValue: String(parts.root)) }

    /// The extension after `^`, if any.
    public var `extension`: String? { parts.extension.map(String.init) }

    private var parts: (root: Substring, extension: Substring?) {
        guard let caret = rawValue.utf8.firstIndex(of: UInt8(ascii: "^")) else { return (rawValue[...], nil) }
        return (rawValue[..<caret], rawValue[rawValue.utf8.index(after: caret)...])
    }

    public var description: String { rawValue }
}
