import ArgumentParser

@main
struct XCAGatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xca-gateway",
        abstract: "XCA / XCA-I imaging federation gateway (ITI-38, ITI-39, RAD-69, RAD-75).",
        subcommands: []
    )
}
