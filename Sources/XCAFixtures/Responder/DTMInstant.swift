/// An HL7 DTM time as XDS metadata and stored-query parameters carry it (`YYYY[MM[DD[hh[mm[ss]]]]]`, UTC), made
/// comparable across precisions: the digits are padded with zeros to `YYYYMMDDhhmmss`, so a value of lower
/// precision stands for the start of its period (`2024` is 2024-01-01 00:00:00 for the comparison; ITI TF-2
/// 3.18.4.1.2.3.4 (≈)). Digits beyond the seconds (fractions) and anything after the digits (a zone offset) are
/// ignored.
struct DTMInstant: Comparable, Hashable, Sendable {
    /// `YYYYMMDDhhmmss` as a number.
    let value: UInt64

    /// `nil` unless `text` starts with at least four digits (a year).
    init?(_ text: String) {
        var value: UInt64 = 0
        var count = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), count < 14 else { break }
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
            count += 1
        }
        guard count >= 4 else { return nil }
        while count < 14 {
            value *= 10
            count += 1
        }
        self.value = value
    }

    static func < (lhs: DTMInstant, rhs: DTMInstant) -> Bool { lhs.value < rhs.value }
}

/// A `…From` / `…To` pair of a stored query: From inclusive (`>=`), To exclusive (`<`) (ITI TF-2 3.18.4.1.2.3.7.1
/// (≈)). An object without the attribute does not match a range that has a bound.
struct DTMRange: Sendable {
    var from: DTMInstant?
    var to: DTMInstant?

    var isUnbounded: Bool { from == nil && to == nil }

    func contains(_ instant: DTMInstant?) -> Bool {
        if isUnbounded { return true }
        guard let instant else { return false }
        if let from, instant < from { return false }
        if let to, !(instant < to) { return false }
        return true
    }
}
