import ArgumentParser
import XCAAuditOutbox

/// `xca-gateway audit report patient NHS`: the Patient Access Report.
struct AuditReportPatientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patient",
        abstract: "Patient Access Report: who accessed this patient's data in the period."
    )

    @Argument(help: "The patient's NHS number (10 digits; spaces allowed).")
    var nhsNumber: String

    @OptionGroup var options: AuditReportCommand.Options

    func validate() throws {
        _ = try AuditReportCommand.validNHSNumber(nhsNumber)
        _ = try options.period()
    }

    func run() async throws {
        try options.run(
            .patient(try AuditReportCommand.validNHSNumber(nhsNumber)),
            columns: [
                ("RECORDED", false, { $0.recorded.auditText }),
                ("TRANSACTION", false, { $0.transaction }),
                ("OUTCOME", false, { $0.outcomeText }),
                ("USER", false, { $0.user ?? "-" }),
                ("NAME", true, { $0.userName ?? "-" }),
                ("ROLE", true, { $0.userRole ?? "-" }),
                ("ORGANISATION", true, { $0.organisationText }),
                ("CALLER", true, { $0.caller ?? "-" }),
            ]
        )
    }
}
