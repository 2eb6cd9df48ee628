import Foundation
import NIOCore
import NIOSSL
import Testing
import XCAFixtures
import XCATransport

/// `HTTPSServer.reloadTLS(_:)`: the certificate, key and client trust anchors of connections accepted after it,
/// while established connections carry on with what they were set up with.
@Suite("Inbound server: TLS reload", .timeLimit(.minutes(2)))
struct ServerTLSReloadTests {
    static let keepAlive = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"
    static let close = "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"

    /// A second server identity for `localhost`/`127.0.0.1` under the development CA (a new key, a new serial).
    static func rotatedServer() throws -> DevelopmentPKI.Identity {
        try DevelopmentPKI.Identity.issue(.server(), issuer: try TestPKI.material.ca)
    }

    static func tls(_ identity: DevelopmentPKI.Identity, anchors: [DevelopmentPKI.Identity]) -> HTTPSServerConfiguration.TLS {
        HTTPSServerConfiguration.TLS(
            certificateChain: .pem(identity.certificatePEM),
            privateKey: .pem(identity.privateKeyPEM),
            trustAnchors: anchors.map { .pem($0.certificatePEM) }
        )
    }

    static func serial(_ identity: DevelopmentPKI.Identity) throws -> [UInt8] {
        try NIOSSLCertificate(bytes: Array(identity.certificatePEM.utf8), format: .pem).serialNumber
    }

    @Test("new connections get the new certificate; a keep-alive connection made before keeps working on the old one")
    func certificate() async throws {
        let material = try TestPKI.material
        let rotated = try Self.rotatedServer()
        try await withHTTPSServer(handler: okHandler()) { port, server in
            let client = RawTLSClient(identity: material.client)
            let before = HandshakeObserver()
            let established = try await client.connect(port: port, observer: before)
            try await established.executeThenClose { inbound, outbound in
                var responses = inbound.makeAsyncIterator()
                try await outbound.write(ByteBuffer(string: Self.keepAlive))
                #expect(try await responses.readResponse().hasPrefix("HTTP/1.1 200 OK\r\n"))
                #expect(before.serverSerial.withLock { $0 } == (try Self.serial(material.server)))

                let identity = try server.reloadTLS(Self.tls(rotated, anchors: [material.ca]))
                #expect(identity.subject == server.certificate.subject)
                #expect(server.certificate.sha256Fingerprint == identity.sha256Fingerprint)

                // A new connection: the rotated certificate.
                let after = HandshakeObserver()
                let fresh = try await client.connect(port: port, observer: after)
                try await fresh.executeThenClose { freshInbound, freshOutbound in
                    var freshResponses = freshInbound.makeAsyncIterator()
                    try await freshOutbound.write(ByteBuffer(string: Self.close))
                    #expect(try await freshResponses.readResponse().hasPrefix("HTTP/1.1 200 OK\r\n"))
                }
                #expect(after.serverSerial.withLock { $0 } == (try Self.serial(rotated)))
                #expect(after.serverSerial.withLock { $0 } != before.serverSerial.withLock { $0 })

                // The established connection still answers, on the certificate it was set up with.
                try await outbound.write(ByteBuffer(string: Self.keepAlive))
                #expect(try await responses.readResponse().hasPrefix("HTTP/1.1 200 OK\r\n"))
                #expect(before.serverSerial.withLock { $0 } == (try Self.serial(material.server)))
            }
        }
    }

    @Test("new client trust anchors decide new connections: the old CA's callers are refused, the new CA's accepted")
    func trustAnchors() async throws {
        let material = try TestPKI.material
        try await withHTTPSServer(handler: okHandler()) { port, server in
            let caller = RawTLSClient(identity: material.client)
            let otherCaller = RawTLSClient(identity: material.otherCAClient)
            #expect(try await caller.exchange(port: port, sending: Self.close).received.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(try await otherCaller.exchange(port: port, sending: Self.close).received.isEmpty)

            try server.reloadTLS(Self.tls(material.server, anchors: [material.otherCA]))

            let refused = try await caller.exchange(port: port, sending: Self.close)
            #expect(refused.received.isEmpty)
            #expect(refused.error != nil)
            #expect(try await otherCaller.exchange(port: port, sending: Self.close).received.hasPrefix("HTTP/1.1 200 OK\r\n"))
        }
    }

    @Test("a reload that cannot be used changes nothing", arguments: ["key of another certificate", "no trust anchor", "not PEM"])
    func refused(_ case_: String) async throws {
        let material = try TestPKI.material
        let rotated = try Self.rotatedServer()
        let bad: HTTPSServerConfiguration.TLS
        switch case_ {
        case "key of another certificate":
            bad = HTTPSServerConfiguration.TLS(
                certificateChain: .pem(rotated.certificatePEM),
                privateKey: .pem(material.server.privateKeyPEM),
                trustAnchors: [.pem(material.ca.certificatePEM)]
            )
        case "no trust anchor":
            bad = Self.tls(rotated, anchors: [])
        default:
            bad = HTTPSServerConfiguration.TLS(
                certificateChain: .pem("not a certificate"),
                privateKey: .pem(rotated.privateKeyPEM),
                trustAnchors: [.pem(material.ca.certificatePEM)]
            )
        }
        try await withHTTPSServer(handler: okHandler()) { port, server in
            let before = server.certificate
            #expect(throws: TransportError.self) { try server.reloadTLS(bad) }
            #expect(server.certificate == before)
            let observer = HandshakeObserver()
            let channel = try await RawTLSClient(identity: material.client).connect(port: port, observer: observer)
            try await channel.executeThenClose { inbound, outbound in
                var responses = inbound.makeAsyncIterator()
                try await outbound.write(ByteBuffer(string: Self.close))
                #expect(try await responses.readResponse().hasPrefix("HTTP/1.1 200 OK\r\n"))
            }
            #expect(observer.serverSerial.withLock { $0 } == (try Self.serial(material.server)))
        }
    }
}
