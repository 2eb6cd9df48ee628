import ArgumentParser
import Foundation

/// A point in time on the command line: `2025-03-04` (a UTC day), `2025-03-04T10:15:30Z` (ISO 8601, with
/// fractional seconds or an offset if wanted), or an age such as `90m`, `24h`, `7d` (that long before now).
struct AuditTimeArgument: ExpressibleByArgument, Sendable {
    enum Value: Sendable {
        case day(Date)
        case instant(Date)
        case ago(TimeInterval)
    }

    let value: Value

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        if let unit = text.last, let amount = Double(text.dropLast()), amount >= 0, amount.isFinite,
            let seconds = ["s": 1.0, "m": 60, "h": 3_600, "d": 86_400][String(unit)]
        {
            value = .ago(amount * seconds)
        } else if text.count == 10, let day = try? Date.ISO8601FormatStyle().year().month().day().parse(text) {
            value = .day(day)
        } else if let instant = (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
            ?? (try? Date.ISO8601FormatStyle().parse(text))
        {
            value = .instant(instant)
        } else {
            return nil
        }
    }

    /// As a start (`--from`, `--since`): a day starts at its midnight.
    func start(now: Date) -> Date {
        switch value {
        case .day(let day): day
        case .instant(let instant): instant
        case .ago(let seconds): now.addingTimeInterval(-seconds)
        }
    }

    /// As an end (`--to`): a day is included whole (the end is the next midnight, exclusive).
    func end(now: Date) -> Date {
        switch value {
        case .day(let day): day.addingTimeInterval(86_400)
        case .instant(let instant): instant
        case .ago(let seconds): now.addingTimeInterval(-seconds)
        }
    }

    static var help: String { "YYYY-MM-DD (UTC day), an ISO 8601 time, or an age like 24h, 7d" }
}

extension Date {
    /// `2025-03-04T10:15:30.123Z` (UTC, milliseconds rounded, not truncated: stored times are whole milliseconds
    /// that a `Double` may hold a hair below).
    var auditText: String {
        let milliseconds = Int64((timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let adjusted = fraction < 0 ? (seconds - 1, fraction + 1000) : (seconds, fraction)
        let whole = Date.ISO8601FormatStyle().format(Date(timeIntervalSince1970: Double(adjusted.0)))
        let digits = String(adjusted.1)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }
}
