import ArgumentParser

@main
struct XCAGatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xca-gateway",
        abstract: "XCA / XCA-I imaging federation gateway (ITI-38, ITI-39, RAD-69, RAD-75).",
        discussion: """
            `serve` runs the gateway (with no configuration: a working fixture federation on this machine);             `fixtures` and `pki` are the integrator's test federation and development PKI; `inspect` reads a             message as the gateway does.
            """,
        subcommands: [ServeCommand.self, InspectCommand.self, PKICommand.self, FixturesCommand.self, AuditCommand.self, ParsFixtureCommand.self]
    )
}
