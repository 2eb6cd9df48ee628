/// Byte counts as people write them: `1GiB`, `512MiB`, `100MB`, `64 KiB`, `1.5GB`, `4096`. Binary units (KiB, MiB,
/// GiB, TiB) are powers of 1024, decimal units (kB/KB, MB, GB, TB) powers of 1000 (IEC 80000-13); a bare number
/// is bytes. Units are case-insensitive.
public enum FixtureByteCount {
    private static let units: [(String, Double)] = [
        ("tib", 1_099_511_627_776), ("gib", 1_073_741_824), ("mib", 1_048_576), ("kib", 1_024),
        ("tb", 1e12), ("gb", 1e9), ("mb", 1e6), ("kb", 1e3), ("b", 1),
    ]

    public static func parse(_ text: String) throws(FixtureError) -> Int {
        let trimmed = text.trimmingCharacters(in: " ")
        let lower = trimmed.lowercased()
        var multiplier: Double = 1
        var number = Substring(lower)
        for (suffix, value) in units where lower.hasSuffix(suffix) {
            multiplier = value
            number = lower.dropLast(suffix.count)
            break
        }
        let digits = number.trimmingCharacters(in: " ")
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(digits)
        else {
            throw FixtureError(.invalidSize, "not a size: \"\(text)\" (expected e.g. 1GiB, 512MiB, 100MB)")
        }
        let bytes = (value * multiplier).rounded()
        guard bytes >= 1, bytes < Double(Int.max) else {
            throw FixtureError(.invalidSize, "size out of range: \"\(text)\"")
        }
        return Int(bytes)
    }

    /// The largest binary unit that keeps the number ≥ 1, e.g. `1 GiB`, `512 KiB`, `1.5 MiB`, `100 B`.
    public static func format(_ bytes: Int) -> String {
        for (suffix, value) in [
            ("TiB", 1_099_511_627_776.0), ("GiB", 1_073_741_824), ("MiB", 1_048_576), ("KiB", 1_024),
        ]
        where Double(bytes) >= value {
            let amount = Double(bytes) / value
            let text = amount == amount.rounded() ? String(Int(amount)) : String((amount * 10).rounded() / 10)
            return "\(text) \(suffix)"
        }
        return "\(bytes) B"
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var slice = Substring(self)
        while slice.first == character { slice = slice.dropFirst() }
        while slice.last == character { slice = slice.dropLast() }
        return String(slice)
    }
}
