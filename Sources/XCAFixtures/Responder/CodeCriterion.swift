import XCAModel

/// One coded value of a stored-query code parameter, `code^^scheme` (ITI TF-2 3.18.4.1.2.3.5 (≈)): it matches a
/// coded value with that code and coding scheme. A value without `^^` gives a code alone, which matches in any
/// scheme (partners send it).
struct CodeCriterion: Hashable, Sendable {
    var code: String
    var scheme: String?

    init(_ value: String) {
        let bytes = value.utf8
        let caret = UInt8(ascii: "^")
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let next = bytes.index(after: index)
            if bytes[index] == caret, next < bytes.endIndex, bytes[next] == caret {
                code = String(value[..<index])
                let rest = value[bytes.index(after: next)...]
                scheme = rest.isEmpty ? nil : String(rest)
                return
            }
            index = next
        }
        code = value
        scheme = nil
    }

    func matches(_ value: CodedValue) -> Bool {
        value.code == code && (scheme.map { $0 == value.scheme } ?? true)
    }
}

/// The criteria of one code parameter: the outer list is AND (one entry per Slot of the parameter), the inner list
/// OR (the values of one Slot) — ITI TF-2 3.18.4.1.2.3.5 (≈). Empty: no constraint.
struct CodeConstraint: Sendable {
    var groups: [[CodeCriterion]]

    var isEmpty: Bool { groups.isEmpty }

    /// Every group has a criterion that one of `codes` meets.
    func matches(_ codes: [CodedValue]) -> Bool {
        groups.allSatisfy { group in group.contains { criterion in codes.contains(where: criterion.matches) } }
    }
}
