import ArgumentParser
import XCAFixtures

/// `xca-gateway fixtures generate --dir DIR [--force]`: writes the fixture federation as a directory
/// (README.md, federation.json, per community registry.xml, documents/, dicom/).
struct FixturesGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract:
            "Write the fixture federation to a directory (the committed Fixtures/ is `generate --dir Fixtures --force`).",
        discussion: """
            Output is deterministic: the same build writes the same bytes. A directory that already holds files is \
            refused unless --force, which replaces what a previous run wrote (communities/, federation.json, \
            README.md) and leaves anything else alone.
            """
    )

    @Option(help: "The directory to write.")
    var dir: String

    @Flag(help: "Replace previously generated fixtures in DIR.")
    var force = false

    @OptionGroup var synthetic: SyntheticStudyOptions
    @OptionGroup var state: StateOptions

    func run() async throws {
        let federation = try synthetic.apply(to: FixtureFederation.builtIn())
        try await federation.write(to: dir, replacingExisting: force)
        let summary = federation.summary
        let instances = summary.communities.reduce(0) { $0 + $1.instances }
        print(
            "wrote \(summary.communities.count) communities, \(summary.patients.count) patients, \(instances) instances to \(dir)"
        )
    }
}
