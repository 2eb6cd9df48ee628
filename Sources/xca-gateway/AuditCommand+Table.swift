import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A plain text table for a terminal: a header, two spaces between columns, and, when the rows are wider than the
/// terminal, the widest flexible columns (names, descriptions — never times or identifiers) cut down with `…` until
/// they fit (never below 6 characters). Not a terminal (piped): nothing is cut, unless COLUMNS says otherwise.
struct AuditTextTable {
    let headers: [String]
    let flexible: Set<Int>
    var rows: [[String]] = []

    /// `flexible`: the indexes of the columns that may be cut.
    init(_ headers: [String], flexible: Set<Int> = []) {
        self.headers = headers
        self.flexible = flexible
    }

    mutating func append(_ row: [String]) { rows.append(row) }

    func render(width: Int? = AuditTextTable.terminalWidth()) -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        if let width {
            let gaps = 2 * (widths.count - 1)
            while widths.reduce(gaps, +) > width,
                let widest = widths.indices.filter(flexible.contains).max(by: { widths[$0] < widths[$1] }),
                widths[widest] > 6
            {
                widths[widest] -= 1
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, width) in widths.enumerated() {
                let cell = index < cells.count ? cells[index] : ""
                let fitted = cell.count > width ? String(cell.prefix(width - 1)) + "…" : cell
                parts.append(index == widths.count - 1 ? fitted : fitted.padding(toLength: width, withPad: " ", startingAt: 0))
            }
            return parts.joined(separator: "  ")
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// The terminal's width if stdout is one, else COLUMNS if set, else nil (no limit).
    static func terminalWidth() -> Int? {
        if isatty(STDOUT_FILENO) == 1 {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return nil
    }
}

/// Buffered standard output for long outputs (export, JSON lines): written in 64 KiB pieces.
struct AuditStandardOutput {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    mutating func write(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
