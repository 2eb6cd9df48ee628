import ArgumentParser
import Foundation
import XCAFixtures

/// `xca-gateway fixtures list [--json] [--dir DIR]`: the communities and patients of the fixture federation and
/// what each community holds for each patient.
struct FixturesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the fixture communities, patients (NHS numbers) and what each community holds for them."
    )

    @Option(help: "Read the federation from this fixture directory instead of the built-in one.")
    var dir: String?

    @OptionGroup var synthetic: SyntheticStudyOptions
    @OptionGroup var state: StateOptions

    @Flag(help: "Print JSON: {\"communities\": [...], \"patients\": [...]}.")
    var json = false

    func run() async throws {
        let federation = try dir.map { try FixtureFederation.load(directory: $0) } ?? FixtureFederation.builtIn()
        let summary = try synthetic.apply(to: federation).summary
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            print(Self.text(summary))
        }
    }

    static func text(_ summary: FixtureFederationSummary) -> String {
        var lines = [
            "Fixture federation: \(summary.communities.count) communities, \(summary.patients.count) patients (all synthetic)",
            "",
        ]
        for community in summary.communities {
            lines.append("\(community.name) — \(community.displayName)")
            lines.append("  homeCommunityId   \(community.homeCommunityId)")
            for repository in community.repositories { lines.append("  repository        \(repository)") }
            for source in community.imagingDocumentSources {
                lines.append(
                    "  imaging source    \(source.name)  \(source.repositoryUniqueId)  (\(source.instances) instances)"
                )
            }
            let deprecated =
                community.deprecatedDocumentEntries > 0 ? " (\(community.deprecatedDocumentEntries) deprecated)" : ""
            lines.append(
                "  holds             \(community.patients) patients, \(community.studies) studies, "
                    + "\(community.documentEntries) DocumentEntries\(deprecated), \(community.instances) instances"
            )
            lines.append("")
        }
        lines.append("Patients")
        for patient in summary.patients {
            let number = patient.nhsNumber
            let spaced =
                number.count == 10 ? "\(number.prefix(3)) \(number.dropFirst(3).prefix(3)) \(number.suffix(4))" : number
            lines.append("  \(spaced)  \(pad(patient.displayName, 20))  \(patient.communities.joined(separator: ", "))")
            for study in patient.studies {
                var notes = [count(study.documentEntries, "entry", "entries")]
                if study.deprecatedDocumentEntries > 0 { notes.append("\(study.deprecatedDocumentEntries) deprecated") }
                if study.confidentiality.contains("R") { notes.append("restricted") }
                notes.append(count(study.instances, "instance", "instances"))
                lines.append(
                    "      \(pad(study.community, 19)) \(study.date ?? "          ")  \(pad(study.modality ?? "", 3)) "
                        + "\(study.description ?? "")  (\(notes.joined(separator: ", ")))"
                )
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func count(_ value: Int, _ one: String, _ many: String) -> String {
        "\(value) \(value == 1 ? one : many)"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
