import Logging
import NIOCore
import NIOSSL
import Synchronization

/// One generation of the inbound server's TLS: the SSL context (certificate chain, private key, protocol versions)
/// and the client-certificate verification with its trust anchors, built and checked together so that a connection
/// never pairs one generation's certificate with another's anchors.
///
/// Building it checks everything a handshake would need: the files are read, the key must match the certificate,
/// at least one trust anchor must be given.
final class ServerTLSContext: Sendable {
    let sslContext: NIOSSLContext
    let verifier: ClientCertificateVerifier
    /// The server's leaf certificate, as callers see it (its serial number names the generation in logs).
    let leaf: PeerIdentity

    init(_ tls: HTTPSServerConfiguration.TLS, logger: Logger) throws {
        guard tls.minimumVersion <= tls.maximumVersion else {
            throw TransportError(.tlsConfiguration, "server TLS: the minimum version is above the maximum")
        }
        let chain = try TLSMaterial.certificates(tls.certificateChain, role: "server certificate chain")
        let key = try TLSMaterial.privateKey(tls.privateKey, role: "server private key")
        let anchors = try tls.trustAnchors.flatMap { try TLSMaterial.certificates($0, role: "client trust anchors") }
        guard !anchors.isEmpty else {
            throw TransportError(.tlsConfiguration, "client trust anchors: at least one CA is required")
        }
        guard let first = chain.first else {
            throw TransportError(.tlsConfiguration, "server certificate chain: no certificate")
        }
        var nio = TLSConfiguration.makeServerConfigurationWithMTLS(
            certificateChain: chain.map { .certificate($0) },
            privateKey: .privateKey(key),
            trustRoots: .certificates(anchors)
        )
        nio.minimumTLSVersion = tls.minimumVersion.nio
        nio.maximumTLSVersion = tls.maximumVersion.nio
        nio.certificateVerification = .noHostnameVerification
        nio.sendCANameList = true
        nio.applicationProtocols = ["http/1.1"]
        do {
            // Building the context is where a key that does not match its certificate fails.
            self.sslContext = try NIOSSLContext(configuration: nio)
            self.leaf = try PeerIdentity(leafCertificateDER: first.toDERBytes())
        } catch {
            throw TransportError(
                .tlsConfiguration,
                "server TLS: the private key does not match the certificate, or the material is unusable"
            )
        }
        self.verifier = ClientCertificateVerifier(
            trustAnchors: try TLSMaterial.x509(anchors, role: "client trust anchors"),
            logger: logger
        )
    }

    /// The TLS handler of one new connection: this generation's context, verifying the client with its anchors.
    func makeHandler() -> NIOSSLServerHandler {
        let verifier = self.verifier
        return NIOSSLServerHandler(
            context: sslContext,
            customVerificationCallback: { presented, promise in
                promise.completeWithTask { await verifier.verify(presented) }
            },
            configuration: .init()
        )
    }
}

/// The current ``ServerTLSContext``, read once per accepted connection and replaced whole by a reload: connections
/// already established keep the generation they were set up with.
final class ServerTLSHolder: Sendable {
    private let current: Mutex<ServerTLSContext>

    init(_ context: ServerTLSContext) {
        current = Mutex(context)
    }

    var context: ServerTLSContext { current.withLock { $0 } }

    func replace(with context: ServerTLSContext) {
        current.withLock { $0 = context }
    }
}
