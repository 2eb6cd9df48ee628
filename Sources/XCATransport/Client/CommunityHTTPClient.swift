import AsyncHTTPClient
import HTTPTypes
import NIOCore
import NIOHTTP1

/// The outbound HTTPS client towards communities: one shared AsyncHTTPClient (HTTP/1.1 only, pooled keep-alive
/// connections on the shared event loop group) with each request carrying its community's ``CommunityTLS``.
/// Connections are pooled per (scheme, host, port, TLS configuration), so requests to one community reuse its
/// connections and never another community's.
///
/// Guarantees: hostname verification always (no switch); every call has a deadline; redirects are returned, not
/// followed; response bodies stream; failures are ``TransportError``s. A failed connection attempt (refused, TLS
/// handshake) fails the call at once rather than being retried until the deadline.
package final class CommunityHTTPClient: Sendable {
    package struct Configuration: Sendable {
        /// Time to establish a TCP connection. Default 5 s.
        package var connectTimeout: Duration
        /// How long an idle pooled connection is kept. Default 60 s.
        package var idleTimeout: Duration
        /// Concurrent connections per community endpoint (a soft limit: more requests queue). Default 16.
        package var maxConnectionsPerEndpoint: Int

        package init(
            connectTimeout: Duration = .seconds(5),
            idleTimeout: Duration = .seconds(60),
            maxConnectionsPerEndpoint: Int = 16
        ) {
            self.connectTimeout = connectTimeout
            self.idleTimeout = idleTimeout
            self.maxConnectionsPerEndpoint = maxConnectionsPerEndpoint
        }
    }

    private let client: HTTPClient

    package init(configuration: Configuration = Configuration()) {
        var config = HTTPClient.Configuration()
        config.httpVersion = .http1Only
        config.redirectConfiguration = .disallow
        config.decompression = .disabled
        config.timeout = .init(connect: TimeAmount(configuration.connectTimeout))
        config.connectionPool = .init(
            idleTimeout: TimeAmount(configuration.idleTimeout),
            concurrentHTTP1ConnectionsPerHostSoftLimit: configuration.maxConnectionsPerEndpoint
        )
        config.connectionPool.retryConnectionEstablishment = false
        // No distributed tracing: without this, every call builds a span and its attributes for the bootstrapped
        // (no-op) tracer — about 1.5 % of the gateway's CPU in S1.
        config.tracing.tracer = nil
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }

    /// Sends `request` with `tls` and returns when the response head has arrived (the body streams after).
    /// Throws ``TransportError/Code/deadlineExceeded`` once `deadline` passes, also while the body is read.
    package func execute(
        _ request: CommunityHTTPRequest,
        tls: CommunityTLS,
        deadline: ContinuousClock.Instant
    ) async throws -> CommunityHTTPResponse {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else {
            throw TransportError(
                .deadlineExceeded,
                "the deadline passed before the call to \(Self.host(of: request.url))"
            )
        }
        guard request.url.lowercased().hasPrefix("https://") else {
            throw TransportError(.invalidRequest, "only https URLs are called")
        }
        var outbound = HTTPClientRequest(url: request.url)
        outbound.method = HTTPMethod(rawValue: request.method.rawValue)
        outbound.headers = HTTPHeaders(request.headerFields)
        if let body = request.body {
            outbound.body = .bytes(body)
        }
        outbound.tlsConfiguration = tls.configuration
        let host = Self.host(of: request.url)
        let response: HTTPClientResponse
        do {
            response = try await client.execute(outbound, deadline: .now() + TimeAmount(remaining))
        } catch {
            throw TransportError(clientError: error, host: host, duringBody: false)
        }
        return CommunityHTTPResponse(
            status: HTTPResponse.Status(code: Int(response.status.code), reasonPhrase: response.status.reasonPhrase),
            headerFields: HTTPFields(response.headers),
            body: .init(base: response.body, host: host)
        )
    }

    /// Closes pooled connections; calls after this fail with ``TransportError/Code/shutdown``.
    package func shutdown() async throws {
        do {
            try await client.shutdown()
        } catch {
            throw TransportError(clientError: error, host: "", duringBody: false)
        }
    }

    /// `host:port` of a URL, for messages (never the path or query, which may carry identifiers).
    static func host(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "?" }
        let rest = url[schemeEnd.upperBound...]
        return String(rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
    }
}
