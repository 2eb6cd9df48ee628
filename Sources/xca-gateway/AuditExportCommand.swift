import ArgumentParser
import Foundation
import XCAAuditOutbox
import XCAModel

/// `xca-gateway audit export [--since T] [--until T] [--patient NHS] [--user ID]`: the stored AuditEvents as NDJSON
/// on stdout, verbatim, in `recorded` order.
struct AuditExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write stored AuditEvents as NDJSON (one FHIR R4 AuditEvent per line) to stdout.",
        discussion: """
            Every event the gateway recorded (responder and initiator legs, delivered or not) within the filters, \
            exactly as stored and sent. Output contains patient identifiers: handle it as patient data.
            """
    )

    @OptionGroup var state: StateOptions

    @Option(help: "Only events recorded at or after this: \(AuditTimeArgument.help).")
    var since: AuditTimeArgument?

    @Option(help: "Only events recorded before this: \(AuditTimeArgument.help).")
    var until: AuditTimeArgument?

    @Option(help: "Only events about this patient (NHS number, 10 digits; spaces allowed).")
    var patient: String?

    @Option(help: "Only events of this user (SDS user id or XUA NameID).")
    var user: String?

    func validate() throws {
        if let patient { _ = try AuditReportCommand.validNHSNumber(patient) }
        if let user, user.isEmpty { throw ValidationError("--user: give a user id") }
    }

    func run() async throws {
        let store = try AuditCommand.openStore(state)
        let now = Date()
        let filter = AuditStore.ExportFilter(
            since: since?.start(now: now),
            until: until?.end(now: now),
            patient: try patient.map(AuditReportCommand.validNHSNumber),
            user: user
        )
        var output = AuditStandardOutput()
        let newline = UInt8(ascii: "\n")
        try store.export(filter) { json in
            output.write(json)
            output.write(CollectionOfOne(newline))
        }
        output.flush()
    }
}
