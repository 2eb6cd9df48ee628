import Foundation

/// The value syntaxes of the configuration file: durations (`250ms`, `10s`, `2m`, `1h`), sizes (`64KiB`, `16MiB`,
/// `1GiB` or a number of bytes), `HOST:PORT`, https URLs and community names. Parsers return the value or a reason
/// (never echoing the value itself back beyond what the reason needs).
enum ConfigurationSyntax {
    static let durationHint = "expected a duration such as 250ms, 10s, 2m, 1h or 90d"
    static let sizeHint = "expected a size such as 64KiB, 16MiB, 1GiB or a number of bytes"

    // MARK: Durations

    /// `<integer><unit>` with unit `ms`, `s`, `m` or `h`; a leading `-` is read so that it can be refused as ≤ 0.
    static func duration(_ text: String) -> Result<Duration, SyntaxProblem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.drop { $0 == "-" || $0 == "+" }.prefix { $0.isASCII && $0.isNumber }
        let sign = trimmed.prefix { $0 == "-" || $0 == "+" }
        let unit = trimmed.dropFirst(sign.count + digits.count)
        guard sign.count <= 1, !digits.isEmpty, digits.count <= 12, let magnitude = Int64(digits) else {
            return .failure(SyntaxProblem(durationHint))
        }
        let value = sign == "-" ? -magnitude : magnitude
        switch unit {
        case "ms": return .success(.milliseconds(value))
        case "s": return .success(.seconds(value))
        case "m": return .success(.seconds(value * 60))
        case "h": return .success(.seconds(value * 3_600))
        case "d": return .success(.seconds(value * 86_400))
        case "": return .failure(SyntaxProblem(durationHint + " (a unit is required)"))
        default: return .failure(SyntaxProblem(durationHint + " (units: ms, s, m, h, d)"))
        }
    }

    /// The shortest exact form: `1h`, `2m`, `30s`, `250ms` (sub-millisecond parts are dropped).
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 {
            if seconds != 0 && seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
            if seconds != 0 && seconds % 3_600 == 0 { return "\(seconds / 3_600)h" }
            if seconds != 0 && seconds % 60 == 0 { return "\(seconds / 60)m" }
            return "\(seconds)s"
        }
        return "\(seconds * 1_000 + attoseconds / 1_000_000_000_000_000)ms"
    }

    // MARK: Sizes

    private static let units: [(suffix: String, factor: Int)] = [
        ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10), ("B", 1),
    ]

    /// `<integer>` bytes or `<integer><unit>` with unit `B`, `KiB`, `MiB` or `GiB` (1024-based).
    static func size(_ text: String) -> Result<Int, SyntaxProblem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let sign = trimmed.prefix { $0 == "-" || $0 == "+" }
        let digits = trimmed.dropFirst(sign.count).prefix { $0.isASCII && $0.isNumber }
        let unit = trimmed.dropFirst(sign.count + digits.count).trimmingCharacters(in: .whitespaces)
        guard sign.count <= 1, !digits.isEmpty, let magnitude = Int(digits) else {
            return .failure(SyntaxProblem(digits.count > 18 ? "is too large" : sizeHint))
        }
        let factor: Int
        if unit.isEmpty {
            factor = 1
        } else if let known = units.first(where: { $0.suffix == unit }) {
            factor = known.factor
        } else {
            return .failure(SyntaxProblem(sizeHint + " (units: B, KiB, MiB, GiB)"))
        }
        let (bytes, overflow) = magnitude.multipliedReportingOverflow(by: factor)
        guard !overflow else { return .failure(SyntaxProblem("is too large")) }
        return .success(sign == "-" ? -bytes : bytes)
    }

    /// The largest exact unit: `64MiB`, `32KiB`, or plain bytes.
    static func formatSize(_ bytes: Int) -> String {
        for (suffix, factor) in units where factor > 1 && bytes != 0 && bytes % factor == 0 {
            return "\(bytes / factor)\(suffix)"
        }
        return "\(bytes)"
    }

    // MARK: Names

    /// A community name: 1–63 of `a-z`, `0-9` and `-` (it becomes a log and metric dimension and a file name).
    static func communityNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name.utf8.count > 63 { return "is longer than 63 characters" }
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
        }
        return allowed ? nil : "use only lowercase letters, digits and '-'"
    }

    // MARK: URLs

    /// An absolute `https://host[:port]/path` URL without user information.
    static func httpsURLProblem(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme else {
            return "is not a URL"
        }
        guard scheme.lowercased() == "https" else {
            return "must be an https URL (the scheme is \(scheme))"
        }
        guard let host = components.host, !host.isEmpty else { return "is not a URL (no host)" }
        if components.user != nil || components.password != nil {
            return "must not carry a user name or password"
        }
        if let port = components.port, !(1...65_535).contains(port) {
            return "has a port outside 1-65535"
        }
        return nil
    }

    /// A parse failure's reason.
    struct SyntaxProblem: Error, Equatable {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
