/// Clock arithmetic on the fixed `HHMM` times of the blueprint (all on one day, UTC).
enum FixtureTime {
    /// `HHMM` plus `minutes`, capped at 23:59 so that a time never moves to the next day.
    static func adding(minutes: Int, to time: String) -> String {
        let hours = Int(time.prefix(2)) ?? 0
        let mins = Int(time.dropFirst(2).prefix(2)) ?? 0
        let total = min(hours * 60 + mins + minutes, 23 * 60 + 59)
        return pad(total / 60) + pad(total % 60)
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
