import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle
import X509

/// The inbound HTTPS server: HTTP/1.1 over TLS 1.2/1.3 with a required, verified client certificate, serving one
/// ``TransportHandler``. A ServiceLifecycle `Service`: `run()` listens until the task is cancelled or the service
/// group shuts down gracefully (idle connections close at once, busy ones after their response).
///
/// TLS material is loaded and checked in `init`, so a bad path or a key that does not match fails there.
package final class HTTPSServer: Service, Sendable {
    package let configuration: HTTPSServerConfiguration
    package let statistics = ConnectionStatistics()
    /// The child channel setup, with its SSL context built once.
    private let channel: TLSChannel<MutualTLSHTTPChannel>
    private let onListening: (@Sendable (Int) async -> Void)?
    private let logger: Logger

    /// - Parameter onListening: called with the bound port once the server listens (useful with port 0).
    package init(
        configuration: HTTPSServerConfiguration,
        logger: Logger = Logger(label: "xca.transport.server"),
        onListening: (@Sendable (Int) async -> Void)? = nil,
        handler: @escaping TransportHandler
    ) throws {
        let tls = configuration.tls
        guard tls.minimumVersion <= tls.maximumVersion else {
            throw TransportError(.tlsConfiguration, "server TLS: the minimum version is above the maximum")
        }
        let chain = try TLSMaterial.certificates(tls.certificateChain, role: "server certificate chain")
        let key = try TLSMaterial.privateKey(tls.privateKey, role: "server private key")
        let anchors = try tls.trustAnchors.flatMap { try TLSMaterial.certificates($0, role: "client trust anchors") }
        guard !anchors.isEmpty else {
            throw TransportError(.tlsConfiguration, "client trust anchors: at least one CA is required")
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
        let verifier = ClientCertificateVerifier(
            trustAnchors: try TLSMaterial.x509(anchors, role: "client trust anchors"),
            logger: logger
        )
        let tlsConfiguration = TLSChannelConfiguration(
            tlsConfiguration: nio,
            customAsyncVerificationCallback: { presented in await verifier.verify(presented) }
        )
        do {
            // Builds the SSL context here, so a key that does not match its certificate fails now, not at bind.
            self.channel = try TLSChannel(
                MutualTLSHTTPChannel(limits: configuration.limits, statistics: statistics, handler: handler),
                configuration: tlsConfiguration
            )
        } catch {
            throw TransportError(
                .tlsConfiguration,
                "server TLS: the private key does not match the certificate, or the material is unusable"
            )
        }
        self.configuration = configuration
        self.onListening = onListening
        self.logger = logger
    }

    package func run() async throws {
        let onListening = self.onListening
        let server = Server(
            childChannelSetup: channel,
            configuration: ServerConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                backlog: configuration.backlog
            ),
            onServerRunning: { channel in
                await onListening?(channel.localAddress?.port ?? 0)
            },
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: logger
        )
        do {
            try await server.run()
        } catch let error as IOError {
            throw TransportError(
                .bind,
                "cannot listen on \(configuration.host):\(configuration.port): \(error.description)"
            )
        } catch let error as SocketAddressError {
            throw TransportError(.bind, "cannot listen on \(configuration.host):\(configuration.port): \(error)")
        }
    }
}
