import Foundation
import Logging
import XCAClient
import XCAFederation
import XCAFixtureServer
import XCAFixtures
import XCAGateway
import XCAModel
import XCATransport

/// Real servers for the client on 127.0.0.1 port 0 over mutual TLS: fixture Responding Gateways for the chosen
/// communities (with faults), and optionally this project's gateway in front of them — the client calls either, as
/// it would any XCA gateway. A development PKI is minted into a temporary directory per harness (files, as the CLI
/// reads them), removed afterwards.
struct ClientHarness: Sendable {
    static let federation = FixtureFederation.builtIn()
    static let quiet = Logger(label: "xca.test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// One community.
    struct Member: Sendable {
        enum Kind: Sendable {
            /// The built-in federation's community of this name, served by a fixture Responding Gateway.
            case fixture(String, FaultInjection)
            /// A community nothing listens for (port 1): connections are refused.
            case down(name: String, home: HomeCommunityID)
        }

        var kind: Kind

        static func fixture(_ name: String, faults: FaultInjection = .none) -> Member {
            Member(kind: .fixture(name, faults))
        }
    }

    static let allFixtures: [Member] = federation.communities.map { .fixture($0.name) }

    /// The directory holding the development PKI (`client.pem`, `ca.pem`, `bad/…`).
    let pkiDirectory: String
    let material: DevelopmentPKI.Material
    /// Base URL of each fixture community's Responding Gateway, by name.
    let communityURLs: [String: String]
    /// Connection counters of each fixture community's server, by name.
    let communityStatistics: [String: ConnectionStatistics]
    /// This project's gateway in front of the members, when asked for.
    let gatewayURL: String?
    let gatewayStatistics: ConnectionStatistics?

    static func with<T: Sendable>(
        _ members: [Member] = allFixtures,
        gateway: Bool = true,
        federation: FixtureFederation = federation,
        _ body: @Sendable (ClientHarness) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xca-client-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let pkiDirectory = directory.appendingPathComponent("pki")
        let material = try DevelopmentPKI.initialize(
            directory: pkiDirectory,
            communities: DevelopmentPKI.defaultCommunities
        )
        .material
        return try await withThrowingTaskGroup(of: Void.self) { group in
            defer { group.cancelAll() }
            var links: [CommunityLink] = []
            var urls: [String: String] = [:]
            var statistics: [String: ConnectionStatistics] = [:]
            for member in members {
                let name: String
                let home: HomeCommunityID
                var repositories: Set<RepositoryUniqueID> = []
                var sources: Set<RepositoryUniqueID> = []
                let base: String
                switch member.kind {
                case .fixture(let fixtureName, let faults):
                    guard let community = federation.community(named: fixtureName) else {
                        throw XCAClientError(.invalidInput, "no fixture community \(fixtureName)")
                    }
                    name = fixtureName
                    home = community.homeCommunityID
                    repositories = Set(community.repositories)
                    sources = Set(community.imagingDocumentSources.map(\.repositoryUniqueID))
                    let (ports, bound) = AsyncStream.makeStream(of: Int.self)
                    let server = try FixtureGatewayServer(
                        community: community,
                        transport: FixtureGatewayServer.transport(
                            community: fixtureName,
                            pki: material,
                            faults: faults
                        ),
                        faults: faults,
                        logger: quiet
                    ) { port in bound.yield(port) }
                    group.addTask { try await server.run() }
                    var iterator = ports.makeAsyncIterator()
                    guard let port = await iterator.next() else { throw CancellationError() }
                    base = "https://127.0.0.1:\(port)"
                    urls[name] = base
                    statistics[name] = server.statistics
                case .down(let downName, let downHome):
                    name = downName
                    home = downHome
                    base = "https://127.0.0.1:1"
                }
                links.append(
                    CommunityLink(
                        community: Community(
                            name: name,
                            homeCommunityID: home,
                            endpoints: CommunityEndpoints(
                                query: base + "/xca",
                                retrieve: base + "/xca",
                                imagingRetrieve: base + "/xcai"
                            ),
                            timeout: .seconds(10),
                            repositoryUniqueIDs: repositories,
                            imagingDocumentSourceIDs: sources
                        ),
                        tls: try CommunityTLS(
                            certificateChain: .pem(material.gatewayClient.certificatePEM),
                            privateKey: .pem(material.gatewayClient.privateKeyPEM),
                            trustAnchors: [.pem(material.ca.certificatePEM)]
                        )
                    )
                )
            }
            var gatewayURL: String?
            var gatewayStatistics: ConnectionStatistics?
            if gateway {
                let (ports, bound) = AsyncStream.makeStream(of: Int.self)
                let service = try await GatewayService(
                    settings: GatewaySettings(homeCommunityID: EmbeddedFederation.gatewayHomeCommunityID),
                    links: links,
                    transport: HTTPSServerConfiguration(
                        host: "127.0.0.1",
                        port: 0,
                        tls: .init(
                            certificateChain: .pem(material.server.certificatePEM),
                            privateKey: .pem(material.server.privateKeyPEM),
                            trustAnchors: [.pem(material.ca.certificatePEM)]
                        )
                    ),
                    logger: quiet
                ) { bound.yield($0) }
                group.addTask { try await service.run() }
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else { throw CancellationError() }
                gatewayURL = "https://127.0.0.1:\(port)"
                gatewayStatistics = service.statistics
            }
            let harness = ClientHarness(
                pkiDirectory: pkiDirectory.path,
                material: material,
                communityURLs: urls,
                communityStatistics: statistics,
                gatewayURL: gatewayURL,
                gatewayStatistics: gatewayStatistics
            )
            return try await body(harness)
        }
    }

    /// The caller identity of the PKI (`client.pem`), trusting its CA.
    var identity: XCAClientConfiguration.Identity {
        XCAClientConfiguration.Identity(
            certificate: pkiDirectory + "/client.pem",
            privateKey: pkiDirectory + "/client-key.pem",
            trustAnchors: [pkiDirectory + "/ca.pem"]
        )
    }

    /// A configuration calling `base` (the gateway, or a fixture community) with this project's endpoint layout.
    func configuration(
        _ base: String,
        identity: XCAClientConfiguration.Identity? = nil,
        timeout: Duration = .seconds(30)
    ) -> XCAClientConfiguration {
        XCAClientConfiguration(endpoints: .init(gateway: base), identity: identity ?? self.identity, timeout: timeout)
    }

    /// Runs `body` with a client of the gateway.
    func withGatewayClient<T: Sendable>(_ body: (XCAClient) async throws -> T) async throws -> T {
        guard let gatewayURL else { throw XCAClientError(.invalidInput, "the harness runs no gateway") }
        return try await XCAClient.with(configuration(gatewayURL), body)
    }

    /// Runs `body` with a client of one fixture community (no gateway in between).
    func withCommunityClient<T: Sendable>(_ name: String, _ body: (XCAClient) async throws -> T) async throws -> T {
        guard let url = communityURLs[name] else { throw XCAClientError(.invalidInput, "no community \(name)") }
        return try await XCAClient.with(configuration(url), body)
    }
}
