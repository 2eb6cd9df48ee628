import ArgumentParser

/// `xca-gateway fixtures …`: the synthetic fixture federation — list what it holds, write it to a directory.
/// `fixtures serve` runs the fixture Responding Gateways.
struct FixturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures",
        abstract: "The synthetic fixture federation: communities, patients, documents and DICOM instances.",
        discussion: """
            The built-in federation (Fixtures/ in the repository, generated from Sources/XCAFixtures/Blueprint/) \
            has three imaging communities and thirteen synthetic patients with NHS numbers from the 999 test range. \
            Everything in it is synthetic.
            """,
        subcommands: [
            FixturesListCommand.self,
            FixturesGenerateCommand.self,
            FixturesServeCommand.self,
        ]
    )
}
