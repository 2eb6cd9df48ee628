extension Duration {
    /// Parses `250ms`, `2s`, `1.5s`, `1m`, `500us`, or a bare number of milliseconds (`200`).
    /// Returns `nil` for anything else, including negative values.
    public init?(humanReadable text: some StringProtocol) {
        let text = text.trimmingPrefixAndSuffixSpaces()
        let units: [(suffix: String, attoseconds: Double)] = [
            ("ms", 1e15), ("us", 1e12), ("µs", 1e12), ("ns", 1e9), ("s", 1e18), ("m", 60e18), ("h", 3600e18),
        ]
        var number = Substring(text)
        var scale = 1e15
        for unit in units where text.hasSuffix(unit.suffix) {
            number = text.dropLast(unit.suffix.count)
            scale = unit.attoseconds
            break
        }
        guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
        let attoseconds = value * scale
        let seconds = (attoseconds / 1e18).rounded(.down)
        self = .seconds(Int64(seconds)) + .init(secondsComponent: 0, attosecondsComponent: Int64(attoseconds - seconds * 1e18))
    }
}

extension StringProtocol {
    fileprivate func trimmingPrefixAndSuffixSpaces() -> Substring {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return slice
    }
}
