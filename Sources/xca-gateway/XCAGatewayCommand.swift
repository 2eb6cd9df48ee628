import ArgumentParser

@main
struct XCAGatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xca-gateway",
        abstract: "XCA / XCA-I imaging federation gateway (ITI-38, ITI-39, RAD-69, RAD-75).",
        discussion: """
            The federation (`serve`), the fixture communities, the development PKI and the audit commands arrive
            issue by issue; this build carries the foundation: the SOAP/MTOM codec, the IHE model and its binding.
            """,
        subcommands: [InspectCommand.self, PKICommand.self, FixturesCommand.self]
    )
}
