import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import XCAFixtureServer
import XCAFixtures

/// `xca-gateway pars-fixture`: a fixture PARS (FHIR R4 AuditEvent endpoint over mutual TLS) that stores what it
/// receives as NDJSON and can be told to fail. Runs until SIGINT or SIGTERM.
struct ParsFixtureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pars-fixture",
        abstract: "Run a fixture PARS: FHIR R4 AuditEvents over mutual TLS, stored as NDJSON, with injected failures.",
        discussion: """
            Accepts POST [base]/AuditEvent, PUT [base]/AuditEvent/{id} (201 new, 200 again) and POST [base] with a \
            batch Bundle (a batch-response with one status per entry), with the development PKI's server identity \
            (--pki, minted there if missing; development only); callers need a client certificate from that PKI's \
            CA (the gateway uses gateway-client.pem). Each accepted AuditEvent is appended to --out as one line. \
            The base URL is printed, and written as JSON to --ready-file, once listening.

            Failures: --fail-503-for N answers 503 to the first N requests (or, with a unit, e.g. 30s, for that \
            long from the first request); --reject-422 FRACTION and --reject-422-suffix HEX answer 422 with an \
            OperationOutcome to some AuditEvents, chosen by id, so a resend is refused again.
            """
    )

    @Option(help: "HOST:PORT to listen on (port 0: any free port).")
    var listen = "127.0.0.1:0"

    @Option(help: "Development PKI directory (created with pki init's layout if missing). Default: STATE/pki.")
    var pki: String?

    @OptionGroup var state: StateOptions

    @Option(help: "NDJSON file the accepted AuditEvents are appended to. Default: STATE/pars-fixture/audit-events.ndjson.")
    var out: String?

    @Option(name: .customLong("base-path"), help: "FHIR base path, e.g. /fhir (default: the root).")
    var basePath = ""

    @Option(name: .customLong("fail-503-for"), help: "Answer 503 to the first N requests, or for a duration (30s, 2m) from the first request.")
    var fail503For: PARSFaultScript.Unavailability?

    @Option(name: .customLong("retry-after"), help: "Retry-After seconds sent with the 503s.")
    var retryAfter: Int?

    @Option(name: .customLong("reject-422"), help: "Fraction of AuditEvents answered 422, chosen by id (0…1).")
    var reject422 = 0.0

    @Option(name: .customLong("reject-422-suffix"), help: "Answer 422 to AuditEvents whose id ends with one of these characters (e.g. 0f).")
    var reject422Suffix = ""

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    @OptionGroup var logging: LogFormatOptions

    @Option(name: .customLong("ready-file"), help: "Write {\"url\": BASE} here once listening.")
    var readyFile: String?

    func validate() throws {
        guard HostAndPort(listen) != nil else { throw ValidationError("--listen: expected HOST:PORT, got \(listen)") }
        guard (0...1).contains(reject422) else { throw ValidationError("--reject-422 must be between 0 and 1") }
        if let retryAfter, retryAfter < 0 { throw ValidationError("--retry-after must not be negative") }
    }

    func run() async throws {
        guard let address = HostAndPort(listen) else { throw ValidationError("--listen: expected HOST:PORT") }
        logging.bootstrap(level: logLevel)
        let logger = Logger(label: "xca.fixture.pars")
        let pkiDirectory = pki.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? state.pkiDirectory
        let report = try DevelopmentPKI.initialize(directory: pkiDirectory, communities: [])
        if !report.created.isEmpty {
            FileHandle.standardError.write(
                Data("\(DevelopmentPKI.banner)\nminted \(report.created.count) files in \(pkiDirectory.path)\n".utf8)
            )
        }
        let output = out ?? state.directory.appendingPathComponent("pars-fixture/audit-events.ndjson").path
        let faults = PARSFaultScript(
            unavailable: fail503For,
            retryAfterSeconds: retryAfter,
            rejectFraction: reject422,
            rejectIDSuffixes: Set(reject422Suffix)
        )
        let host = address.host
        let readyFile = self.readyFile
        let basePath = PARSFixture.normalised(basePath: self.basePath)
        let fixture = try PARSFixture(
            transport: PARSFixture.transport(pki: report.material, host: host, port: address.port),
            faults: faults,
            basePath: basePath,
            output: output,
            logger: logger
        ) { port in
            let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            Self.ready(url: "https://\(authority)\(basePath)", file: readyFile)
        }
        let group = ServiceGroup(
            configuration: .init(services: [fixture], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await group.run()
    }

    private static func ready(url: String, file: String?) {
        if let file {
            do {
                let data = try JSONSerialization.data(withJSONObject: ["url": url], options: [.withoutEscapingSlashes])
                try data.write(to: URL(fileURLWithPath: file), options: .atomic)
            } catch {
                FileHandle.standardError.write(Data("cannot write the ready file \(file)\n".utf8))
            }
        }
        FileHandle.standardOutput.write(Data("pars-fixture  \(url)\n".utf8))
    }
}

extension PARSFaultScript.Unavailability: ExpressibleByArgument {}
