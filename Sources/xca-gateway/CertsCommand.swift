import ArgumentParser
import Foundation
import XCAClient
import XCAGateway

/// `xca-gateway certs check [--config FILE] [--warn-days 30] [--json]`: every certificate in use with its days to
/// expiry.
struct CertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certs",
        abstract: "The certificates the gateway uses.",
        subcommands: [Check.self]
    )

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "List every certificate in use with its days to expiry.",
            discussion: """
                With --config: every certificate the configuration names (the gateway's server identity and the \
                CAs it trusts for callers, each community's client identity and the CAs trusted for it), each \
                file once. Without: the development PKI in STATE/pki (its deliberately bad certificates under \
                bad/ are not in use and are left out). A certificate ending within --warn-days is a warning, \
                which does not fail the check. Exit: 0 when every certificate is usable (warnings included), 1 \
                when one is expired, not yet valid or unreadable, 78 when the configuration cannot be read.
                """
        )

        @Option(help: "The gateway's YAML configuration. Default: the development PKI in STATE/pki.")
        var config: String?

        @Option(help: "Warn about certificates ending within this many days.")
        var warnDays = 30

        @Flag(help: "One JSON document instead of the table.")
        var json = false

        @OptionGroup var state: StateOptions

        func run() async throws {
            let uses: [CertificateUse]
            if let config {
                let (configuration, problems) = GatewayConfiguration.decode(file: config)
                guard let configuration else {
                    for problem in problems { ClientOutput.error(ConfigurationError.line(for: problem, file: config)) }
                    throw ExitCode(78)
                }
                uses = Self.uses(of: configuration)
            } else {
                let directory = state.pkiDirectory.path
                guard FileManager.default.fileExists(atPath: directory) else {
                    ClientOutput.error(
                        "no development PKI in \(directory): run `xca-gateway pki init` or `xca-gateway serve` first, or give --config"
                    )
                    throw ExitCode.failure
                }
                uses = CertificateInventory.developmentPKI(directory: directory)
            }
            let inventory = CertificateInventory(uses, warningDays: warnDays)
            if json {
                print(Self.json(inventory))
            } else {
                print(Self.table(inventory))
                let warnings = inventory.count(.warning)
                let failures = inventory.checks.filter(\.status.isFailure).count
                var summary = "\(inventory.checks.count) certificates: \(inventory.count(.ok)) ok"
                if warnings > 0 { summary += ", \(warnings) ending within \(warnDays) days (a warning, not a failure)" }
                if failures > 0 { summary += ", \(failures) not usable (expired, not yet valid or unreadable)" }
                ClientOutput.standardError(summary)
            }
            if inventory.hasFailures { throw ExitCode.failure }
        }

        /// The certificates a configuration names, and what for.
        static func uses(of configuration: GatewayConfiguration) -> [CertificateUse] {
            var uses = [CertificateUse("gateway server identity", path: configuration.gateway.tls.certificate)]
            uses += configuration.gateway.tls.trustAnchors.map {
                CertificateUse("gateway trust anchor (callers)", path: $0)
            }
            for community in configuration.communities {
                let name = "community \(community.name)\(community.enabled ? "" : " (disabled)")"
                uses.append(CertificateUse("\(name) client identity", path: community.tls.certificate))
                uses += community.tls.trustAnchors.map { CertificateUse("\(name) trust anchor", path: $0) }
            }
            if configuration.audit.enabled, let pars = configuration.audit.pars {
                uses.append(CertificateUse("PARS client identity (audit delivery)", path: pars.tls.certificate))
                uses += pars.tls.trustAnchors.map { CertificateUse("PARS trust anchor", path: $0) }
            }
            return uses.filter { !$0.path.isEmpty }
        }

        static func table(_ inventory: CertificateInventory) -> String {
            let rows = inventory.checks.map { check in
                [
                    check.uses.count > 2
                        ? "\(check.uses[0]) (+\(check.uses.count - 1) more uses)" : check.uses.joined(separator: "; "),
                    ClientOutput.relative(check.path) + (check.position > 1 ? " #\(check.position)" : ""),
                    check.subject ?? check.problem ?? "-",
                    check.notValidAfter.map(day) ?? "-",
                    check.daysLeft.map(String.init) ?? "-",
                    check.status.rawValue,
                ]
            }
            return ClientOutput.table(["USE", "PATH", "SUBJECT", "NOT AFTER", "DAYS LEFT", "STATUS"], rows)
        }

        static func json(_ inventory: CertificateInventory) -> String {
            struct Entry: Encodable {
                var uses: [String]
                var path: String
                var position: Int
                var subject: String?
                var notBefore: String?
                var notAfter: String?
                var daysLeft: Int?
                var status: String
                var problem: String?
            }
            struct Report: Encodable {
                var checkedAt: String
                var warnDays: Int
                var ok: Bool
                var certificates: [Entry]
            }
            let format = ISO8601DateFormatter()
            let report = Report(
                checkedAt: format.string(from: inventory.now),
                warnDays: inventory.warningDays,
                ok: !inventory.hasFailures,
                certificates: inventory.checks.map {
                    Entry(
                        uses: $0.uses,
                        path: $0.path,
                        position: $0.position,
                        subject: $0.subject,
                        notBefore: $0.notValidBefore.map(format.string),
                        notAfter: $0.notValidAfter.map(format.string),
                        daysLeft: $0.daysLeft,
                        status: $0.status.rawValue,
                        problem: $0.problem
                    )
                }
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }

        /// `2027-03-01` (UTC).
        static func day(_ date: Date) -> String {
            date.formatted(.iso8601.year().month().day())
        }
    }
}
