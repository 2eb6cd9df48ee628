import Logging
import NIOCore
import ServiceLifecycle
import Testing
import XCATransport

@Suite("Inbound server: graceful shutdown", .timeLimit(.minutes(2)))
struct ServerShutdownTests {
    @Test("graceful shutdown closes idle connections at once and busy ones after their response")
    func drains() async throws {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let (arrivals, arrived) = AsyncStream.makeStream(of: Void.self)
        let (releases, release) = AsyncStream.makeStream(of: Void.self)
        let handler: TransportHandler = { request in
            if request.path == "/slow" {
                arrived.yield()
                for await _ in releases { break }
            }
            return TransportResponse(status: .ok, body: .bytes(ByteBuffer(string: "done")))
        }
        let server = try HTTPSServer(
            configuration: HTTPSServerConfiguration(port: 0, tls: TestPKI.serverTLS()),
            onListening: { portContinuation.yield($0) },
            handler: handler
        )
        let group = ServiceGroup(
            configuration: .init(services: [server], logger: Logger(label: "test"))
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var portIterator = ports.makeAsyncIterator()
            let port = try #require(await portIterator.next())
            let client = RawTLSClient(identity: try TestPKI.material.client)

            let idle = try await client.connect(port: port)
            let busy = try await client.connect(port: port)
            try await idle.executeThenClose { idleInbound, idleOutbound in
                // One exchange, so the connection is established on both sides, then it idles.
                var idleResponses = idleInbound.makeAsyncIterator()
                try await idleOutbound.write(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"))
                #expect(try await idleResponses.readResponse().hasPrefix("HTTP/1.1 200 OK\r\n"))
                try await busy.executeThenClose { busyInbound, busyOutbound in
                    try await busyOutbound.write(ByteBuffer(string: "GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n"))
                    var arrivalIterator = arrivals.makeAsyncIterator()
                    await arrivalIterator.next()

                    await group.triggerGracefulShutdown()
                    // The idle connection is closed without a further response.
                    var idleReceived = 0
                    while let buffer = try await idleResponses.next() { idleReceived += buffer.readableBytes }
                    #expect(idleReceived == 0)

                    // The busy one gets its response, marked Connection: close, then the server closes it.
                    release.yield()
                    var response = ""
                    for try await buffer in busyInbound { response += String(buffer: buffer) }
                    #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(response)")
                    #expect(response.lowercased().contains("connection: close"))
                    #expect(response.hasSuffix("done"))
                }
            }
            // The service returns once every connection is closed.
            try await tasks.next()
            #expect(server.statistics.snapshot.open == 0)
        }
    }
}
