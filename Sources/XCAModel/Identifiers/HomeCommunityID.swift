/// The identifier of a community: an OID in URN syntax, `urn:oid:1.2.3`, at most 64 characters in total
/// (ITI TF-2 3.38.4.1.2.1, assertion ITI38-004).
///
/// The `urn:oid:` prefix is matched case-insensitively (RFC 8141 namespace identifiers are case-insensitive); the raw
/// value is kept exactly as sent, so compare `oid` when routing values from different senders.
public struct HomeCommunityID: IHEIdentifier, CustomStringConvertible {
    public let rawValue: String

    /// ITI TF-2 3.38.4.1.2.1: the whole value, prefix included, shall not exceed 64 characters.
    public static let maximumLength = 64

    public init(rawValue: String) { self.rawValue = rawValue }

    /// `urn:oid:` followed by the OID.
    public init(oid: OID) { self.rawValue = "urn:oid:" + oid.rawValue }

    public var validationProblem: String? {
        guard IdentifierSyntax.hasPrefixIgnoringCase(rawValue, "urn:oid:") else {
            return "homeCommunityId does not start with urn:oid:"
        }
        if rawValue.utf8.count > Self.maximumLength {
            return "homeCommunityId is longer than \(Self.maximumLength) characters"
        }
        return IdentifierSyntax.oidProblem(oidPart).map { "homeCommunityId OID \($0)" }
    }

    /// The OID after `urn:oid:`; `nil` unless the whole value is valid.
    public var oid: OID? {
        isValid ? OID(rawValue: String(oidPart)) : nil
    }

    private var oidPart: Substring {
        rawValue.utf8.count >= 8 ? rawValue[rawValue.utf8.index(rawValue.startIndex, offsetBy: 8)...] : ""
    }

    public var description: String { rawValue }
}
