/// The identifier of a MIME part: the `Content-ID` header without its angle brackets (RFC 2045 §7, RFC 2392).
///
/// `<0.urn:uuid:3D4B…@apache.org>` on the wire is `ContentID("0.urn:uuid:3D4B…@apache.org")` here. Real stacks put
/// characters outside RFC 5322 `msg-id` in Content-IDs (`:` is common), so the check is deliberately loose: non-empty,
/// at most ``maxLength`` bytes, no whitespace, control characters or angle brackets. Comparison is exact.
public struct ContentID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The identifier, without `<>`.
    public let value: String

    /// Longest Content-ID accepted (bytes). Bounds the memory of the set of IDs a reader keeps.
    public static let maxLength = 512

    /// Checks `value` (already without `<>`).
    public init(_ value: String) throws(MultipartError) {
        let bytes = value.utf8
        guard !bytes.isEmpty, bytes.count <= Self.maxLength else {
            throw MultipartError(
                .invalidContentID,
                "a Content-ID must have 1 to \(Self.maxLength) bytes, not \(bytes.count)"
            )
        }
        guard bytes.allSatisfy({ $0 > 0x20 && $0 != 0x7F && $0 != 0x3C && $0 != 0x3E }) else {
            throw MultipartError(.invalidContentID, "a Content-ID must not contain whitespace, controls or '<' '>'")
        }
        self.value = value
    }

    /// Reads a `Content-ID` header value (or a `start` parameter): ``normalise(_:)`` then the checks of ``init(_:)``.
    public init(headerValue: String) throws(MultipartError) {
        try self.init(Self.normalise(headerValue))
    }

    /// Strips surrounding whitespace and one pair of angle brackets: `" <a@b> "` → `"a@b"`. Values without
    /// brackets are returned trimmed.
    public static func normalise(_ headerValue: String) -> String {
        var value = MIMEGrammar.trimmed(headerValue[...])
        if value.utf8.count >= 2, value.utf8.first == 0x3C, value.utf8.last == 0x3E {
            value = MIMEGrammar.trimmed(value.dropFirst().dropLast())
        }
        return String(value)
    }

    /// `<value>`, the form of the `Content-ID` header and of the `start` parameter.
    public var headerValue: String { "<" + value + ">" }

    /// A fresh random identifier, `<32 hex digits>@xca-gateway` (128 bits from `SystemRandomNumberGenerator`).
    public static func random() -> ContentID {
        ContentID(unchecked: RandomHex.string(byteCount: 16) + "@xca-gateway")
    }

    init(unchecked value: String) { self.value = value }

    public var description: String { value }

    public static func < (lhs: ContentID, rhs: ContentID) -> Bool { lhs.value < rhs.value }
}
