/// The `id` (entryUUID) of a registry object: `urn:uuid:` followed by an RFC 4122 UUID in text form, case-insensitive
/// (ITI TF-3 4.2.3.1.5 (≈)).
public struct EntryUUID: IHEIdentifier, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var validationProblem: String? {
        guard IdentifierSyntax.hasPrefixIgnoringCase(rawValue, "urn:uuid:") else {
            return "entryUUID does not start with urn:uuid:"
        }
        let uuid = rawValue[rawValue.utf8.index(rawValue.startIndex, offsetBy: 9)...]
        return IdentifierSyntax.uuidProblem(uuid).map { "entryUUID \($0)" }
    }

    public var description: String { rawValue }
}
