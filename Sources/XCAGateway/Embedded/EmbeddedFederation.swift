import Foundation
import Logging
import ServiceLifecycle
import XCAAudit
import XCAAuditOutbox
import XCAFederation
import XCAFixtureServer
import XCAFixtures
import XCAModel
import XCATransport

/// `xca-gateway serve` with no configuration: a working federation on one machine, for development and for
/// integrators. The fixture communities run in-process as real mTLS Responding Gateways on free loopback ports, the
/// development PKI lives in `STATE/pki/` (minted on first use, kept afterwards: the same names `pki init` uses), and
/// the gateway listens on `host:port` (https://127.0.0.1:8443 by default) trusting the PKI's CA for callers and
/// presenting `gateway-client` to the communities. DEVELOPMENT ONLY: the keys are on disk unprotected.
package struct EmbeddedFederation: Sendable {
    package var stateDirectory: URL
    package var host: String
    package var port: Int
    package var federation: FixtureFederation
    /// Faults injected into every fixture community (none by default).
    package var faults: FaultInjection
    package var settings: GatewaySettings
    /// Whether requests are audited: the events go to `STATE/audit/outbox.sqlite` and on to a fixture PARS, which
    /// keeps what it receives in `STATE/pars/audit-events.ndjson`.
    package var audit: Bool
    /// The admin listener (`/metrics`, `/health/…`); nil: none.
    package var admin: AdminListenerSettings?

    /// What is listening once the federation is up.
    package struct Ready: Sendable {
        package var gatewayURL: String
        package var gatewayPort: Int
        package var communities: [(name: String, homeCommunityID: HomeCommunityID, url: String)]
        package var pkiDirectory: URL
        package var createdPKIFiles: Int
        /// The fixture PARS (nil when auditing is off), its received events and the gateway's outbox.
        package var parsURL: String?
        package var parsEvents: URL?
        package var auditOutbox: URL?
        /// `http://HOST:PORT` of the admin listener, when there is one.
        package var adminURL: String?
    }

    /// The embedded gateway's own homeCommunityId: `.100` under the fixture federation's synthetic arc.
    package static let gatewayHomeCommunityID = HomeCommunityID(
        oid: OID(rawValue: FixtureUID.oid("xca-gateway", "fixture federation") + ".100")
    )

    package init(
        stateDirectory: URL,
        host: String = "127.0.0.1",
        port: Int = 8443,
        federation: FixtureFederation = .builtIn(),
        faults: FaultInjection = .none,
        settings: GatewaySettings = GatewaySettings(homeCommunityID: EmbeddedFederation.gatewayHomeCommunityID),
        audit: Bool = true,
        admin: AdminListenerSettings? = nil
    ) {
        self.stateDirectory = stateDirectory
        self.host = host
        self.port = port
        self.federation = federation
        self.faults = faults
        self.settings = settings
        self.audit = audit
        self.admin = admin
    }

    package var pkiDirectory: URL { stateDirectory.appendingPathComponent("pki", isDirectory: true) }
    package var auditOutbox: URL { AuditOutbox.defaultURL(stateDirectory: stateDirectory) }
    package var parsEvents: URL {
        stateDirectory.appendingPathComponent("pars", isDirectory: true).appendingPathComponent("audit-events.ndjson")
    }

    /// Runs the fixture communities and the gateway until cancelled or shut down gracefully; `onReady` is called
    /// once everything listens.
    package func run(
        logger: Logger,
        fixtureLogger: Logger? = nil,
        onReady: @escaping @Sendable (Ready) async -> Void
    ) async throws {
        let report = try DevelopmentPKI.initialize(
            directory: pkiDirectory,
            communities: federation.communities.map(\.name)
        )
        let pki = report.material
        let (bound, binding) = AsyncStream.makeStream(of: (index: Int, port: Int).self)
        let fixtures = try federation.communities.enumerated().map { index, community in
            try FixtureGatewayServer(
                community: community,
                transport: FixtureGatewayServer.transport(community: community.name, pki: pki, faults: faults),
                faults: faults,
                logger: fixtureLogger ?? logger
            ) { port in binding.yield((index, port)) }
        }
        // The fixture PARS listens beside the communities (its port arrives as index `fixtures.count`).
        let pars: PARSFixture? =
            audit
            ? try {
                try FileManager.default.createDirectory(
                    at: parsEvents.deletingLastPathComponent(),
                    withIntermediateDirectories: true
                )
                return try PARSFixture(
                    transport: PARSFixture.transport(pki: pki),
                    basePath: "/FHIR/R4",
                    output: parsEvents.path,
                    logger: fixtureLogger ?? logger
                ) { port in binding.yield((fixtures.count, port)) }
            }() : nil
        let expectedPorts = fixtures.count + (pars == nil ? 0 : 1)
        let gatewayTLS = try CommunityTLS(
            certificateChain: .pem(pki.gatewayClient.certificatePEM),
            privateKey: .pem(pki.gatewayClient.privateKeyPEM),
            trustAnchors: [.pem(pki.ca.certificatePEM)]
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            for fixture in fixtures {
                group.addTask {
                    do {
                        try await fixture.run()
                    } catch {
                        binding.finish()  // a community that cannot listen ends the wait below
                        throw error
                    }
                }
            }
            if let pars {
                group.addTask {
                    do {
                        try await pars.run()
                    } catch {
                        binding.finish()
                        throw error
                    }
                }
            }
            var ports: [Int: Int] = [:]
            for await (index, port) in bound {
                ports[index] = port
                if ports.count == expectedPorts { break }
            }
            guard ports.count == expectedPorts else {
                throw GatewayError(.configuration, "the fixture communities did not start")
            }
            let parsURL = pars.map { _ in "https://127.0.0.1:\(ports[fixtures.count] ?? 0)/FHIR/R4" }
            var communities: [(name: String, homeCommunityID: HomeCommunityID, url: String)] = []
            let links = federation.communities.enumerated().map { index, community in
                let base = "https://127.0.0.1:\(ports[index] ?? 0)"
                communities.append((community.name, community.homeCommunityID, base))
                return CommunityLink(
                    community: Community(
                        name: community.name,
                        homeCommunityID: community.homeCommunityID,
                        endpoints: CommunityEndpoints(query: base + "/xca", retrieve: base + "/xca", imagingRetrieve: base + "/xcai"),
                        repositoryUniqueIDs: Set(community.repositories),
                        imagingDocumentSourceIDs: Set(community.imagingDocumentSources.map(\.repositoryUniqueID))
                    ),
                    tls: gatewayTLS
                )
            }
            let host = self.host
            let pkiDirectory = self.pkiDirectory
            let created = report.created.count
            let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            let auditTrail = try parsURL.map { url in
                try AuditTrail(
                    configuration: AuditTrail.Configuration(
                        settings: AuditSettings(
                            asid: "000000000000",
                            baseURL: "https://\(authority)",
                            productName: "XCA imaging gateway (embedded development federation)",
                            processID: String(ProcessInfo.processInfo.processIdentifier)
                        ),
                        outboxPath: self.auditOutbox.path,
                        pars: PARSSink.Configuration(baseURL: url, tls: gatewayTLS)
                    ),
                    logger: logger
                )
            }
            let parsEvents = self.parsEvents
            let auditOutbox = self.auditOutbox
            // onReady once the gateway and its admin listener both listen (their ports arrive in either order).
            let (listenerPorts, listenerBound) = AsyncStream.makeStream(of: (admin: Bool, port: Int).self)
            var admin = self.admin
            let adminListening = admin?.onListening
            admin?.onListening = { port in
                listenerBound.yield((true, port))
                await adminListening?(port)
            }
            let gateway = try await GatewayService(
                settings: settings,
                links: links,
                transport: HTTPSServerConfiguration(
                    host: host,
                    port: port,
                    tls: .init(
                        certificateChain: .pem(pki.server.certificatePEM),
                        privateKey: .pem(pki.server.privateKeyPEM),
                        trustAnchors: [.pem(pki.ca.certificatePEM)]
                    )
                ),
                audit: auditTrail,
                // The fixture PARS stops with the gateway: a flush after the drain mostly meets a closed door, so it
                // is kept short (undelivered events are sent after the next start).
                shutdown: GatewayService.Shutdown(flushTimeout: .seconds(2)),
                admin: admin,
                logger: logger
            ) { port in listenerBound.yield((false, port)) }
            group.addTask {
                do {
                    try await gateway.run()
                } catch {
                    listenerBound.finish()  // a listener that cannot bind ends the wait below
                    throw error
                }
            }
            var gatewayPort: Int?
            var adminPort: Int?
            for await (isAdmin, port) in listenerPorts {
                if isAdmin { adminPort = port } else { gatewayPort = port }
                if gatewayPort != nil, admin == nil || adminPort != nil { break }
            }
            if let port = gatewayPort, admin == nil || adminPort != nil {
                let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
                await onReady(
                    Ready(
                        gatewayURL: "https://\(authority)",
                        gatewayPort: port,
                        communities: communities,
                        pkiDirectory: pkiDirectory,
                        createdPKIFiles: created,
                        parsURL: parsURL,
                        parsEvents: parsURL == nil ? nil : parsEvents,
                        auditOutbox: parsURL == nil ? nil : auditOutbox,
                        adminURL: admin.flatMap { admin in
                            adminPort.map { port in
                                "http://" + (admin.host.contains(":") ? "[\(admin.host)]:\(port)" : "\(admin.host):\(port)")
                            }
                        }
                    )
                )
            }
            // Graceful shutdown ends them all; a failure of one ends the others.
            try await group.waitForAll()
        }
    }
}
