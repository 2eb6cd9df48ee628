import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import XCAFixtureServer
import XCAFixtures
import XCATransport

/// `xca-gateway fixtures serve`: fixture Responding Gateways over mutual TLS — one community, several, or all —
/// on the gateway's paths (`/xca` for ITI-38 and ITI-39, `/xcai` for RAD-75 and RAD-69), with optional delays and
/// injected faults. Runs until SIGINT or SIGTERM.
struct FixturesServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run fixture Responding Gateways (ITI-38, ITI-39, RAD-75, RAD-69) over mutual TLS.",
        discussion: """
            Each community listens on its own port with its own certificate from the development PKI (--pki, minted \
            there if missing; development only). Callers need a client certificate from that PKI's CA, e.g. \
            DIR/client.pem with DIR/client-key.pem. With several communities and a fixed --listen port P, they \
            take P, P+1, …; with port 0 each gets a free port. The URLs are printed, and written as JSON to \
            --ready-file once every community listens.

            Faults (--fault, on a --fault-rate fraction of requests): hang (never answer), reset (drop the \
            connection mid-body), garbage (200 with non-XML bytes), http500, soap-fault (SOAP 1.2 Receiver fault), \
            slow-drip (the real answer, a few bytes at a time), expired-cert (serve an expired certificate).
            """
    )

    @Option(name: .customLong("community"), help: "A community to serve (repeatable). Default: every community.")
    var communities: [String] = []

    @Flag(help: "Serve every community of the federation (the default when no --community is given).")
    var all = false

    @Option(help: "HOST:PORT to listen on (port 0: any free port).")
    var listen = "127.0.0.1:0"

    @Option(help: "Development PKI directory (created with pki init's layout if missing). Default: STATE/pki.")
    var pki: String?
    @OptionGroup var state: StateOptions

    @Option(help: "Serve the federation from this fixture directory instead of the built-in one.")
    var dir: String?

    @OptionGroup var synthetic: SyntheticStudyOptions

    @Option(help: "Delay before every answer, e.g. 200ms, 1.5s.")
    var delay = Duration.zero

    @Option(help: "Extra random delay in 0…JITTER on top of --delay.")
    var jitter = Duration.zero

    @Option(help: "Inject a fault: \(FaultInjection.Fault.allCases.map(\.rawValue).joined(separator: ", ")).")
    var fault: FaultInjection.Fault?

    @Option(name: .customLong("fault-rate"), help: "Fraction of requests that get the fault (0…1).")
    var faultRate = 1.0

    @Option(help: "Seed for jitter and for choosing faulted requests (repeatable runs).")
    var seed: UInt64 = 0x5EED

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    @OptionGroup var logging: LogFormatOptions

    @Option(name: .customLong("ready-file"), help: "Write {\"communities\": [{name, homeCommunityId, url}]} here once listening.")
    var readyFile: String?

    func validate() throws {
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate must be between 0 and 1") }
        guard HostAndPort(listen) != nil else { throw ValidationError("--listen: expected HOST:PORT, got \(listen)") }
    }

    func run() async throws {
        logging.bootstrap(level: logLevel)
        let logger = Logger(label: "xca.fixtures")
        let loaded = try dir.map { try FixtureFederation.load(directory: $0) } ?? FixtureFederation.builtIn()
        let federation = try synthetic.apply(to: loaded)
        let names = communities.isEmpty || all ? federation.communities.map(\.name) : communities
        let served = try names.map { name in
            guard let community = federation.community(named: name) else {
                let known = federation.communities.map(\.name).joined(separator: ", ")
                throw ValidationError("unknown community \(name); the federation has \(known)")
            }
            return community
        }
        let pkiDirectory = pki.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? state.pkiDirectory
        let report = try DevelopmentPKI.initialize(
            directory: pkiDirectory,
            communities: federation.communities.map(\.name)
        )
        if !report.created.isEmpty {
            FileHandle.standardError.write(
                Data("\(DevelopmentPKI.banner)\nminted \(report.created.count) files in \(pkiDirectory.path)\n".utf8)
            )
        }
        let injection = FaultInjection(
            delay: delay,
            jitter: jitter,
            fault: fault,
            rate: faultRate,
            seed: seed
        )
        guard let address = HostAndPort(listen) else { throw ValidationError("--listen: expected HOST:PORT") }
        let (host, basePort) = (address.host, address.port)
        let ready = ReadyReport(expected: served.count, host: host, file: readyFile)
        var services: [any Service] = []
        for (index, community) in served.enumerated() {
            let transport = try FixtureGatewayServer.transport(
                community: community.name,
                pki: report.material,
                host: host,
                port: basePort == 0 ? 0 : basePort + index,
                faults: injection
            )
            let name = community.name
            let home = community.homeCommunityID.rawValue
            services.append(
                try FixtureGatewayServer(community: community, transport: transport, faults: injection, logger: logger) {
                    port in await ready.listening(name: name, homeCommunityID: home, port: port)
                }
            )
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await group.run()
    }
}

extension FaultInjection.Fault: ExpressibleByArgument {}

/// `--delay 250ms`, `--jitter 1.5s` (see `Duration(humanReadable:)`); anything else is a usage error.
extension Duration: @retroactive ExpressibleByArgument {
    public init?(argument: String) {
        self.init(humanReadable: argument)
    }

    public var defaultValueDescription: String { "\(self)" }
}

/// Collects the bound ports; once every community listens, prints the URLs and writes the ready file.
private actor ReadyReport {
    struct Entry: Codable {
        var name: String
        var homeCommunityId: String
        var url: String
    }

    let expected: Int
    let host: String
    let file: String?
    var entries: [Entry] = []

    init(expected: Int, host: String, file: String?) {
        self.expected = expected
        self.host = host
        self.file = file
    }

    func listening(name: String, homeCommunityID: String, port: Int) {
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        entries.append(Entry(name: name, homeCommunityId: homeCommunityID, url: "https://\(authority)"))
        guard entries.count == expected else { return }
        entries.sort { $0.name < $1.name }
        if let file {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            do {
                let data = try encoder.encode(["communities": entries])
                let temporary = file + ".tmp"
                try data.write(to: URL(fileURLWithPath: temporary))
                // Atomic: a reader never sees a half-written file.
                guard rename(temporary, file) == 0 else { throw CocoaError(.fileWriteUnknown) }
            } catch {
                FileHandle.standardError.write(Data("cannot write the ready file \(file)\n".utf8))
            }
        }
        // After the ready file, unbuffered: whoever reads these lines can rely on the file and on every port.
        let lines = entries.map { "\($0.name)  \($0.homeCommunityId)  \($0.url)/xca  \($0.url)/xcai\n" }
        FileHandle.standardOutput.write(Data(lines.joined().utf8))
    }
}
