import Foundation
import HTTPTypes
import Logging
import NIOCore
import XCABinding
import XCAFederation
import XCAFixtureServer
import XCAFixtures
import XCAGateway
import XCAModel
import XCASOAP
import XCATransport

/// The whole federation in-process over real mutual TLS on 127.0.0.1 port 0: fixture Responding Gateways for the
/// chosen communities (with faults), extra scripted communities, and the gateway in front; the test calls the gateway
/// as a PACS would (the PKI's `client` identity). Certificates are minted in memory once per test process.
struct GatewayHarness: Sendable {
    static let pki: DevelopmentPKI.Material = {
        do { return try DevelopmentPKI.mint() } catch { fatalError("cannot mint a development PKI: \(error)") }
    }()
    static let federation = FixtureFederation.builtIn()
    static let gatewayHome = EmbeddedFederation.gatewayHomeCommunityID
    static let quiet = Logger(label: "xca.test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// One community behind the gateway.
    struct Member: Sendable {
        enum Kind: Sendable {
            /// A fixture Responding Gateway serving the built-in federation's community of this name.
            case fixture(String, FaultInjection)
            /// A community whose address refuses connections (nothing listens on port 1).
            case down(name: String, home: HomeCommunityID)
            /// A scripted community: a real mTLS server whose handler the test writes.
            case scripted(name: String, home: HomeCommunityID, handler: TransportHandler)
        }

        var kind: Kind
        var timeout: Duration = .seconds(10)
        var maxConcurrentRequests = 16
        var quirks = CommunityQuirks()
        var isEnabled = true

        static func fixture(_ name: String, faults: FaultInjection = .none, timeout: Duration = .seconds(10)) -> Member {
            Member(kind: .fixture(name, faults), timeout: timeout)
        }
    }

    static let allFixtures: [Member] = federation.communities.map { .fixture($0.name) }

    let gatewayURL: String
    let gateway: Gateway
    /// `http://127.0.0.1:PORT` of the admin listener (when asked for) and what it serves.
    let adminURL: String?
    let observability: GatewayObservability
    let client: CommunityHTTPClient
    let callerTLS: CommunityTLS
    let communities: [Community]

    static func with<T: Sendable>(
        _ members: [Member] = allFixtures,
        settings configure: @Sendable (inout GatewaySettings) -> Void = { _ in },
        circuitBreaker: CircuitBreaker.Configuration = .init(),
        audit: AuditTrail? = nil,
        admin: Bool = false,
        _ body: @Sendable (GatewayHarness) async throws -> T
    ) async throws -> T {
        let communityTLS = try CommunityTLS(
            certificateChain: .pem(pki.gatewayClient.certificatePEM),
            privateKey: .pem(pki.gatewayClient.privateKeyPEM),
            trustAnchors: [.pem(pki.ca.certificatePEM)]
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            defer { group.cancelAll() }
            var links: [CommunityLink] = []
            for member in members {
                let name: String
                let home: HomeCommunityID
                var repositories: Set<RepositoryUniqueID> = []
                var sources: Set<RepositoryUniqueID> = []
                let base: String
                switch member.kind {
                case .fixture(let fixtureName, let faults):
                    guard let community = federation.community(named: fixtureName) else {
                        throw GatewayError(.configuration, "no fixture community \(fixtureName)")
                    }
                    name = fixtureName
                    home = community.homeCommunityID
                    repositories = Set(community.repositories)
                    sources = Set(community.imagingDocumentSources.map(\.repositoryUniqueID))
                    let (ports, bound) = AsyncStream.makeStream(of: Int.self)
                    let server = try FixtureGatewayServer(
                        community: community,
                        transport: FixtureGatewayServer.transport(community: fixtureName, pki: pki, faults: faults),
                        faults: faults,
                        logger: quiet
                    ) { port in bound.yield(port) }
                    group.addTask { try await server.run() }
                    var iterator = ports.makeAsyncIterator()
                    guard let port = await iterator.next() else { throw GatewayError(.configuration, "fixture did not listen") }
                    base = "https://127.0.0.1:\(port)"
                case .down(let downName, let downHome):
                    name = downName
                    home = downHome
                    base = "https://127.0.0.1:1"
                case .scripted(let scriptedName, let scriptedHome, let handler):
                    name = scriptedName
                    home = scriptedHome
                    let (ports, bound) = AsyncStream.makeStream(of: Int.self)
                    let identity = pki.community(DevelopmentPKI.defaultCommunities[0]) ?? pki.server
                    let server = try HTTPSServer(
                        configuration: HTTPSServerConfiguration(
                            host: "127.0.0.1",
                            port: 0,
                            tls: .init(
                                certificateChain: .pem(identity.certificatePEM),
                                privateKey: .pem(identity.privateKeyPEM),
                                trustAnchors: [.pem(pki.ca.certificatePEM)]
                            )
                        ),
                        logger: quiet,
                        onListening: { bound.yield($0) },
                        handler: handler
                    )
                    group.addTask { try await server.run() }
                    var iterator = ports.makeAsyncIterator()
                    guard let port = await iterator.next() else { throw GatewayError(.configuration, "scripted did not listen") }
                    base = "https://127.0.0.1:\(port)"
                }
                links.append(
                    CommunityLink(
                        community: Community(
                            name: name,
                            homeCommunityID: home,
                            endpoints: CommunityEndpoints(query: base + "/xca", retrieve: base + "/xca", imagingRetrieve: base + "/xcai"),
                            timeout: member.timeout,
                            maxConcurrentRequests: member.maxConcurrentRequests,
                            isEnabled: member.isEnabled,
                            repositoryUniqueIDs: repositories,
                            imagingDocumentSourceIDs: sources,
                            quirks: member.quirks
                        ),
                        tls: communityTLS
                    )
                )
            }
            var settings = GatewaySettings(homeCommunityID: gatewayHome)
            configure(&settings)
            let (gatewayPorts, gatewayBound) = AsyncStream.makeStream(of: Int.self)
            let (adminPorts, adminBound) = AsyncStream.makeStream(of: Int.self)
            let service = try await GatewayService(
                settings: settings,
                links: links,
                transport: HTTPSServerConfiguration(
                    host: "127.0.0.1",
                    port: 0,
                    tls: .init(
                        certificateChain: .pem(pki.server.certificatePEM),
                        privateKey: .pem(pki.server.privateKeyPEM),
                        trustAnchors: [.pem(pki.ca.certificatePEM)]
                    )
                ),
                circuitBreaker: circuitBreaker,
                audit: audit,
                admin: admin ? AdminListenerSettings(host: "127.0.0.1", port: 0) { adminBound.yield($0) } : nil,
                logger: quiet
            ) { gatewayBound.yield($0) }
            group.addTask { try await service.run() }
            var iterator = gatewayPorts.makeAsyncIterator()
            guard let port = await iterator.next() else { throw GatewayError(.configuration, "gateway did not listen") }
            var adminURL: String?
            if admin {
                var adminIterator = adminPorts.makeAsyncIterator()
                guard let adminPort = await adminIterator.next() else { throw GatewayError(.configuration, "admin did not listen") }
                adminURL = "http://127.0.0.1:\(adminPort)"
            }
            let client = CommunityHTTPClient()
            let harness = GatewayHarness(
                gatewayURL: "https://127.0.0.1:\(port)",
                gateway: service.gateway,
                adminURL: adminURL,
                observability: service.observability,
                client: client,
                callerTLS: try CommunityTLS(
                    certificateChain: .pem(pki.client.certificatePEM),
                    privateKey: .pem(pki.client.privateKeyPEM),
                    trustAnchors: [.pem(pki.ca.certificatePEM)]
                ),
                communities: links.map(\.community)
            )
            do {
                let result = try await body(harness)
                try await client.shutdown()
                return result
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }

    /// POSTs a SOAP 1.2 envelope to the gateway as the PACS caller.
    func post(_ envelope: [UInt8], action: String, path: String, deadline: Duration = .seconds(60)) async throws -> CommunityHTTPResponse {
        var headers = HTTPFields()
        headers[.contentType] = "application/soap+xml; charset=UTF-8; action=\"\(action)\""
        return try await client.execute(
            CommunityHTTPRequest(url: gatewayURL + path, headerFields: headers, body: ByteBuffer(bytes: envelope)),
            tls: callerTLS,
            deadline: .now + deadline
        )
    }

    /// ITI-38 FindDocuments (Approved) for `nhsNumber`, sent to the gateway; the decoded merged response.
    func findDocuments(_ nhsNumber: String, returnType: ReturnType = .leafClass) async throws -> (CrossGatewayQueryResponse, [UInt8], requestMessageID: String, header: SOAPEnvelopeHeader?) {
        let request = Self.findDocumentsRequest(nhsNumber, returnType: returnType)
        let addressing = AddressingHeaders.request(action: Transaction.iti38.requestAction)
        let response = try await post(try request.encode(addressing: addressing), action: Transaction.iti38.requestAction, path: "/xca")
        let bytes = Array(buffer: try await response.body.collect(upTo: 64 << 20))
        let (header, decoded) = try CrossGatewayQueryResponse.decode(bytes)
        return (decoded, bytes, addressing.messageID ?? "", header)
    }

    static func findDocumentsRequest(_ nhsNumber: String, returnType: ReturnType = .leafClass) -> CrossGatewayQueryRequest {
        let patient = PatientID(nhsNumber: NHSNumber(rawValue: nhsNumber))
        return CrossGatewayQueryRequest(
            .findDocuments,
            parameters: [
                QueryParameter(name: "$XDSDocumentEntryPatientId", values: ["'\(patient.rawValue)'"]),
                QueryParameter(name: "$XDSDocumentEntryStatus", values: ["('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"]),
            ],
            returnType: returnType
        )
    }

    /// Writes a message for CI's validators when `XCA_CONFORMANCE_OUT` is set (`gateway-NAME`).
    static func conformanceOutput(name: String, bytes: [UInt8]) throws {
        guard let directory = ProcessInfo.processInfo.environment["XCA_CONFORMANCE_OUT"], !directory.isEmpty else { return }
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: folder.appendingPathComponent("gateway-" + name), options: .atomic)
    }
}
