import Testing
import XCAFixtures
import XCATransport

@Suite("Inbound server: configuration", .timeLimit(.minutes(1)))
struct ServerConfigurationTests {
    static func server(_ tls: HTTPSServerConfiguration.TLS, port: Int = 0) throws -> HTTPSServer {
        try HTTPSServer(configuration: HTTPSServerConfiguration(port: port, tls: tls), handler: okHandler())
    }

    @Test("TLS material is checked when the server is made: missing file, key of another certificate, no anchors")
    func badMaterial() throws {
        let valid = try TestPKI.serverTLS()
        var missing = valid
        missing.certificateChain = .file("/nonexistent/server.pem")
        var mismatched = valid
        mismatched.privateKey = try TestPKI.keyFile(DevelopmentPKI.Path.client)
        var noAnchors = valid
        noAnchors.trustAnchors = []
        var inverted = valid
        inverted.minimumVersion = .v1_3
        inverted.maximumVersion = .v1_2
        for tls in [missing, mismatched, noAnchors, inverted] {
            #expect(throws: TransportError(.tlsConfiguration, "")) { try Self.server(tls) }
        }
        _ = try Self.server(valid)
    }

    @Test("a port in use fails run() with bind")
    func portInUse() async throws {
        try await withHTTPSServer(handler: okHandler()) { port, _ in
            let second = try Self.server(try TestPKI.serverTLS(), port: port)
            await #expect(throws: TransportError(.bind, "")) { try await second.run() }
        }
    }
}
