import ArgumentParser
import Foundation
import XCAAuditOutbox
import XCAModel

/// `xca-gateway audit report patient NHS | user ID --from T --to T [--json]`: the privacy officer's Patient Access
/// Report and User Access Report (audit.md §5), from the local audit store.
struct AuditReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Patient Access Report (who accessed a patient's data) or User Access Report (what a user accessed).",
        discussion: """
            Lines are the gateway's responder-role events (the end user's request as the gateway answered it, \
            what PARS receives): one per request, however many communities it reached; --include-legs adds the \
            outbound legs. The period defaults to the 31 days before --to (default now). Output contains patient \
            identifiers: handle it as patient data.
            """,
        subcommands: [AuditReportPatientCommand.self, AuditReportUserCommand.self]
    )

    /// `NHS` normalised (spaces removed) and checked (10 digits, Modulus 11), or a usage error (exit 64).
    static func validNHSNumber(_ text: String) throws -> String {
        let number = NHSNumber.normalising(text)
        if let problem = number.validationProblem { throw ValidationError("\(problem); no report or export was run") }
        return number.rawValue
    }

    /// What both reports take.
    struct Options: ParsableArguments {
        @OptionGroup var state: StateOptions

        @Option(help: "Start of the period: \(AuditTimeArgument.help). Default: 31 days before --to.")
        var from: AuditTimeArgument?

        @Option(help: "End of the period (a day counts whole): \(AuditTimeArgument.help). Default: now.")
        var to: AuditTimeArgument?

        @Flag(name: .customLong("include-legs"), help: "Also list the outbound (initiator) legs of each request.")
        var includeLegs = false

        @Flag(help: "Print JSON lines (one object per access) instead of a table.")
        var json = false

        func period(now: Date = Date()) throws -> (from: Date, to: Date) {
            let end = to?.end(now: now) ?? now
            let start = from?.start(now: now) ?? end.addingTimeInterval(-31 * 86_400)
            guard start < end else { throw ValidationError("--from must be before --to") }
            return (start, end)
        }

        /// `columns`: header, whether the column may be cut to fit the terminal, value.
        func run(_ subject: AccessReportSubject, columns: [(String, Bool, (AccessReportRow) -> String)]) throws {
            let (from, to) = try period()
            let rows = try AuditCommand.openStore(state).accessReport(subject, from: from, to: to, includeInitiator: includeLegs)
            var output = AuditStandardOutput()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                encoder.dateEncodingStrategy = .custom { date, encoder in
                    var container = encoder.singleValueContainer()
                    try container.encode(date.auditText)
                }
                for row in rows {
                    output.write(try encoder.encode(row))
                    output.write(CollectionOfOne(UInt8(ascii: "\n")))
                }
            } else {
                var table = AuditTextTable(
                    columns.map(\.0),
                    flexible: Set(columns.indices.filter { columns[$0].1 })
                )
                for row in rows { table.append(columns.map { $0.2(row) }) }
                output.write(table.render().utf8)
                output.write("\(rows.count) access\(rows.count == 1 ? "" : "es") from \(from.auditText) to \(to.auditText)\n".utf8)
            }
            output.flush()
        }
    }
}
