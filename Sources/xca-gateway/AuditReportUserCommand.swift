import ArgumentParser
import XCAAuditOutbox

/// `xca-gateway audit report user ID`: the User Access Report.
struct AuditReportUserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "User Access Report: which patients' data this user accessed in the period."
    )

    @Argument(help: "The user: SDS user id or XUA NameID, as recorded.")
    var user: String

    @OptionGroup var options: AuditReportCommand.Options

    func validate() throws {
        guard !user.isEmpty else { throw ValidationError("give a user id") }
        _ = try options.period()
    }

    func run() async throws {
        try options.run(
            .user(user),
            columns: [
                ("RECORDED", false, { $0.recorded.auditText }),
                ("TRANSACTION", false, { $0.transaction }),
                ("OUTCOME", false, { $0.outcomeText }),
                ("PATIENT", false, { $0.patient ?? "-" }),
                ("ORGANISATION", true, { $0.organisationText }),
                ("CALLER", true, { $0.caller ?? "-" }),
            ]
        )
    }
}
