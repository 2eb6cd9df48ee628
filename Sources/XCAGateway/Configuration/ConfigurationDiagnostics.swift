/// Collects every problem of one load, and the line each path was read from so that problems found later (on the
/// typed values) still point into the file.
struct ConfigurationDiagnostics: Sendable {
    private(set) var problems: [ConfigurationProblem] = []
    private var lines: [String: Int] = [:]

    /// Remembers where `path` is in the file.
    mutating func record(_ path: String, line: Int?) {
        if let line, lines[path] == nil { lines[path] = line }
    }

    mutating func error(_ path: String, _ message: String) {
        add(path, message, .error)
    }

    mutating func warning(_ path: String, _ message: String) {
        add(path, message, .warning)
    }

    mutating func add(_ path: String, _ message: String, _ severity: ConfigurationProblem.Severity) {
        problems.append(ConfigurationProblem(path: path, message: message, severity: severity, line: line(of: path)))
    }

    /// Adds a problem at a known line (YAML syntax errors, which have no path).
    mutating func add(_ problem: ConfigurationProblem) {
        problems.append(problem)
    }

    var hasErrors: Bool { problems.contains { $0.severity == .error } }

    /// `true` when a problem was reported at `path` or below it (`path.key`, `path[i]`).
    func hasProblem(atOrBelow path: String) -> Bool {
        problems.contains { problem in
            problem.path == path || problem.path.hasPrefix(path + ".") || problem.path.hasPrefix(path + "[")
        }
    }

    /// Problems ordered by line (stable: problems on one line keep the order they were found in); problems without
    /// a line come first.
    var ordered: [ConfigurationProblem] {
        problems.enumerated()
            .sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
            .map(\.element)
    }

    /// The line of `path`, or of its nearest ancestor that was read (a missing key points at its section).
    func line(of path: String) -> Int? {
        var current = Substring(path)
        while true {
            if let line = lines[String(current)] { return line }
            guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else { return lines[""] }
            current = current[..<cut]
        }
    }
}
