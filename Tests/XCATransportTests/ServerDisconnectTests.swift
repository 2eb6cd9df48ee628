import NIOCore
import Testing
import XCATransport

@Suite("Inbound server: caller disconnect", .timeLimit(.minutes(1)))
struct ServerDisconnectTests {
    @Test("a caller who disconnects while its request is handled cancels the handler's task")
    func disconnectCancelsHandler() async throws {
        let (events, event) = AsyncStream.makeStream(of: String.self)
        let handler: TransportHandler = { _ in
            event.yield("started")
            // Waits for cancellation only: nothing else ends this wait (a stream that is never fed).
            let (never, keep) = AsyncStream.makeStream(of: Void.self)
            await withTaskCancellationHandler {
                for await _ in never {}
            } onCancel: {
                keep.finish()
            }
            event.yield(Task.isCancelled ? "cancelled" : "ended without cancellation")
            return TransportResponse(status: .ok, body: .bytes(ByteBuffer(string: "late")))
        }
        try await withHTTPSServer(handler: handler) { port, server in
            let client = RawTLSClient(identity: try TestPKI.material.client)
            let channel = try await client.connect(port: port)
            var iterator = events.makeAsyncIterator()
            try await channel.executeThenClose { _, outbound in
                try await outbound.write(ByteBuffer(string: "GET /wait HTTP/1.1\r\nHost: localhost\r\n\r\n"))
                #expect(await iterator.next() == "started")
            }
            // The connection is closed by the caller: the handler's wait is cancelled.
            #expect(await iterator.next() == "cancelled")
        }
    }

    @Test("a handler whose caller stays connected is not cancelled")
    func connectedCallerIsServed() async throws {
        let handler: TransportHandler = { _ in
            try await Task.sleep(for: .milliseconds(20))
            return TransportResponse(status: .ok, body: .bytes(ByteBuffer(string: Task.isCancelled ? "cancelled" : "served")))
        }
        try await withHTTPSServer(handler: handler) { port, _ in
            let exchange = try await RawTLSClient(identity: try TestPKI.material.client)
                .exchange(port: port, sending: "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            #expect(exchange.received.hasSuffix("served"), "\(exchange.received)")
        }
    }
}
