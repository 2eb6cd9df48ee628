import ArgumentParser
import XCAFixtures
import XCAModel

/// `--synthetic-study SIZE` and friends: add a large synthetic study to a fixture federation for benchmarks.
/// Shared by the `fixtures` subcommands (`@OptionGroup var synthetic: SyntheticStudyOptions`).
struct SyntheticStudyOptions: ParsableArguments {
    @Option(
        name: .customLong("synthetic-study"),
        help:
            "Add a synthetic CT study of this total size (e.g. 1GiB, 512MiB, 100MB); instance contents are generated lazily."
    )
    var size: String?

    @Option(name: .customLong("synthetic-instance-size"), help: "Size of each instance of the synthetic study.")
    var instanceSize = "512KiB"

    @Option(
        name: .customLong("synthetic-community"),
        help: "Community that holds the synthetic study (default: the first)."
    )
    var community: String?

    @Option(
        name: .customLong("synthetic-patient"),
        help: "NHS number of the synthetic study's patient (default: the first patient known in that community)."
    )
    var patient: String?

    /// `federation`, with the synthetic study when `--synthetic-study` was given.
    func apply(to federation: FixtureFederation) throws -> FixtureFederation {
        guard let size else { return federation }
        do {
            return try federation.addingSyntheticStudy(
                totalSize: FixtureByteCount.parse(size),
                instanceSize: FixtureByteCount.parse(instanceSize),
                community: community,
                patient: patient.map(NHSNumber.normalising)
            )
        } catch {
            throw ValidationError(error.message)
        }
    }
}
