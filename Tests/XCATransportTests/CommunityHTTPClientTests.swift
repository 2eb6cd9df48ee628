import HTTPTypes
import NIOCore
import Testing
import XCAFixtures
import XCATransport

@Suite("Outbound client", .timeLimit(.minutes(2)))
struct CommunityHTTPClientTests {
    static func deadline(_ duration: Duration = .seconds(10)) -> ContinuousClock.Instant { .now + duration }

    static func withClient<Result: Sendable>(
        _ body: (CommunityHTTPClient) async throws -> Result
    ) async throws -> Result {
        let client = CommunityHTTPClient()
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    @Test("each community's client identity is the one the server sees")
    func perCommunityIdentity() async throws {
        let material = try TestPKI.material
        let gateway = try TestPKI.communityTLS(material.gatewayClient)
        let other = try TestPKI.communityTLS(try #require(material.community("south-west-imaging")))
        let peers = Recorder<PeerIdentity>()
        try await withHTTPSServer(handler: okHandler(recording: peers)) { port, server in
            try await Self.withClient { client in
                let request = CommunityHTTPRequest(
                    url: "https://localhost:\(port)/query",
                    body: ByteBuffer(string: "<x/>")
                )
                for tls in [gateway, other, gateway] {
                    let response = try await client.execute(request, tls: tls, deadline: Self.deadline())
                    #expect(response.status == .ok)
                    #expect(String(buffer: try await response.body.collect(upTo: 1024)) == "ok")
                }
            }
            // Two identities: two pooled connections, the third call reused the first.
            #expect(server.statistics.snapshot.handshakes == 2)
        }
        #expect(
            peers.values.map(\.subject) == [
                "CN=gateway.dev.example,O=XCA Gateway (development only)",
                "CN=south-west-imaging,O=XCA Gateway (development only)",
                "CN=gateway.dev.example,O=XCA Gateway (development only)",
            ]
        )
    }

    @Test("sequential requests to one community reuse one pooled connection: one handshake")
    func pooling() async throws {
        let tls = try TestPKI.communityTLS(try TestPKI.material.gatewayClient)
        try await withHTTPSServer(handler: okHandler()) { port, server in
            try await Self.withClient { client in
                for _ in 0..<20 {
                    let response = try await client.execute(
                        CommunityHTTPRequest(url: "https://127.0.0.1:\(port)/"),
                        tls: tls,
                        deadline: Self.deadline()
                    )
                    try response.requireStatus()
                    _ = try await response.body.collect(upTo: 1024)
                }
            }
            #expect(server.statistics.snapshot.handshakes == 1)
            #expect(server.statistics.snapshot.accepted == 1)
        }
    }

    @Test("a call past its deadline fails with deadlineExceeded")
    func deadline() async throws {
        let tls = try TestPKI.communityTLS(try TestPKI.material.gatewayClient)
        let arrived = Recorder<String>()
        // The handler never answers: it waits on a stream nobody feeds until the server cancels it.
        let (never, keepOpen) = AsyncStream.makeStream(of: Never.self)
        let handler: TransportHandler = { request in
            arrived.record(request.path)
            if request.path == "/slow" {
                for await _ in never {}
                throw CancellationError()
            }
            return TransportResponse(status: .noContent)
        }
        try await withHTTPSServer(handler: handler) { port, _ in
            try await Self.withClient { client in
                // Warm the pool so the short deadline is spent waiting for the answer, not on the handshake.
                let warm = try await client.execute(
                    CommunityHTTPRequest(url: "https://localhost:\(port)/warm"),
                    tls: tls,
                    deadline: Self.deadline()
                )
                #expect(warm.status == .noContent)
                let start = ContinuousClock.now
                let error = await #expect(throws: TransportError.self) {
                    _ = try await client.execute(
                        CommunityHTTPRequest(url: "https://localhost:\(port)/slow"),
                        tls: tls,
                        deadline: .now + .milliseconds(300)
                    )
                }
                #expect(error?.code == .deadlineExceeded, "\(String(describing: error))")
                #expect(ContinuousClock.now - start >= .milliseconds(300))
            }
        }
        keepOpen.finish()
        #expect(arrived.values == ["/warm", "/slow"])
    }

    @Test("a response body streams: the head and first chunk arrive while the server is still producing")
    func streamedResponse() async throws {
        let tls = try TestPKI.communityTLS(try TestPKI.material.gatewayClient)
        let (firstChunkRead, signal) = AsyncStream.makeStream(of: Void.self)
        let chunk = ByteBuffer(repeating: 0x61, count: 16 * 1024)
        let handler: TransportHandler = { _ in
            TransportResponse(
                status: .ok,
                body: .stream(length: nil) { writer in
                    try await writer.write(chunk)
                    // Wait until the client has the first chunk: a client that buffered the whole body would
                    // never get it, and the call would hit its deadline.
                    for await _ in firstChunkRead { break }
                    for _ in 0..<63 { try await writer.write(chunk) }
                }
            )
        }
        try await withHTTPSServer(handler: handler) { port, _ in
            try await Self.withClient { client in
                let response = try await client.execute(
                    CommunityHTTPRequest(method: .get, url: "https://localhost:\(port)/study"),
                    tls: tls,
                    deadline: Self.deadline()
                )
                #expect(response.headerFields[.transferEncoding] == "chunked")
                var total = 0
                for try await buffer in response.body {
                    if total == 0 { signal.yield() }
                    #expect(buffer.readableBytesView.allSatisfy { $0 == 0x61 })
                    total += buffer.readableBytes
                }
                #expect(total == 64 * 16 * 1024)
            }
        }
    }

    @Test("a producer that throws aborts the response: the client sees a truncated body")
    func abortedResponse() async throws {
        let tls = try TestPKI.communityTLS(try TestPKI.material.gatewayClient)
        struct Reset: Error {}
        let handler: TransportHandler = { _ in
            TransportResponse(
                status: .ok,
                body: .stream(length: 1 << 20) { writer in
                    try await writer.write(ByteBuffer(repeating: 0x62, count: 4096))
                    throw Reset()
                }
            )
        }
        try await withHTTPSServer(handler: handler) { port, _ in
            try await Self.withClient { client in
                let response = try await client.execute(
                    CommunityHTTPRequest(method: .get, url: "https://localhost:\(port)/"),
                    tls: tls,
                    deadline: Self.deadline()
                )
                #expect(response.status == .ok)
                let error = await #expect(throws: TransportError.self) {
                    _ = try await response.body.collect(upTo: 2 << 20)
                }
                #expect(error?.code == .bodyTruncated, "\(String(describing: error))")
            }
        }
    }

    @Test("redirects are returned, not followed")
    func noRedirects() async throws {
        let tls = try TestPKI.communityTLS(try TestPKI.material.gatewayClient)
        let paths = Recorder<String>()
        let handler: TransportHandler = { request in
            paths.record(request.path)
            var fields = HTTPFields()
            fields[.location] = "/elsewhere"
            return TransportResponse(status: .found, headerFields: fields)
        }
        try await withHTTPSServer(handler: handler) { port, _ in
            try await Self.withClient { client in
                let response = try await client.execute(
                    CommunityHTTPRequest(url: "https://localhost:\(port)/start"),
                    tls: tls,
                    deadline: Self.deadline()
                )
                #expect(response.status == .found)
                #expect(response.headerFields[.location] == "/elsewhere")
                #expect(throws: TransportError(.httpStatus, "")) { try response.requireStatus() }
            }
        }
        #expect(paths.values == ["/start"])
    }

    @Test(
        "a server certificate that does not fit the host is refused",
        arguments: [DevelopmentPKI.Path.wrongHostServer, DevelopmentPKI.Path.expiredServer]
    )
    func serverCertificateRefused(serverIdentity: String) async throws {
        let tls = try TestPKI.communityTLS(try TestPKI.material.gatewayClient)
        let peers = Recorder<PeerIdentity>()
        try await withHTTPSServer(tls: TestPKI.serverTLS(serverIdentity), handler: okHandler(recording: peers)) {
            port,
            _ in
            try await Self.withClient { client in
                let error = await #expect(throws: TransportError.self) {
                    _ = try await client.execute(
                        CommunityHTTPRequest(url: "https://localhost:\(port)/"),
                        tls: tls,
                        deadline: Self.deadline()
                    )
                }
                #expect(error?.code == .tlsHandshake, "\(String(describing: error))")
            }
        }
        #expect(peers.values.isEmpty)
    }

    @Test("a refused connection fails with connect, a plain-http URL is not called")
    func connectAndURLErrors() async throws {
        let tls = try TestPKI.communityTLS(try TestPKI.material.gatewayClient)
        // A port bound but not listening: refused, and no parallel test can take it meanwhile.
        let closed = try ClosedPort()
        defer { withExtendedLifetime(closed) {} }
        let port = closed.port
        try await Self.withClient { client in
            let refused = await #expect(throws: TransportError.self) {
                _ = try await client.execute(
                    CommunityHTTPRequest(url: "https://127.0.0.1:\(port)/"),
                    tls: tls,
                    deadline: Self.deadline()
                )
            }
            #expect(refused?.code == .connect, "\(String(describing: refused))")
            let plain = await #expect(throws: TransportError.self) {
                _ = try await client.execute(
                    CommunityHTTPRequest(url: "http://127.0.0.1:\(port)/"),
                    tls: tls,
                    deadline: Self.deadline()
                )
            }
            #expect(plain?.code == .invalidRequest)
        }
    }
}
