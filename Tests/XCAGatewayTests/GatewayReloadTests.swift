import Foundation
import Logging
import Testing
import XCAFederation
import XCAFixtures
import XCAModel
import XCATransport

@testable import XCAGateway

/// Reload in-process (fast): what a reload changes between two files, the swap of the federation snapshot with the
/// circuit breakers of the communities that stay, and `GatewayReloader` against a running `GatewayService`.
@Suite("Reload: configuration diff, federation swap, reloader", .timeLimit(.minutes(1)))
struct GatewayReloadTests {
    static let south = """
          - name: south-west-imaging
            homeCommunityId: urn:oid:1.2.826.0.1.3680043.10.4
            endpoints:
              query: https://localhost:9003/xca
            tls:
              certificate: pki/gateway-client.pem
              privateKey: pki/gateway-client-key.pem
              trustAnchors: [pki/ca.pem]

        """

    @Test("the diff names added, removed and changed communities and the keys that need a restart, which keep their running value")
    func diff() throws {
        let fixture = try ConfigurationFixture()
        let running = try fixture.parse(ConfigurationFixture.valid)
        let loaded = try fixture.parse(
            try ConfigurationFixture.yaml([
                ("listen: 127.0.0.1:8443", "listen: 127.0.0.1:9443"),
                ("query:\n  deadline: 20s", "query:\n  deadline: 25s\noutbound:\n  connectTimeout: 2s"),
                ("    timeout: 10s\n", "    timeout: 4s\n"),
                ("  - name: midlands-imaging", Self.south + "  - name: midlands-imaging"),
            ])
        )
        let reload = ConfigurationReload(running: running, loaded: loaded)
        #expect(reload.added == ["south-west-imaging"])
        #expect(reload.removed == [])
        #expect(reload.changed == ["north-imaging"])
        #expect(reload.needsRestart == ["gateway.listen", "outbound.connectTimeout"])
        #expect(reload.applied.gateway.listen == running.gateway.listen)
        #expect(reload.applied.outbound == running.outbound)
        #expect(reload.applied.query.deadline == .seconds(25))
        #expect(reload.applied.community(named: "north-imaging")?.timeout == .seconds(4))

        let shrunk = try fixture.parse(try ConfigurationFixture.yaml([("  - name: north-imaging", "  - name: north-gone\n    enabled: false")]))
        let renamed = ConfigurationReload(running: running, loaded: shrunk)
        #expect(renamed.added == [] && renamed.removed == [], "same homeCommunityId: the same community")
        #expect(renamed.changed == ["north-gone"])

        let unchanged = ConfigurationReload(running: running, loaded: running)
        #expect(unchanged.added.isEmpty && unchanged.removed.isEmpty && unchanged.changed.isEmpty && unchanged.needsRestart.isEmpty)
    }

    static func link(_ n: Int, timeout: Duration = .seconds(10)) -> CommunityLink {
        CommunityLink(
            community: Community(
                name: "community-\(n)",
                homeCommunityID: HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.3680043.10.\(n)"),
                endpoints: CommunityEndpoints(query: "https://127.0.0.1:1/xca"),
                timeout: timeout
            ),
            tls: nil
        )
    }

    @Test("install swaps the federation for new requests; a snapshot taken before keeps its own; breakers of removed communities are dropped")
    func install() async throws {
        let http = CommunityHTTPClient()
        defer { Task { try? await http.shutdown() } }
        let settings = GatewaySettings(homeCommunityID: GatewayHarness.gatewayHome)
        let gateway = try Gateway(
            settings: settings,
            links: [Self.link(2), Self.link(3)],
            http: http,
            breakers: CircuitBreakerRegistry(configuration: .init(failureThreshold: 1), logger: GatewayHarness.quiet),
            logger: GatewayHarness.quiet
        )
        let now = ContinuousClock.now
        let two = Self.link(2).community.homeCommunityID
        let three = Self.link(3).community.homeCommunityID
        gateway.breakers.record(two, success: false, at: now)
        gateway.breakers.record(three, success: false, at: now)
        let before = gateway.federation

        var newSettings = settings
        newSettings.queryDeadline = .seconds(5)
        gateway.install(try GatewayFederation(settings: newSettings, links: [Self.link(2, timeout: .seconds(3)), Self.link(4)]))

        #expect(before.directory.communities.map(\.name) == ["community-2", "community-3"], "a running request's snapshot")
        #expect(before.settings.queryDeadline == .seconds(20))
        #expect(gateway.directory.communities.map(\.name) == ["community-2", "community-4"])
        #expect(gateway.directory.communities.first?.timeout == .seconds(3))
        #expect(gateway.settings.queryDeadline == .seconds(5))
        let circuits = gateway.breakers.snapshot()
        #expect(Set(circuits.keys) == [two], "the removed community's breaker is dropped")
        guard case .open = circuits[two] else {
            Issue.record("the staying community's open circuit was not kept: \(String(describing: circuits[two]))")
            return
        }
    }

    @Test("the reloader applies an edited file to a running service, refuses a broken one, and keeps restart-only keys")
    func reloader() async throws {
        let fixture = try ConfigurationFixture()
        let file = fixture.directory.appendingPathComponent("gateway.yaml")
        let base: [(String, String)] = [
            ("listen: 127.0.0.1:8443", "listen: 127.0.0.1:0"),
            ("query:\n  deadline: 20s", "query:\n  deadline: 20s\naudit:\n  enabled: false"),
        ]
        try Data(try ConfigurationFixture.yaml(base).utf8).write(to: file)
        let configuration = try GatewayConfiguration.load(file: file.path)
        let lines = JSONLogHandlerTests.Lines()
        let logger = JSONLogHandlerTests.logger(lines, level: .info)
        let (ports, bound) = AsyncStream.makeStream(of: Int.self)
        let service = try await GatewayService(configuration: configuration, logger: GatewayHarness.quiet) { bound.yield($0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            defer { group.cancelAll() }
            group.addTask { try await service.run() }
            var iterator = ports.makeAsyncIterator()
            _ = try #require(await iterator.next())
            let reloader = GatewayReloader(file: file.path, running: configuration, service: service, logger: logger)
            let serverBefore = service.server.certificate

            // Applied: a community added, one's timeout changed, the listener left alone (needs a restart).
            try Data(
                try ConfigurationFixture.yaml(
                    base + [
                        ("  - name: midlands-imaging", Self.south + "  - name: midlands-imaging"),
                        ("    timeout: 10s\n", "    timeout: 3s\n"),
                        ("listen: 127.0.0.1:0", "listen: 127.0.0.1:0\n  limits:\n    maxConnections: 8"),
                    ]
                ).utf8
            ).write(to: file)
            guard case .applied(let summary) = reloader.reload() else {
                Issue.record("refused: \(lines.texts)")
                return
            }
            #expect(summary.added == ["south-west-imaging"])
            #expect(summary.changed == ["north-imaging"])
            #expect(summary.certificates == [])
            #expect(summary.needsRestart == ["gateway.limits.maxConnections"])
            #expect(service.gateway.directory.communities.map(\.name) == ["north-imaging", "south-west-imaging", "midlands-imaging"])
            #expect(service.gateway.directory.communities.first?.timeout == .seconds(3))
            #expect(service.server.certificate == serverBefore, "same files: same certificate")
            let texts = lines.texts
            #expect(texts.contains { $0.contains("\"msg\":\"configuration reloaded\"") })
            #expect(texts.contains { $0.contains("needs a restart") && $0.contains("gateway.limits.maxConnections") })

            // Refused: a missing certificate and a bad duration, both logged with their paths; nothing changes.
            try Data(
                try ConfigurationFixture.yaml(base + [
                    (
                        ConfigurationFixture.northTLS,
                        ConfigurationFixture.northTLS(certificate: "pki/nothing.pem", privateKey: "pki/gateway-client-key.pem")
                    ),
                    ("    timeout: 10s\n", "    timeout: soon\n"),
                ]).utf8
            ).write(to: file)
            guard case .refused(let problems) = reloader.reload() else {
                Issue.record("a broken file was applied")
                return
            }
            #expect(Set(problems.map(\.path)) == ["communities[0].tls.certificate", "communities[0].timeout"])
            #expect(service.gateway.directory.communities.count == 3)
            #expect(service.gateway.directory.communities.first?.timeout == .seconds(3))
            let refusal = lines.texts.filter { $0.contains("\"level\":\"error\"") }
            #expect(refusal.contains { $0.contains("communities[0].tls.certificate") })
            #expect(refusal.contains { $0.contains("communities[0].timeout") })
            #expect(refusal.contains { $0.contains("reload refused: 2 problems; the previous configuration stays in force") })

            // Rotated server certificate (same paths, new files): reloaded for new connections.
            let rotated = try DevelopmentPKI.Identity.issue(.server(), issuer: fixture.material.ca)
            try fixture.write(rotated, as: "server")
            try Data(try ConfigurationFixture.yaml(base).utf8).write(to: file)
            guard case .applied(let rotation) = reloader.reload() else {
                Issue.record("refused: \(lines.texts)")
                return
            }
            #expect(rotation.certificates == ["gateway"])
            #expect(rotation.removed == ["south-west-imaging"])
            #expect(service.server.certificate != serverBefore)
            #expect(service.server.certificate.notValidAfter == rotated.certificate.notValidAfter)
        }
    }
}
