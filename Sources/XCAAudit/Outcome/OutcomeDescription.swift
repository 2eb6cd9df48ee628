import XCAModel

/// `AuditEvent.outcomeDesc` (audit.md §8.3): `<Status>; <code>@<location>; …` — error codes and locations only.
/// Never a `codeContext` (free text that may echo the request), and nothing that is not an identifier-like token: a
/// partner's code or location with spaces, odd characters or a run of ten digits (it could be an NHS number) is
/// written as `UnrecognisedErrorCode` without its location.
enum OutcomeDescription {
    /// At most this many `code@location` items; more are summarised as `+N more`.
    static let maximumItems = 16

    static func make(_ status: String, errors: [RegistryError]) -> String {
        let relevant = errors.contains { $0.severity == .error } ? errors.filter { $0.severity == .error } : errors
        var items: [String] = []
        var more = 0
        for error in relevant {
            let item = Self.item(error)
            if items.contains(item) { continue }
            if items.count == maximumItems {
                more += 1
                continue
            }
            items.append(item)
        }
        var text = status
        for item in items { text += "; " + item }
        if more > 0 { text += "; +\(more) more" }
        return text
    }

    /// One `code@location` for a failure the gateway classified itself (a leg that never answered, a fault).
    static func make(_ status: String, code: String, location: String?) -> String {
        var text = status + "; " + (isSafeToken(code) ? code : "UnrecognisedErrorCode")
        if let location, isSafeToken(location) { text += "@" + location }
        return text
    }

    private static func item(_ error: RegistryError) -> String {
        let code = error.code.rawValue
        guard isSafeToken(code) else { return "UnrecognisedErrorCode" }
        guard let location = error.location, !location.isEmpty, isSafeToken(location) else { return code }
        return code + "@" + location
    }

    /// Letters, digits and `:._-/#` only, at most 128 characters, and no run of exactly ten digits standing alone.
    static func isSafeToken(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= 128 else { return false }
        var digitRun = 0
        var runStartsClean = true
        var previous: UInt8 = 0
        for byte in utf8 {
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            let lower = byte | 0x20
            let isLetter = lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
            guard isDigit || isLetter || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: "#")
            else { return false }
            if isDigit {
                if digitRun == 0 { runStartsClean = previous != UInt8(ascii: ".") }
                digitRun += 1
            } else {
                if digitRun == 10 && runStartsClean && byte != UInt8(ascii: ".") { return false }
                digitRun = 0
            }
            previous = byte
        }
        return !(digitRun == 10 && runStartsClean)
    }
}
