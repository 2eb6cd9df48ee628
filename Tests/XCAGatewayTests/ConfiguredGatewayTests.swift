import Foundation
import HTTPTypes
import NIOCore
import Logging
import Testing
import XCABinding
import XCAFixtureServer
import XCAFixtures
import XCAGateway
import XCAModel
import XCATransport

/// The gateway built from a YAML file (`serve --config`): PKI files on disk, fixture communities on loopback, the
/// file naming them — and a bad file refused as a whole by the real executable.
@Suite("Gateway from a configuration file", .timeLimit(.minutes(2)))
struct ConfiguredGatewayTests {
    @Test("a configuration file with three communities gives the same merged answer as the embedded federation")
    func configuredFederation() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xca-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try DevelopmentPKI.initialize(directory: directory.appendingPathComponent("pki"))
        let federation = FixtureFederation.builtIn()
        try await withThrowingTaskGroup(of: Void.self) { group in
            defer { group.cancelAll() }
            var communities = ""
            for community in federation.communities {
                let (ports, bound) = AsyncStream.makeStream(of: Int.self)
                let server = try FixtureGatewayServer(
                    community: community,
                    transport: FixtureGatewayServer.transport(community: community.name, pki: report.material),
                    logger: GatewayHarness.quiet
                ) { bound.yield($0) }
                group.addTask { try await server.run() }
                var iterator = ports.makeAsyncIterator()
                let port = try #require(await iterator.next())
                communities += """
                      - name: \(community.name)
                        homeCommunityId: \(community.homeCommunityID.rawValue)
                        endpoints:
                          query: https://127.0.0.1:\(port)/xca
                          retrieve: https://127.0.0.1:\(port)/xca
                          imagingRetrieve: https://127.0.0.1:\(port)/xcai
                        tls:
                          certificate: pki/gateway-client.pem
                          privateKey: pki/gateway-client-key.pem
                          trustAnchors: [pki/ca.pem]
                        timeout: 5s

                    """
            }
            let yaml = """
                gateway:
                  homeCommunityId: \(GatewayHarness.gatewayHome.rawValue)
                  listen: 127.0.0.1:0
                  tls:
                    certificate: pki/server.pem
                    privateKey: pki/server-key.pem
                    trustAnchors: [pki/ca.pem]
                  admin:
                    listen: 127.0.0.1:0
                query:
                  deadline: 10s
                communities:
                \(communities)
                """
            let file = directory.appendingPathComponent("gateway.yaml")
            try Data(yaml.utf8).write(to: file)
            let configuration = try GatewayConfiguration.load(file: file.path)
            #expect(configuration.communities.count == 3)
            let (gatewayPorts, gatewayBound) = AsyncStream.makeStream(of: Int.self)
            let (adminPorts, adminBound) = AsyncStream.makeStream(of: Int.self)
            let service = try await GatewayService(
                configuration: configuration,
                onAdminListening: { adminBound.yield($0) },
                logger: GatewayHarness.quiet
            ) { gatewayBound.yield($0) }
            group.addTask { try await service.run() }
            var iterator = gatewayPorts.makeAsyncIterator()
            let port = try #require(await iterator.next())
            var adminIterator = adminPorts.makeAsyncIterator()
            let adminPort = try #require(await adminIterator.next())
            let ready = try await AdminClient.ready("http://127.0.0.1:\(adminPort)")
            #expect(ready.status == 200)
            #expect(ready.checks["configuration"]?["detail"] as? String == "3 communities, 3 enabled")

            let client = CommunityHTTPClient()
            let tls = try CommunityTLS(
                certificateChain: .file(directory.appendingPathComponent("pki/client.pem").path),
                privateKey: .file(directory.appendingPathComponent("pki/client-key.pem").path),
                trustAnchors: [.file(directory.appendingPathComponent("pki/ca.pem").path)]
            )
            var headers = HTTPFields()
            headers[.contentType] = "application/soap+xml; charset=UTF-8; action=\"\(Transaction.iti38.requestAction)\""
            let request = GatewayHarness.findDocumentsRequest("9990000018")
            let answer = try await client.execute(
                CommunityHTTPRequest(
                    url: "https://127.0.0.1:\(port)/xca",
                    headerFields: headers,
                    body: ByteBuffer(bytes: try request.encode(addressing: .request(action: Transaction.iti38.requestAction)))
                ),
                tls: tls,
                deadline: .now + .seconds(30)
            )
            let bytes = Array(buffer: try await answer.body.collect(upTo: 16 << 20))
            try await client.shutdown()
            let response = try CrossGatewayQueryResponse.decode(bytes).response
            #expect(response.status == .success)
            #expect(Set(response.registryObjects.compactMap(\.home)) == Set(federation.communities.map(\.homeCommunityID)))
        }
    }

    @Test("serve --config with a bad file prints every problem with its path and exits 78 without listening")
    func badConfigurationRefused() async throws {
        let binary = ServeCommandTests.executable
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build first (swift build) or set XCA_GATEWAY_BINARY")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xca-badconfig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("gateway.yaml")
        try Data(
            """
            gateway:
              homeCommunityId: not-an-oid
              listen: 127.0.0.1:0
              tls:
                certificate: missing.pem
                privateKey: missing-key.pem
                trustAnchors: [ca.pem]
            communities:
              - name: north
                homeCommunityId: urn:oid:1.2.3
                endpoint:
                  query: http://127.0.0.1:1/xca

            """.utf8
        ).write(to: file)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--config", file.path]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 78)
        #expect(output.contains("gateway.homeCommunityId"))
        #expect(output.contains("gateway.tls.certificate"))
        #expect(output.contains("communities[0].endpoint"))
        #expect(output.contains("did you mean \"endpoints\"?"))
    }
}
