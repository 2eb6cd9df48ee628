import Foundation

/// FHIR `instant` text in UTC with milliseconds, `2025-03-04T10:15:30.123Z` (FHIR R4 §2.24.0.1 instant: seconds and
/// a time zone are required), written without a formatter or calendar (civil-from-days, H. Hinnant's algorithm).
enum AuditTimestamp {
    /// The 24 ASCII bytes of `date` in UTC, truncated to the millisecond (after rounding to the microsecond, so that
    /// a time made from whole milliseconds is not written one millisecond early by floating-point error).
    static func bytes(_ date: Date) -> [UInt8] {
        let microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let milliseconds = microseconds >= 0 ? microseconds / 1_000 : (microseconds - 999) / 1_000
        var days = milliseconds / 86_400_000
        var inDay = milliseconds % 86_400_000
        if inDay < 0 {
            inDay += 86_400_000
            days -= 1
        }
        // Civil date from days since 1970-01-01 (proleptic Gregorian).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)

        var out: [UInt8] = []
        out.reserveCapacity(24)
        func digits(_ value: Int64, _ count: Int) {
            var divisor: Int64 = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(min(max(year, 0), 9_999), 4)
        out.append(UInt8(ascii: "-"))
        digits(month, 2)
        out.append(UInt8(ascii: "-"))
        digits(day, 2)
        out.append(UInt8(ascii: "T"))
        digits(inDay / 3_600_000, 2)
        out.append(UInt8(ascii: ":"))
        digits(inDay / 60_000 % 60, 2)
        out.append(UInt8(ascii: ":"))
        digits(inDay / 1_000 % 60, 2)
        out.append(UInt8(ascii: "."))
        digits(inDay % 1_000, 3)
        out.append(UInt8(ascii: "Z"))
        return out
    }
}
