import Foundation
import Testing
import XCAFixtures
import XCAModel
import XCATransport

@testable import XCAGateway

@Suite("Configuration: loading")
struct ConfigurationLoadingTests {
    @Test("a full file gives every typed value")
    func fullFile() throws {
        let fixture = try ConfigurationFixture()
        let yaml = """
            gateway:
              homeCommunityId: urn:oid:1.2.826.0.1.3680043.10.1
              listen: "[::1]:9443"
              tls:
                certificate: pki/server.pem
                privateKey: pki/server-key.pem
                trustAnchors: [pki/ca.pem, pki/bad/other-ca.pem]
                minimumVersion: "1.3"
              limits:
                maxHeaderBytes: 16KiB
                maxBodyBytes: 1GiB
                requestTimeout: 45s
                idleTimeout: 2m
                maxConnections: 200
                maxConcurrentRequests: 48
              stateDirectory: /var/lib/xca-gateway
            query:
              deadline: 15s
              maxResponseBytes: 1048576
              deduplicate: byId
            retrieve:
              deadline: 40s
              transferTimeout: 2h
              maxInlineBytes: 32MiB
              spoolDirectory: tmp/spool
            outbound:
              connectTimeout: 250ms
              idleTimeout: 90s
              maxConnectionsPerCommunity: 4
            circuitBreaker:
              failureThreshold: 3
              openDuration: 1m
            communities:
              - name: north-imaging
                homeCommunityId: urn:oid:1.2.826.0.1.3680043.10.2
                enabled: false
                endpoints:
                  query: https://north.example:8443/xca
                  retrieve: https://north.example:8443/xca-retrieve
                  imagingRetrieve: https://north.example:8443/xcai
                tls:
                  certificate: pki/communities/north-imaging.pem
                  privateKey: pki/communities/north-imaging-key.pem
                  trustAnchors: [pki/ca.pem]
                  minimumVersion: "1.3"
                timeout: 12s
                maxConcurrentRequests: 8
                repositories: [1.2.826.0.1.3680043.10.2.1, 1.2.826.0.1.3680043.10.2.2]
                imagingDocumentSources: [1.2.826.0.1.3680043.10.2.3]
                quirks:
                  stampMissingHome: false
                  acceptInlineDocuments: false
                  maxDocumentsPerRetrieve: 100
              - name: midlands-imaging
                homeCommunityId: urn:oid:1.2.826.0.1.3680043.10.3
                endpoints:
                  query: https://midlands.example/xca
                tls:
                  certificate: pki/gateway-client.pem
                  privateKey: pki/gateway-client-key.pem
                  trustAnchors: [pki/ca.pem]
            """
        let configuration = try fixture.parse(yaml)
        let pki = fixture.path + "/pki/"

        #expect(configuration.gateway.homeCommunityID == HomeCommunityID("urn:oid:1.2.826.0.1.3680043.10.1"))
        #expect(configuration.gateway.listen == .init(host: "::1", port: 9443))
        #expect(configuration.gateway.listen.description == "[::1]:9443")
        #expect(
            configuration.gateway.tls
                == .init(
                    certificate: pki + "server.pem",
                    privateKey: pki + "server-key.pem",
                    trustAnchors: [pki + "ca.pem", pki + "bad/other-ca.pem"],
                    minimumVersion: .v1_3
                )
        )
        #expect(
            configuration.gateway.limits
                == .init(
                    maxHeaderBytes: 16 * 1024,
                    maxBodyBytes: 1 << 30,
                    requestTimeout: .seconds(45),
                    idleTimeout: .seconds(120),
                    maxConnections: 200,
                    maxConcurrentRequests: 48
                )
        )
        #expect(configuration.gateway.stateDirectory == "/var/lib/xca-gateway")
        #expect(configuration.query == .init(deadline: .seconds(15), maxResponseBytes: 1_048_576, deduplicate: .byId))
        #expect(
            configuration.retrieve
                == .init(
                    deadline: .seconds(40),
                    transferTimeout: .seconds(7_200),
                    maxInlineBytes: 32 << 20,
                    spoolDirectory: "/var/lib/xca-gateway/tmp/spool"
                )
        )
        #expect(
            configuration.outbound
                == .init(connectTimeout: .milliseconds(250), idleTimeout: .seconds(90), maxConnectionsPerCommunity: 4)
        )
        #expect(configuration.circuitBreaker == .init(failureThreshold: 3, openDuration: .seconds(60)))

        try #require(configuration.communities.count == 2)
        let north = configuration.communities[0]
        #expect(north.name == "north-imaging")
        #expect(north.homeCommunityID == HomeCommunityID("urn:oid:1.2.826.0.1.3680043.10.2"))
        #expect(north.enabled == false)
        #expect(
            north.endpoints
                == .init(
                    query: "https://north.example:8443/xca",
                    retrieve: "https://north.example:8443/xca-retrieve",
                    imagingRetrieve: "https://north.example:8443/xcai"
                )
        )
        #expect(
            north.tls
                == .init(
                    certificate: pki + "communities/north-imaging.pem",
                    privateKey: pki + "communities/north-imaging-key.pem",
                    trustAnchors: [pki + "ca.pem"],
                    minimumVersion: .v1_3
                )
        )
        #expect(north.timeout == .seconds(12))
        #expect(north.maxConcurrentRequests == 8)
        #expect(
            north.repositories == [
                RepositoryUniqueID("1.2.826.0.1.3680043.10.2.1"), RepositoryUniqueID("1.2.826.0.1.3680043.10.2.2"),
            ]
        )
        #expect(north.imagingDocumentSources == [RepositoryUniqueID("1.2.826.0.1.3680043.10.2.3")])
        #expect(
            north.quirks == .init(stampMissingHome: false, acceptInlineDocuments: false, maxDocumentsPerRetrieve: 100)
        )

        let midlands = configuration.communities[1]
        #expect(midlands.enabled)
        #expect(midlands.endpoints == .init(query: "https://midlands.example/xca"))
        #expect(configuration.enabledCommunities.map(\.name) == ["midlands-imaging"])
        #expect(configuration.community(named: "north-imaging")?.maxConcurrentRequests == 8)
        #expect(configuration.warnings.isEmpty, "\(configuration.warnings)")

        let server = configuration.serverConfiguration
        #expect(server.host == "::1" && server.port == 9443)
        #expect(server.tls.certificateChain == .file(pki + "server.pem"))
        #expect(server.tls.trustAnchors == [.file(pki + "ca.pem"), .file(pki + "bad/other-ca.pem")])
        #expect(server.tls.minimumVersion == .v1_3)
        #expect(server.limits.maxBodyBytes == 1 << 30 && server.limits.idleTimeout == .seconds(120))
        #expect(server.limits.maxConcurrentRequests == 48)
        let client = configuration.clientConfiguration
        #expect(client.connectTimeout == .milliseconds(250) && client.maxConnectionsPerEndpoint == 4)
        _ = try midlands.communityTLS()
    }

    @Test("keys left out take their defaults, which are the transport's")
    func defaults() throws {
        let fixture = try ConfigurationFixture()
        let configuration = try fixture.parse(ConfigurationFixture.valid)
        #expect(configuration.gateway.listen == .init(host: "127.0.0.1", port: 8443))
        #expect(configuration.gateway.tls.minimumVersion == .v1_2)
        #expect(configuration.gateway.stateDirectory == fixture.path + "/state")
        #expect(configuration.query == .init())
        #expect(configuration.query.deadline == .seconds(20))
        #expect(configuration.query.maxResponseBytes == 64 << 20)
        #expect(configuration.query.deduplicate == .byIdAndHome)
        #expect(configuration.retrieve.deadline == .seconds(30))
        #expect(configuration.retrieve.transferTimeout == .seconds(3_600))
        #expect(configuration.retrieve.maxInlineBytes == 64 << 20)
        #expect(configuration.retrieve.spoolDirectory == fixture.path + "/state/spool")
        #expect(configuration.circuitBreaker == .init(failureThreshold: 5, openDuration: .seconds(30)))

        let transportLimits = HTTPSServerConfiguration.Limits()
        let limits = configuration.gateway.limits
        #expect(limits.maxHeaderBytes == transportLimits.maxHeaderBytes && limits.maxHeaderBytes == 32 * 1024)
        #expect(limits.maxBodyBytes == transportLimits.maxBodyBytes && limits.maxBodyBytes == 16 << 20)
        #expect(limits.requestTimeout == transportLimits.requestTimeout && limits.requestTimeout == .seconds(30))
        #expect(limits.idleTimeout == transportLimits.idleTimeout && limits.idleTimeout == .seconds(60))
        #expect(limits.maxConnections == transportLimits.maxConnections && limits.maxConnections == 1024)
        #expect(
            limits.maxConcurrentRequests == transportLimits.maxConcurrentRequests && limits.maxConcurrentRequests == 256
        )
        #expect(configuration.serverConfiguration.limits.maxConcurrentRequests == 256)
        let transportClient = CommunityHTTPClient.Configuration()
        #expect(configuration.outbound.connectTimeout == transportClient.connectTimeout)
        #expect(configuration.outbound.idleTimeout == transportClient.idleTimeout)
        #expect(configuration.outbound.maxConnectionsPerCommunity == transportClient.maxConnectionsPerEndpoint)

        let midlands = try #require(configuration.community(named: "midlands-imaging"))
        #expect(midlands.enabled)
        #expect(midlands.timeout == .seconds(10))
        #expect(midlands.maxConcurrentRequests == 16)
        #expect(midlands.repositories.isEmpty && midlands.imagingDocumentSources.isEmpty)
        #expect(
            midlands.quirks == .init(stampMissingHome: true, acceptInlineDocuments: true, maxDocumentsPerRetrieve: nil)
        )
        #expect(midlands.tls.minimumVersion == .v1_2)
        #expect(configuration.warnings.isEmpty, "\(configuration.warnings)")
    }

    @Test("keys with no value: optional ones are none, lists empty, required ones refused")
    func nullValues() throws {
        let fixture = try ConfigurationFixture()
        let accepted = try fixture.parse(
            ConfigurationFixture.yaml([
                (
                    "    timeout: 10s\n",
                    "    timeout: 10s\n    quirks:\n      maxDocumentsPerRetrieve: ~\n    imagingDocumentSources:\n"
                )
            ])
        )
        #expect(accepted.communities[0].quirks.maxDocumentsPerRetrieve == nil)
        #expect(accepted.communities[0].imagingDocumentSources.isEmpty)

        let problems = fixture.problems(try ConfigurationFixture.yaml([("    timeout: 10s\n", "    timeout:\n")]))
        #expect(problems.contains("communities[0].timeout", "has no value (expected duration)"), "\(problems)")
    }

    @Test("relative paths are resolved against the file's directory, the spool against the state directory")
    func relativePaths() throws {
        let fixture = try ConfigurationFixture()
        let yaml = try ConfigurationFixture.yaml([
            ("    certificate: pki/server.pem", "    certificate: ./pki/../pki/server.pem"),
            ("    privateKey: pki/server-key.pem", "    privateKey: \(fixture.path)/pki/server-key.pem"),
            ("query:\n", "  stateDirectory: run/state\nretrieve:\n  spoolDirectory: ../spool\nquery:\n"),
        ])
        try fixture.write(yaml, to: "etc/gateway.yaml")
        // Files referenced relative to etc/ do not exist: the same file loaded from etc/ must name etc/pki paths.
        let fromEtc = try #require(throws: ConfigurationError.self) {
            try GatewayConfiguration.load(file: fixture.path + "/etc/gateway.yaml", now: fixture.now)
        }
        #expect(
            fromEtc.problems.contains("gateway.tls.certificate", "file not found (\(fixture.path)/etc/pki/server.pem)")
        )
        #expect(fromEtc.problems.at("gateway.tls.privateKey") == nil, "absolute paths are kept")

        try fixture.write(yaml, to: "gateway.yaml")
        let previous = FileManager.default.currentDirectoryPath
        let configuration = try GatewayConfiguration.load(file: fixture.path + "/gateway.yaml", now: fixture.now)
        #expect(FileManager.default.currentDirectoryPath == previous)
        #expect(configuration.gateway.tls.certificate == fixture.path + "/pki/server.pem")
        #expect(configuration.gateway.tls.privateKey == fixture.path + "/pki/server-key.pem")
        #expect(configuration.gateway.tls.trustAnchors == [fixture.path + "/pki/ca.pem"])
        #expect(configuration.communities[0].tls.certificate == fixture.path + "/pki/gateway-client.pem")
        #expect(configuration.gateway.stateDirectory == fixture.path + "/run/state")
        #expect(configuration.retrieve.spoolDirectory == fixture.path + "/run/spool")
    }

    @Test("a configuration file that is missing is one problem naming it")
    func missingFile() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try GatewayConfiguration.load(file: "/nonexistent/xca/gateway.yaml")
        }
        #expect(
            error.problems == [
                ConfigurationProblem(path: "", message: "configuration file not found (/nonexistent/xca/gateway.yaml)")
            ]
        )
        #expect(
            error.description
                == "/nonexistent/xca/gateway.yaml: error: configuration file not found (/nonexistent/xca/gateway.yaml)"
        )
    }

    @Test("warnings do not refuse the configuration; they are kept in warnings, in file order")
    func warnings() throws {
        let fixture = try ConfigurationFixture()
        let configuration = try fixture.parse(
            try ConfigurationFixture.yaml([
                ("    timeout: 10s\n", "    timeout: 25s\n"),
                ("query:\n", "retrieve:\n  deadline: 30s\n  transferTimeout: 10s\nquery:\n"),
            ])
        )
        #expect(configuration.warnings.map(\.path) == ["retrieve.transferTimeout", "communities[0].timeout"])
        #expect(configuration.warnings.allSatisfy { $0.severity == .warning })
        #expect(
            configuration.warnings[1].message == "is longer than query.deadline (20s): the deadline cuts it short"
        )
        #expect(configuration.warnings[0].message.hasPrefix("is shorter than retrieve.deadline (30s)"))
        #expect(configuration.communities[0].timeout == .seconds(25))
    }
}
