import ArgumentParser
import Foundation
import XCAAuditOutbox

/// `xca-gateway audit status | export | report`: the operator's view of the local audit store
/// (`STATE/audit/outbox.sqlite`), read through a read-only connection, safe while the gateway runs.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The local audit store: delivery status, NDJSON export, Patient and User Access Reports.",
        discussion: """
            Every command reads STATE/audit/outbox.sqlite (see --state) with a read-only connection, so it is safe \
            while the gateway runs. The store holds every AuditEvent the gateway recorded, delivered or not, until \
            the retention prune (default 90 days after no sink has it pending).
            """,
        subcommands: [AuditStatusCommand.self, AuditExportCommand.self, AuditReportCommand.self, AuditCapacityCommand.self]
    )

    /// Opens the store under `state`, or exits 1 with a one-line reason.
    static func openStore(_ state: StateOptions) throws -> AuditStore {
        do {
            return try AuditStore(path: AuditOutbox.defaultURL(stateDirectory: state.directory).path)
        } catch let error as AuditOutboxError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
    }
}
