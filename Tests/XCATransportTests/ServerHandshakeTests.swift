import Crypto
import Foundation
import NIOSSL
import Testing
import X509
import XCAFixtures
import XCATransport

@Suite("Inbound server: mutual TLS handshake", .timeLimit(.minutes(2)))
struct ServerHandshakeTests {
    static let get = "GET /whoami HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"

    @Test(
        "a valid client certificate is accepted and its identity reaches the handler",
        arguments: [TLSVersion.tlsv12, .tlsv13]
    )
    func accepted(version: TLSVersion) async throws {
        let material = try TestPKI.material
        // A community identity as the caller: it carries DNS and IP subject alternative names.
        let caller = try #require(material.community("north-imaging"))
        let peers = Recorder<PeerIdentity>()
        let exchange = try await withHTTPSServer(handler: okHandler(recording: peers)) { port, server in
            let client = RawTLSClient(identity: caller, minimumVersion: version, maximumVersion: version)
            let exchange = try await client.exchange(port: port, sending: Self.get)
            #expect(server.statistics.snapshot.handshakes == 1)
            return exchange
        }
        #expect(exchange.error == nil)
        #expect(exchange.tlsVersion == version)
        #expect(exchange.received.hasPrefix("HTTP/1.1 200 OK\r\n"))
        let peer = try #require(peers.values.first)
        #expect(peers.values.count == 1)
        #expect(peer.subject == "CN=north-imaging,O=XCA Gateway (development only)")
        #expect(peer.issuer == "CN=XCA Gateway Development CA,O=XCA Gateway (development only)")
        let serial = Array(caller.certificate.serialNumber.bytes)
        #expect(peer.serialNumber.split(separator: ":").count == serial.count)
        #expect(peer.serialNumber == serial.map { String(format: "%02x", $0) }.joined(separator: ":"))
        #expect(peer.subjectAlternativeNames == [.dns("localhost"), .ipAddress("127.0.0.1")])
        #expect(peer.notValidBefore == caller.certificate.notValidBefore)
        #expect(peer.notValidAfter == caller.certificate.notValidAfter)
        let der = try NIOSSLCertificate(bytes: Array(caller.certificatePEM.utf8), format: .pem).toDERBytes()
        #expect(peer.sha256Fingerprint == SHA256.hash(data: der).map { String(format: "%02x", $0) }.joined())
    }

    enum RefusedCaller: String, CaseIterable, Sendable {
        case noCertificate, otherCA, expired, notYetValid, noClientAuthUsage, noExtendedKeyUsage

        func identity(_ material: DevelopmentPKI.Material) throws -> DevelopmentPKI.Identity? {
            switch self {
            case .noCertificate: nil
            case .otherCA: material.otherCAClient
            case .expired: material.expiredClient
            case .notYetValid: material.notYetValidClient
            case .noClientAuthUsage: material.noClientAuthClient
            case .noExtendedKeyUsage:
                try DevelopmentPKI.Identity.issue(
                    DevelopmentPKI.Profile(commonName: "no-eku.dev.example"),
                    issuer: material.ca
                )
            }
        }
    }

    @Test(
        "refused in the TLS handshake, before any HTTP",
        arguments: RefusedCaller.allCases,
        [TLSVersion.tlsv12, .tlsv13]
    )
    func refused(caller: RefusedCaller, version: TLSVersion) async throws {
        let identity = try caller.identity(try TestPKI.material)
        let peers = Recorder<PeerIdentity>()
        try await withHTTPSServer(handler: okHandler(recording: peers)) { port, server in
            let client = RawTLSClient(identity: identity, minimumVersion: version, maximumVersion: version)
            let exchange = try await client.exchange(port: port, sending: Self.get)
            // The client sees a TLS alert, never an HTTP status. Under TLS 1.2 its own handshake fails; under 1.3 it
            // has finished its side and reads the alert.
            let error = try #require(exchange.error)
            if version == .tlsv12 {
                #expect(error is NIOSSLError, "\(error)")
            } else {
                #expect(error is BoringSSLError, "\(error)")
            }
            let alert =
                switch (caller, version) {
                case (.noCertificate, .tlsv12): "ALERT_HANDSHAKE_FAILURE"
                case (.noCertificate, _): "ALERT_CERTIFICATE_REQUIRED"
                default: "ALERT_CERTIFICATE_UNKNOWN"
                }
            #expect("\(error)".contains(alert), "\(error)")
            #expect(exchange.received.isEmpty)
            #expect(server.statistics.snapshot.handshakes == 0)
            #expect(server.statistics.snapshot.accepted == 1)
        }
        #expect(peers.values.isEmpty)
    }

    @Test("TLS 1.0 and 1.1 are refused")
    func oldVersions() async throws {
        let material = try TestPKI.material
        try await withHTTPSServer(handler: okHandler()) { port, _ in
            // Only TLS 1.2 and 1.3 are spoken.
            for old in [TLSVersion.tlsv1, .tlsv11] {
                let client = RawTLSClient(identity: material.client, minimumVersion: old, maximumVersion: old)
                let exchange = try await client.exchange(port: port, sending: Self.get)
                #expect(exchange.error != nil)
                #expect(exchange.received.isEmpty)
            }
        }
    }
}
