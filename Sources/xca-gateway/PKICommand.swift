import ArgumentParser
import Foundation
import XCAFixtures

/// `xca-gateway pki init [--dir DIR | --state STATE] [--community NAME ...]`: mints the development PKI (test CA, gateway server and
/// client identities, a PACS caller, one identity per fixture community, deliberately bad certificates).
struct PKICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pki",
        abstract: "Development PKI for the gateway, its callers and the fixture communities (DEVELOPMENT ONLY).",
        subcommands: [Init.self]
    )

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Mint the development PKI into a directory, keeping every file that already exists.",
            discussion: """
                DEVELOPMENT ONLY: the CA and keys are for a test federation on this machine and must never be \
                trusted elsewhere. Re-running creates only what is missing (a kept key gets a new certificate if \
                its certificate was removed) and never overwrites a file. Key files are written with mode 0600. \
                See docs/transport.md for the layout.
                """
        )

        @Option(help: "The directory to write into (created if missing). Default: STATE/pki.")
        var dir: String?

        @OptionGroup var state: StateOptions

        @Option(name: .customLong("community"), help: "A fixture community to mint an identity for (repeatable).")
        var communities: [String] = []

        func run() async throws {
            let names = communities.isEmpty ? DevelopmentPKI.defaultCommunities : communities
            let report: DevelopmentPKI.InitializationReport
            do {
                report = try DevelopmentPKI.initialize(
                    directory: dir.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? state.pkiDirectory,
                    communities: names
                )
            } catch let error as FixtureError {
                FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
                throw ExitCode.failure
            }
            FileHandle.standardError.write(Data("WARNING: \(DevelopmentPKI.banner)\n".utf8))
            print("PKI directory: \(report.directory.path)")
            for file in report.created { print("created  \(file)") }
            for file in report.kept { print("kept     \(file)") }
            print("\(report.created.count) created, \(report.kept.count) kept")
        }
    }
}
