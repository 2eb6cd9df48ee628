/// An NHS number: ten digits, the last a Modulus 11 check digit (NHS Data Dictionary "NHS Number").
///
/// Check: digits d1…d9 × weights 10…2, summed; r = sum mod 11; check = 11 − r, where 11 becomes 0 and 10 means the
/// number is invalid; valid iff check = d10. `9434765919` is valid, `9999999991` is not.
///
/// Patient data: `description` and reflection are redacted so the number does not end up in logs by accident; use
/// `rawValue` deliberately.
public struct NHSNumber: IHEIdentifier, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// Accepts the human form with spaces, e.g. `943 476 5919`, and keeps only the other characters.
    public static func normalising(_ text: String) -> NHSNumber {
        guard text.utf8.contains(UInt8(ascii: " ")) else { return NHSNumber(rawValue: text) }
        return NHSNumber(rawValue: String(String.UnicodeScalarView(text.unicodeScalars.lazy.filter { $0 != " " })))
    }

    public var validationProblem: String? {
        let bytes = rawValue.utf8
        guard bytes.count == 10, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return "NHS number is not exactly 10 digits"
        }
        guard let check = Self.checkDigit(bytes.prefix(9)) else {
            return "NHS number check digit computes to 10, which is never issued"
        }
        guard let last = bytes.last, Int(last - UInt8(ascii: "0")) == check else {
            return "NHS number fails the Modulus 11 check"
        }
        return nil
    }

    /// The Modulus 11 check digit of nine ASCII digits, or `nil` when it computes to 10 (no valid number).
    static func checkDigit(_ firstNine: some Sequence<UInt8>) -> Int? {
        var sum = 0
        var weight = 10
        for byte in firstNine {
            sum += Int(byte - UInt8(ascii: "0")) * weight
            weight -= 1
        }
        let check = 11 - sum % 11
        switch check {
        case 11: return 0
        case 10: return nil
        default: return check
        }
    }

    public var description: String { "NHSNumber(<redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
