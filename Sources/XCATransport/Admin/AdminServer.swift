import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The admin listener: plain HTTP/1.1 for the local Prometheus agent and the orchestrator's probes (`/metrics`,
/// `/health/live`, `/health/ready`), beside the mutual-TLS listener and separate from it. No TLS and no
/// authentication, so it belongs on loopback (a non-loopback address is logged as a warning when it starts). Only
/// `GET` is served (405 otherwise); what each path answers is the ``AdminHandler``'s business. Bodies of requests
/// are never read.
package final class AdminServer: Service, Sendable {
    package let host: String
    package let port: Int
    private let logger: Logger
    private let server: Server<HTTP1Channel>

    /// - Parameter onListening: called with the bound port once the server listens (useful with port 0).
    package init(
        host: String,
        port: Int,
        logger: Logger = Logger(label: "xca.transport.admin"),
        onListening: (@Sendable (Int) async -> Void)? = nil,
        handler: @escaping AdminHandler
    ) {
        self.host = host
        self.port = port
        self.logger = logger
        let channel = HTTP1Channel(
            responder: { request, writer, _ in
                let response: AdminResponse
                if request.method == .get {
                    response = await handler(request.uri.path)
                } else {
                    response = .text(.methodNotAllowed, "GET only\n")
                }
                var fields = HTTPFields()
                fields[.contentType] = response.contentType
                fields[.contentLength] = String(response.body.count)
                fields[.cacheControl] = "no-store"
                if response.status == .methodNotAllowed { fields[.allow] = "GET" }
                try await writer.write(
                    response: HTTPResponse(status: response.status, headerFields: fields),
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body))
                )
            },
            configuration: .init(idleTimeout: .seconds(60))
        )
        self.server = Server(
            childChannelSetup: channel,
            configuration: ServerConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in await onListening?(channel.localAddress?.port ?? 0) },
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: logger
        )
    }

    /// Whether `host` reaches this machine only: `localhost`, `127.0.0.0/8`, `::1`.
    package static func isLoopback(_ host: String) -> Bool {
        let host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// Whether `host` is the any-address (`0.0.0.0`, `::`): every interface.
    package static func isWildcard(_ host: String) -> Bool {
        host == "0.0.0.0" || host == "::" || host == "[::]"
    }

    package func run() async throws {
        if !Self.isLoopback(host) {
            logger.warning(
                "the admin listener is not on loopback: /metrics and /health are served without authentication",
                metadata: ["xca.admin.listen": "\(host):\(port)"]
            )
        }
        do {
            try await server.run()
        } catch let error as IOError {
            throw TransportError(.bind, "admin listener: cannot listen on \(host):\(port): \(error.description)")
        } catch let error as SocketAddressError {
            throw TransportError(.bind, "admin listener: cannot listen on \(host):\(port): \(error)")
        }
    }

    /// Stops listening and lets the connections open finish their response (what graceful shutdown does for a
    /// service group; for a listener that must outlive the group's graceful shutdown, such as this one while the
    /// gateway drains). `run()` returns afterwards.
    package func stop() async {
        do {
            try await server.shutdownGracefully()
        } catch {
            logger.debug("admin listener: stopped before it ran", metadata: ["xca.admin.reason": "\(error)"])
        }
    }
}
