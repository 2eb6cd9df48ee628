import Foundation
import Yams

extension GatewayConfiguration {
    /// Reads and checks the configuration file at `file`; relative paths in it are resolved against its directory.
    ///
    /// Every problem is collected in one pass: YAML syntax (with its line), unknown keys, wrong types, missing
    /// required keys, malformed identifiers, URLs and addresses, impossible durations and sizes, duplicate
    /// communities, and the TLS files (missing, unreadable, not PEM, key not matching its certificate, certificates
    /// expired or not yet valid). Any error throws them all; warnings alone do not, and land in ``warnings``.
    /// `now` is the moment certificate validity is judged at.
    package static func load(file: String, now: Date = Date()) throws(ConfigurationError) -> GatewayConfiguration {
        let url = URL(fileURLWithPath: file).standardizedFileURL
        let text: String
        switch ConfigurationFiles.readText(url.path, limit: 16 << 20) {
        case .success(let read): text = read
        case .failure(let problem):
            throw ConfigurationError(
                problems: [ConfigurationProblem(path: "", message: "configuration \(problem.reason)")],
                file: file
            )
        }
        return try parse(yaml: text, baseDirectory: url.deletingLastPathComponent().path, file: file, now: now)
    }

    /// Reads and checks configuration text as ``load(file:now:)`` does; relative paths are resolved against
    /// `baseDirectory` (itself resolved against the working directory when relative). `file` only names the
    /// source in ``ConfigurationError/description``.
    package static func parse(
        yaml: String,
        baseDirectory: String,
        file: String? = nil,
        now: Date = Date()
    ) throws(ConfigurationError) -> GatewayConfiguration {
        var diagnostics = ConfigurationDiagnostics()
        var configuration = schema.defaults
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            diagnostics.add(syntaxProblem(error, in: yaml))
            throw ConfigurationError(problems: diagnostics.ordered, file: file)
        }
        schema.decode(root ?? .mapping(Node.Mapping([])), path: "", into: &configuration, &diagnostics)
        configuration.resolvePaths(against: URL(fileURLWithPath: baseDirectory).standardizedFileURL.path)
        configuration.validate(&diagnostics, now: now)
        guard !diagnostics.hasErrors else {
            throw ConfigurationError(problems: diagnostics.ordered, file: file)
        }
        configuration.warnings = diagnostics.ordered
        return configuration
    }

    /// A YAML error as a problem of the document, with its line.
    private static func syntaxProblem(_ error: any Error, in yaml: String) -> ConfigurationProblem {
        guard let error = error as? YamlError else {
            return ConfigurationProblem(path: "", message: "not readable as YAML")
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let while_ = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return ConfigurationProblem(path: "", message: "YAML syntax error: \(problem)\(while_)", line: mark.line)
        case .reader(let problem, let offset, _, _):
            let line = offset.map { offset in yaml.prefix(offset).reduce(1) { $1 == "\n" ? $0 + 1 : $0 } }
            return ConfigurationProblem(path: "", message: "YAML cannot be read: \(problem)", line: line)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return ConfigurationProblem(
                path: "",
                message: "YAML syntax error: a key appears twice in one section: \(keys)",
                line: context.mark.line
            )
        default:
            return ConfigurationProblem(path: "", message: "not readable as YAML")
        }
    }
}
