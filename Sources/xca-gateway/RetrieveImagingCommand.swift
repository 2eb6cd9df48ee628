import ArgumentParser
import Foundation
import XCAClient
import XCAModel

/// `xca-gateway retrieve-imaging --patient NHS [--study UID] --out DIR`: the viewer's path — FindDocuments → the
/// imaging manifests (KOS) by ITI-39 → RAD-75 — writing DICOM Part-10 files as they stream.
struct RetrieveImagingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrieve-imaging",
        abstract: "Fetch a patient's images as DICOM files (ITI-38 → ITI-39 manifests → RAD-75).",
        discussion: """
            Finds the patient's XDS-I.b imaging manifests (FindDocuments), fetches them (ITI-39), reads each \
            study, series and instance and the Imaging Document Source holding it, then asks the gateway's \
            imaging endpoint for every instance (RAD-75, one request per study; Explicit then Implicit VR Little \
            Endian) and writes each to DIR/<study>/<series>/<sop>.dcm as it streams (a file appears only once \
            complete). Progress goes to stderr: a redrawn bar on a terminal, plain lines otherwise. Exit: 0 every \
            instance written, 2 some (the rest and every RegistryError are listed), 1 none or no answer, 64 \
            invalid input.
            """
    )

    @Option(help: "The patient's NHS number (10 digits; spaces allowed).")
    var patient: String

    @Option(help: "Only this study (Study Instance UID).")
    var study: String?

    @Option(help: "The directory to write into (created if missing).")
    var out: String = "."

    @OptionGroup var connection: ClientConnectionOptions

    func run() async throws {
        let nhsNumber = NHSNumber.normalising(patient)
        if let problem = nhsNumber.validationProblem {
            ClientOutput.error("--patient: \(problem)")
            throw ClientOutput.usage
        }
        let studyUID = study.map(StudyInstanceUID.init(rawValue:))
        if let problem = studyUID?.validationProblem {
            ClientOutput.error("--study: \(problem)")
            throw ClientOutput.usage
        }
        let progress = RetrieveImagingProgress(terminal: ClientOutput.standardErrorIsTerminal)
        try await connection.run { client throws(XCAClientError) in
            let outcome: ImagingRetrieveOutcome
            do throws(XCAClientError) {
                outcome = try await client.retrieveImaging(patient: nhsNumber, study: studyUID, into: out) {
                    progress.handle($0)
                }
            } catch {
                progress.finish()
                throw error
            }
            progress.finish()
            Self.printSummary(outcome, directory: out)
            for instance in outcome.notReceived {
                ClientOutput.standardError(
                    "not received: \(instance.studyInstanceUID)/\(instance.seriesInstanceUID)/\(instance.sopInstanceUID)"
                )
            }
            for failure in outcome.failures { ClientOutput.error(ClientOutput.redact(failure.message, nhsNumber)) }
            let names = outcome.errors.isEmpty ? [:] : await client.communityNames()
            ClientOutput.report(
                outcome.status,
                summary:
                    "\(outcome.written.count) of \(outcome.written.count + outcome.notReceived.count) instances written (\(ClientOutput.size(outcome.bytes)))",
                errors: outcome.errors,
                names: names,
                redacting: nhsNumber
            )
            return ClientOutput.exitCode(for: outcome.status)
        }
    }

    /// One line per series written (its directory and instance count), then the total, on stdout.
    static func printSummary(_ outcome: ImagingRetrieveOutcome, directory: String) {
        var order: [String] = []
        var counts: [String: (instances: Int, bytes: Int)] = [:]
        for file in outcome.written {
            let folder = "\(file.studyInstanceUID)/\(file.seriesInstanceUID)"
            if counts[folder] == nil { order.append(folder) }
            counts[folder, default: (0, 0)].instances += 1
            counts[folder, default: (0, 0)].bytes += file.size
        }
        let base = ClientOutput.relative(URL(fileURLWithPath: directory).standardizedFileURL.path)
        for folder in order {
            let count = counts[folder] ?? (0, 0)
            print(
                "\(base)/\(folder)  \(count.instances) \(count.instances == 1 ? "instance" : "instances")  \(ClientOutput.size(count.bytes))"
            )
        }
        let studies = Set(outcome.written.map(\.studyInstanceUID)).count
        if outcome.manifests.isEmpty {
            print("no imaging manifests found")
        } else {
            print(
                "wrote \(outcome.written.count) instances (\(ClientOutput.size(outcome.bytes))) of \(studies) \(studies == 1 ? "study" : "studies") from \(outcome.manifests.count) \(outcome.manifests.count == 1 ? "manifest" : "manifests") into \(base)"
            )
        }
    }
}
