import Foundation
import HTTPTypes
import Logging
import NIOCore
import XCABinding
import XCAFixtureServer
import XCAFixtures
import XCAModel
import XCASOAP
import XCATransport

/// Runs fixture Responding Gateways in-process on 127.0.0.1 port 0 over real mutual TLS (certificates minted in
/// memory per test), serving the committed `Fixtures/` directory, and calls them with the gateway's own outbound
/// client (`CommunityHTTPClient`) using the PKI's gateway-client identity.
struct FixtureHarness: Sendable {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixturesDirectory = repositoryRoot.appendingPathComponent("Fixtures")
    /// Loaded once: the committed fixture tree, contents read from its files.
    static let federation: FixtureFederation = {
        do {
            return try FixtureFederation.load(directory: fixturesDirectory.path)
        } catch {
            fatalError("cannot load the committed Fixtures/ directory: \(error)")
        }
    }()
    static let pki: DevelopmentPKI.Material = {
        do {
            return try DevelopmentPKI.mint()
        } catch {
            fatalError("cannot mint a development PKI: \(error)")
        }
    }()

    let community: FixtureCommunity
    let baseURL: String
    let client: CommunityHTTPClient
    let tls: CommunityTLS
    let server: FixtureGatewayServer

    /// Starts `community`'s fixture gateway with `faults`, runs `body` against it, then stops it.
    static func with<T: Sendable>(
        community name: String = "north-imaging",
        faults: FaultInjection = .none,
        _ body: (FixtureHarness) async throws -> T
    ) async throws -> T {
        guard let community = federation.community(named: name) else { throw FixtureError(.unknownCommunity, name) }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = try FixtureGatewayServer(
            community: community,
            transport: FixtureGatewayServer.transport(community: name, pki: pki, faults: faults),
            faults: faults,
            logger: Logger(label: "xca.fixture.test", factory: { _ in SwiftLogNoOpLogHandler() })
        ) { port in continuation.yield(port) }
        let client = CommunityHTTPClient()
        let tls = try CommunityTLS(
            certificateChain: .pem(pki.gatewayClient.certificatePEM),
            privateKey: .pem(pki.gatewayClient.privateKeyPEM),
            trustAnchors: [.pem(pki.ca.certificatePEM)]
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw FixtureError(.unknownCommunity, "server did not listen") }
            let harness = FixtureHarness(
                community: community,
                baseURL: "https://localhost:\(port)",
                client: client,
                tls: tls,
                server: server
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

    /// POSTs a SOAP 1.2 envelope to `path` with the action in the Content-Type.
    func post(
        _ envelope: [UInt8],
        action: String,
        path: String,
        deadline: Duration = .seconds(30)
    ) async throws -> CommunityHTTPResponse {
        var headers = HTTPFields()
        headers[.contentType] = "application/soap+xml; charset=UTF-8; action=\"\(action)\""
        return try await client.execute(
            CommunityHTTPRequest(url: baseURL + path, headerFields: headers, body: ByteBuffer(bytes: envelope)),
            tls: tls,
            deadline: .now + deadline
        )
    }

    /// ITI-38 FindDocuments (Approved) for `nhsNumber`.
    static func findDocuments(_ nhsNumber: String, returnType: ReturnType = .leafClass) throws -> (CrossGatewayQueryRequest, [UInt8]) {
        let patient = PatientID(nhsNumber: NHSNumber(rawValue: nhsNumber))
        let request = CrossGatewayQueryRequest(
            .findDocuments,
            parameters: [
                QueryParameter(name: "$XDSDocumentEntryPatientId", values: ["'\(patient.rawValue)'"]),
                QueryParameter(
                    name: "$XDSDocumentEntryStatus",
                    values: ["('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"]
                ),
            ],
            returnType: returnType
        )
        return (request, try request.encode(addressing: .request(action: Transaction.iti38.requestAction)))
    }

    /// Writes a message for the conformance validators when `XCA_CONFORMANCE_OUT` is set (`.xml` plain,
    /// `.multipart` MTOM starting with its boundary).
    static func conformanceOutput(name: String, bytes: [UInt8]) throws {
        guard let directory = ProcessInfo.processInfo.environment["XCA_CONFORMANCE_OUT"], !directory.isEmpty else {
            return
        }
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: folder.appendingPathComponent("fixture-server-" + name), options: .atomic)
    }

    /// The path of the committed DICOM file of `sop` in `community` (Fixtures/communities/NAME/dicom/…/SOP.dcm).
    static func dicomFile(community: String, sop: String) -> URL? {
        let root = fixturesDirectory.appendingPathComponent("communities/\(community)/dicom")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            if url.lastPathComponent == sop + ".dcm" { return url }
        }
        return nil
    }
}

extension CommunityHTTPResponse {
    func bytes(limit: Int = 256 << 20) async throws -> [UInt8] {
        Array(buffer: try await body.collect(upTo: limit))
    }
}
