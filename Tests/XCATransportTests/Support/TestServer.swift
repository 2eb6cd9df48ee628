import Synchronization
import XCATransport

/// Runs an `HTTPSServer` on 127.0.0.1 port 0 for the duration of `body`, which gets the bound port.
func withHTTPSServer<Result: Sendable>(
    tls: HTTPSServerConfiguration.TLS? = nil,
    limits: HTTPSServerConfiguration.Limits = .init(),
    handler: @escaping TransportHandler,
    _ body: (_ port: Int, _ server: HTTPSServer) async throws -> Result
) async throws -> Result {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let server = try HTTPSServer(
        configuration: HTTPSServerConfiguration(
            host: "127.0.0.1",
            port: 0,
            tls: tls ?? TestPKI.serverTLS(),
            limits: limits
        ),
        onListening: { port in
            continuation.yield(port)
            continuation.finish()
        },
        handler: handler
    )
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            defer { continuation.finish() }
            try await server.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await group.next()
            throw TransportError(.bind, "the test server did not start")
        }
        let result = try await body(port, server)
        group.cancelAll()
        return result
    }
}

/// Values a handler saw, for the test to read after the exchange.
final class Recorder<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])

    func record(_ value: Value) { storage.withLock { $0.append(value) } }
    var values: [Value] { storage.withLock { $0 } }
}

/// A handler answering 200 with a short body, recording the caller's identity.
func okHandler(recording peers: Recorder<PeerIdentity>? = nil) -> TransportHandler {
    { request in
        peers?.record(request.peer)
        for try await _ in request.body {}
        return TransportResponse(status: .ok, body: .bytes(.init(string: "ok")))
    }
}
