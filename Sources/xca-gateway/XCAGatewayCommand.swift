import ArgumentParser

struct XCAGatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xca-gateway",
        abstract: "XCA / XCA-I imaging federation gateway (ITI-38, ITI-39, RAD-69, RAD-75).",
        discussion: """
            `serve` runs the gateway (with no configuration: a working fixture federation on this machine); \
            `query`, `retrieve` and `retrieve-imaging` are a client for any XCA gateway; `audit` reads the audit \
            trail; `certs check` and `config check` check a deployment; `fixtures`, `pars-fixture` and `pki` are \
            the integrator's test federation, fixture PARS and development PKI; `inspect` reads a message as the \
            gateway does.
            """,
        subcommands: [
            ServeCommand.self, QueryCommand.self, RetrieveCommand.self, RetrieveImagingCommand.self,
            AuditCommand.self, CertsCommand.self, ConfigCommand.self, ParsFixtureCommand.self,
            InspectCommand.self, PKICommand.self, FixturesCommand.self,
        ]
    )
}
