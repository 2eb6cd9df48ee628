/// The configuration was refused: every problem found in one pass, errors and warnings, in the order of the file.
///
/// `description` prints one line per problem, compiler style, so editors can jump to it:
/// `gateway.yaml:14: error: communities[2].tls.certificate: file not found (/etc/xca-gateway/pki/north.pem)`.
package struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, errors and warnings, ordered by line.
    package var problems: [ConfigurationProblem]
    /// The configuration file, when loaded from one.
    package var file: String?

    package init(problems: [ConfigurationProblem], file: String? = nil) {
        self.problems = problems
        self.file = file
    }

    /// The problems that refuse the configuration.
    package var errors: [ConfigurationProblem] { problems.filter { $0.severity == .error } }

    /// The problems that do not.
    package var warnings: [ConfigurationProblem] { problems.filter { $0.severity == .warning } }

    package var description: String {
        problems.map { Self.line(for: $0, file: file) }.joined(separator: "\n")
    }

    /// `FILE:LINE: severity: path: message` (the file and line left out when unknown).
    package static func line(for problem: ConfigurationProblem, file: String?) -> String {
        var location = file ?? "configuration"
        if let line = problem.line { location += ":\(line)" }
        return "\(location): \(problem.severity.rawValue): \(problem)"
    }
}
