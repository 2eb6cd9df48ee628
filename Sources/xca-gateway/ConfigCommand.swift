import ArgumentParser
import Foundation
import XCAGateway

/// `xca-gateway config check FILE [--json]`: every problem of a configuration at once, with its path.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "The gateway's configuration file (docs/configuration.md).",
        subcommands: [Check.self]
    )

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check a configuration as `serve --config` would, reporting every problem at once.",
            discussion: """
                Reads the file and checks everything `serve --config` checks — YAML syntax, unknown keys, types, \
                required keys, identifiers, URLs, durations, duplicate communities, the TLS files (readable, PEM, \
                key matching its certificate, validity) — and prints every error and warning as \
                FILE:LINE: severity: path: message. Exit: 0 when it would start (warnings allowed), 78 (EX_CONFIG) \
                when it would be refused.
                """
        )

        @Argument(help: "The YAML configuration file.")
        var file: String

        @Flag(help: "One JSON document instead of lines.")
        var json = false

        func run() async throws {
            let problems: [ConfigurationProblem]
            var configuration: GatewayConfiguration?
            do throws(ConfigurationError) {
                configuration = try GatewayConfiguration.load(file: file)
                problems = configuration?.warnings ?? []
            } catch {
                problems = error.problems
            }
            let errors = problems.filter { $0.severity == .error }.count
            let warnings = problems.count - errors
            if json {
                print(report(problems, valid: configuration != nil))
            } else {
                for problem in problems { print(ConfigurationError.line(for: problem, file: file)) }
                if let configuration {
                    let enabled = configuration.enabledCommunities.count
                    print(
                        "\(file): OK — gateway \(configuration.gateway.homeCommunityID.rawValue) on \(configuration.gateway.listen), \(configuration.communities.count) communities (\(enabled) enabled), \(warnings) \(warnings == 1 ? "warning" : "warnings")"
                    )
                } else {
                    print(
                        "\(file): refused — \(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")"
                    )
                }
            }
            if configuration == nil { throw ExitCode(78) }  // EX_CONFIG
        }

        func report(_ problems: [ConfigurationProblem], valid: Bool) -> String {
            struct Entry: Encodable {
                var severity: String
                var path: String
                var line: Int?
                var message: String
            }
            struct Report: Encodable {
                var file: String
                var valid: Bool
                var errors: Int
                var warnings: Int
                var problems: [Entry]
            }
            let errors = problems.filter { $0.severity == .error }.count
            let report = Report(
                file: file,
                valid: valid,
                errors: errors,
                warnings: problems.count - errors,
                problems: problems.map {
                    Entry(severity: $0.severity.rawValue, path: $0.path, line: $0.line, message: $0.message)
                }
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }
    }
}
