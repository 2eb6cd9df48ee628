import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals
import XCAFixtures
import XCAGateway
import XCATransport

/// `xca-gateway serve`: the gateway. With no `--config`, the embedded default — the fixture federation in-process,
/// the development PKI under STATE/pki, the gateway on https://127.0.0.1:8443 — and a printed way to call it.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the gateway (ITI-38, ITI-39, RAD-75, RAD-69 over mutual TLS).",
        discussion: """
            Without --config: a working federation on this machine (DEVELOPMENT ONLY) — the fixture communities \
            run in-process on free loopback ports, the development PKI is minted into STATE/pki on first use and \
            kept, example requests are written to STATE/examples, and the gateway listens on --listen \
            (127.0.0.1:8443). Callers present STATE/pki/client.pem + client-key.pem and trust STATE/pki/ca.pem. \
            With --config FILE: a real deployment described by the YAML file (docs/configuration.md); SIGHUP \
            reloads it (communities and certificates; a file with problems is refused and the running \
            configuration stays). Either way an admin listener serves Prometheus metrics on /metrics and the \
            probes /health/live and /health/ready over plain HTTP on --admin-listen (127.0.0.1:9464; \
            docs/operations.md). SIGINT/SIGTERM stop accepting, let in-flight requests finish (up to \
            gateway.shutdown.drainTimeout), flush the audit outbox and exit 0; a second SIGINT/SIGTERM cuts that \
            short.
            """
    )

    @Option(help: "The deployment's YAML configuration (docs/configuration.md). Default: the embedded federation.")
    var config: String?

    @Option(help: "HOST:PORT to listen on (overrides the configuration; default 127.0.0.1:8443).")
    var listen: String?

    @Option(
        help: """
            HOST:PORT of the admin listener (/metrics, /health/live, /health/ready; plain HTTP, keep it on loopback), \
            or off (overrides gateway.admin; default 127.0.0.1:9464).
            """
    )
    var adminListen: String?

    @OptionGroup var state: StateOptions

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    @OptionGroup var logging: LogFormatOptions

    func validate() throws {
        if let listen, HostAndPort(listen) == nil {
            throw ValidationError("--listen: expected HOST:PORT, got \(listen)")
        }
        if let adminListen, adminListen != "off", HostAndPort(adminListen) == nil {
            throw ValidationError("--admin-listen: expected HOST:PORT or off, got \(adminListen)")
        }
    }

    /// `--admin-listen` as given: nil when not given, `.some(nil)` for `off`.
    private var adminOverride: HostAndPort?? {
        adminListen.map { $0 == "off" ? nil : HostAndPort($0) }
    }

    func run() async throws {
        logging.bootstrap(level: logLevel)
        var logger = Logger(label: "xca.gateway")
        logger.logLevel = logLevel
        if let config {
            try await runConfigured(file: config, logger: logger)
        } else {
            try await runEmbedded(logger: logger)
        }
    }

    private func runEmbedded(logger: Logger) async throws {
        let address = listen.flatMap(HostAndPort.init) ?? HostAndPort(host: "127.0.0.1", port: 8443)
        var fixtureLogger = Logger(label: "xca.fixture")
        fixtureLogger.logLevel = .warning
        let admin = (adminOverride ?? HostAndPort(host: "127.0.0.1", port: AdminListenerSettings.defaultPort))
            .map { AdminListenerSettings(host: $0.host, port: $0.port) }
        let embedded = EmbeddedFederation(
            stateDirectory: state.directory,
            host: address.host,
            port: address.port,
            admin: admin
        )
        let examples = try EmbeddedExamples(federation: embedded.federation)
        let examplesDirectory = state.directory.appendingPathComponent("examples", isDirectory: true)
        try examples.write(to: examplesDirectory)
        let service = EmbeddedService(embedded: embedded, logger: logger, fixtureLogger: fixtureLogger) { ready in
            Self.printBanner(ready, examples: examples, examplesDirectory: examplesDirectory)
        }
        let group = ServiceGroup(
            configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await Self.run(group, logger: logger) {
            logger.notice("SIGHUP: nothing to reload: the embedded federation has no configuration file (serve --config FILE reloads FILE)")
        }
    }

    private func runConfigured(file: String, logger: Logger) async throws {
        var configuration: GatewayConfiguration
        do {
            configuration = try GatewayConfiguration.load(file: file)
        } catch {
            // Every problem at once, with its path; nothing starts.
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(78)  // EX_CONFIG
        }
        for warning in configuration.warnings {
            logger.warning("configuration", metadata: ["xca.config.path": "\(warning.path)", "xca.config.problem": "\(warning.message)"])
        }
        try FileManager.default.createDirectory(atPath: configuration.retrieve.spoolDirectory, withIntermediateDirectories: true)
        if let admin = adminOverride {
            configuration.gateway.admin.enabled = admin != nil
            if let admin { configuration.gateway.admin.listen = .init(host: admin.host, port: admin.port) }
        }
        let adminHost = configuration.gateway.admin.listen.host
        let override = listen.flatMap(HostAndPort.init).map { (host: $0.host, port: $0.port) }
        let host = override?.host ?? configuration.gateway.listen.host
        let enabled = configuration.enabledCommunities.count
        let service = try await GatewayService(
            configuration: configuration,
            listen: override,
            onAdminListening: { port in
                FileHandle.standardOutput.write(Data("admin listening on \(Self.adminURL(host: adminHost, port: port))\n".utf8))
            },
            logger: logger
        ) { port in
            let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            FileHandle.standardOutput.write(
                Data("gateway listening on https://\(authority)  (\(enabled) communities enabled; /xca: ITI-38, ITI-39; /xcai: RAD-75, RAD-69; /status)\n".utf8)
            )
        }
        let reloader = GatewayReloader(file: file, running: configuration, service: service, logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await Self.run(group, logger: logger, cutShort: { service.cutShort() }) {
            reloader.reload()
        }
    }

    /// Runs `group` (whose first SIGTERM or SIGINT starts the graceful shutdown); meanwhile each SIGHUP calls
    /// `reload`, and a second SIGTERM or SIGINT calls `cutShort` (without one it is only logged).
    private static func run(
        _ group: ServiceGroup,
        logger: Logger,
        cutShort: (@Sendable () -> Void)? = nil,
        reload: @escaping @Sendable () -> Void
    ) async throws {
        // Trapped before the group runs, so no signal sent after this is missed (the group traps the first
        // SIGTERM/SIGINT itself; this sequence sees it too and counts it).
        let hangUps = await UnixSignalsSequence(trapping: .sighup)
        let stops = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                for await _ in hangUps { reload() }
            }
            tasks.addTask {
                var count = 0
                for await _ in stops {
                    count += 1
                    guard count > 1 else { continue }
                    if let cutShort {
                        logger.warning("second stop signal: shutdown cut short")
                        cutShort()
                    } else {
                        logger.notice("second stop signal: already shutting down")
                    }
                }
            }
            try await group.run()
            tasks.cancelAll()
        }
    }

    private static func printBanner(_ ready: EmbeddedFederation.Ready, examples: EmbeddedExamples, examplesDirectory: URL) {
        let pki = Self.relative(ready.pkiDirectory.path)
        let folder = Self.relative(examplesDirectory.path)
        var lines = [
            "",
            "xca-gateway: embedded federation — \(DevelopmentPKI.banner)",
        ]
        if ready.createdPKIFiles > 0 { lines.append("minted \(ready.createdPKIFiles) PKI files in \(pki)") }
        lines.append("fixture communities:")
        for community in ready.communities {
            lines.append("  \(community.name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(community.homeCommunityID.rawValue)  \(community.url)")
        }
        lines.append("gateway listening on \(ready.gatewayURL)  (/xca: ITI-38, ITI-39; /xcai: RAD-75, RAD-69; /status)")
        if let adminURL = ready.adminURL {
            lines.append("admin listening on \(adminURL)  (/metrics: Prometheus; /health/live, /health/ready: probes)")
        }
        if let parsURL = ready.parsURL, let outbox = ready.auditOutbox, let events = ready.parsEvents {
            lines += [
                "audit: every request is a FHIR AuditEvent, durable in \(Self.relative(outbox.path)) before it is answered,",
                "       delivered to the fixture PARS \(parsURL) (received: \(Self.relative(events.path)));",
                "       `xca-gateway audit status`, `audit report patient NHS` read the trail",
            ]
        }
        lines += [
            "",
            "try it:",
        ]
        for example in examples.examples {
            lines += [
                "  # \(example.summary)",
                "  curl -sS --cert \(pki)/client.pem --key \(pki)/client-key.pem --cacert \(pki)/ca.pem \\",
                "    -H 'Content-Type: application/soap+xml; charset=UTF-8; action=\"\(example.action)\"' \\",
                "    --data-binary @\(folder)/\(example.file) \(ready.gatewayURL)\(example.path)",
            ]
        }
        lines.append("")
        FileHandle.standardOutput.write(Data(lines.joined(separator: "\n").utf8 + [0x0A]))
    }

    /// `http://HOST:PORT` (IPv6 in brackets) and its paths, as printed when the admin listener listens.
    private static func adminURL(host: String, port: Int) -> String {
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        return "http://\(authority)  (/metrics: Prometheus; /health/live, /health/ready: probes)"
    }

    private static func relative(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}

/// Wraps the embedded federation as one `Service`. ServiceLifecycle logs each service by its description (debug
/// level): the default one would print the whole fixture federation, patients included, so it is just the name.
private struct EmbeddedService: Service, CustomStringConvertible {
    var description: String { "EmbeddedService" }

    let embedded: EmbeddedFederation
    let logger: Logger
    let fixtureLogger: Logger
    let onReady: @Sendable (EmbeddedFederation.Ready) async -> Void

    func run() async throws {
        try await embedded.run(logger: logger, fixtureLogger: fixtureLogger, onReady: onReady)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
