import HummingbirdCore
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
/// ``reloadTLS(_:)`` replaces the certificate, key and client trust anchors for connections accepted afterwards;
/// established connections keep the material they were set up with.
package final class HTTPSServer: Service, Sendable {
    /// The configuration the server started with (`tls` is the start-up material; see ``reloadTLS(_:)``).
    package let configuration: HTTPSServerConfiguration
    package let statistics = ConnectionStatistics()
    /// The child channel setup: TLS from `tls` per accepted connection, then the HTTP/1.1 request loop.
    private let channel: ReloadableTLSChannel<MutualTLSHTTPChannel>
    private let tls: ServerTLSHolder
    private let onListening: (@Sendable (Int) async -> Void)?
    private let logger: Logger

    /// - Parameter onListening: called with the bound port once the server listens (useful with port 0).
    package init(
        configuration: HTTPSServerConfiguration,
        logger: Logger = Logger(label: "xca.transport.server"),
        onListening: (@Sendable (Int) async -> Void)? = nil,
        handler: @escaping TransportHandler
    ) throws {
        let tls = ServerTLSHolder(try ServerTLSContext(configuration.tls, logger: logger))
        self.tls = tls
        self.channel = ReloadableTLSChannel(
            base: MutualTLSHTTPChannel(limits: configuration.limits, statistics: statistics, handler: handler),
            tls: tls
        )
        self.configuration = configuration
        self.onListening = onListening
        self.logger = logger
    }

    /// The server's leaf certificate as new connections get it now.
    package var certificate: PeerIdentity { tls.context.leaf }

    /// Checks `tls` as `init` does (files readable, key matching its certificate, at least one trust anchor) and
    /// then makes it the TLS of every connection accepted from now on: its certificate chain and key, its protocol
    /// versions, and its client trust anchors (with the same verification). Established connections, keep-alive
    /// ones included, carry on with what they were set up with. Throws without changing anything when `tls` cannot
    /// be used. Returns the new leaf certificate.
    @discardableResult
    package func reloadTLS(_ tls: HTTPSServerConfiguration.TLS) throws -> PeerIdentity {
        let context = try ServerTLSContext(tls, logger: logger)
        self.tls.replace(with: context)
        return context.leaf
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
