import NIOCore
import Testing
import XCATransport

/// `maxConcurrentRequests`: past it a request is answered 503 at once (never queued behind the busy ones), the
/// handler is not called, and the connection stays usable when the unread body is small.
@Suite("Inbound server: concurrent request cap", .timeLimit(.minutes(2)))
struct ServerOverloadTests {
    static func client() throws -> RawTLSClient { RawTLSClient(identity: try TestPKI.material.client) }

    static let soapType = "application/soap+xml; charset=UTF-8; action=\"urn:ihe:iti:2007:CrossGatewayQuery\""
    static let mtomType =
        "multipart/related; boundary=MIMEBoundary; type=\"application/xop+xml\"; start-info=\"application/soap+xml\""

    static func post(_ path: String, contentType: String, body: String = "<env:Envelope/>") -> String {
        "POST \(path) HTTP/1.1\r\nHost: localhost\r\nContent-Type: \(contentType)\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    /// A handler that holds every `/hold` request until `release` opens, announcing each arrival.
    struct HoldingHandler {
        let release = Latch()
        let arrivals: AsyncStream<String>
        private let arrived: AsyncStream<String>.Continuation
        let calls = Recorder<String>()

        init() { (arrivals, arrived) = AsyncStream.makeStream(of: String.self) }

        var handler: TransportHandler {
            { [release, arrived, calls] request in
                calls.record(request.path)
                let body = try await request.body.collect(upTo: 1 << 20)
                if request.path == "/hold" {
                    arrived.yield(request.path)
                    await release.wait()
                }
                return TransportResponse(status: .ok, body: .bytes(ByteBuffer(string: "held \(body.readableBytes)")))
            }
        }

        /// Sends `count` `/hold` requests on connections of their own, runs `body` once all are being held, then
        /// releases them; returns what `body` returned and the held requests' responses.
        func hold<R: Sendable>(
            _ count: Int,
            port: Int,
            while body: () async throws -> R
        ) async throws -> (R, [String]) {
            try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<count {
                    group.addTask {
                        let connection = try await ServerOverloadTests.client().connect(port: port)
                        return try await connection.executeThenClose { inbound, outbound in
                            var responses = inbound.makeAsyncIterator()
                            let request = ServerOverloadTests.post("/hold", contentType: ServerOverloadTests.soapType)
                            try await outbound.write(ByteBuffer(string: request))
                            return try await responses.readResponse()
                        }
                    }
                }
                var iterator = arrivals.makeAsyncIterator()
                for _ in 0..<count { _ = await iterator.next() }
                let result: R
                do {
                    result = try await body()
                } catch {
                    release.open()
                    throw error
                }
                release.open()
                var answers: [String] = []
                for try await answer in group { answers.append(answer) }
                return (result, answers)
            }
        }
    }

    @Test("cap N, N+k concurrent requests: k get 503 while the N are held, the N complete after release")
    func shedsPastTheCap() async throws {
        let cap = 3
        let holding = HoldingHandler()
        let limits = HTTPSServerConfiguration.Limits(maxConcurrentRequests: cap)
        try await withHTTPSServer(limits: limits, handler: holding.handler) { port, server in
            let extra = try await Self.client().connect(port: port)
            try await extra.executeThenClose { inbound, outbound in
                var responses = inbound.makeAsyncIterator()
                let (_, answers) = try await holding.hold(cap, port: port) {
                    #expect(server.statistics.snapshot.inFlight == cap)
                    // k = 2 more while the N are held: a SOAP POST and a plain GET, answered without waiting.
                    try await outbound.write(ByteBuffer(string: Self.post("/xca", contentType: Self.soapType)))
                    let fault = try await responses.readResponse()
                    #expect(fault.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"), "\(fault)")
                    let head = fault.lowercased()
                    #expect(head.contains("retry-after: 1\r\n"))
                    #expect(head.contains("content-type: application/soap+xml"))
                    #expect(!head.contains("connection: close"))
                    #expect(fault.contains("<env:Value>env:Receiver</env:Value>"))
                    #expect(fault.contains("http://www.w3.org/2005/08/addressing/soap/fault"))

                    // The same connection stays usable: its next request is answered (still 503, plain: a GET).
                    try await outbound.write(ByteBuffer(string: "GET /status HTTP/1.1\r\nHost: localhost\r\n\r\n"))
                    let plain = try await responses.readResponse()
                    #expect(plain.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"), "\(plain)")
                    #expect(plain.lowercased().contains("content-type: text/plain"))
                    #expect(plain.lowercased().contains("retry-after: 1\r\n"))
                    #expect(server.statistics.snapshot.shed == 2)
                    #expect(holding.calls.values.count == cap, "a shed request never reaches the handler")
                }
                // Released, the N held requests complete with their own answers.
                #expect(answers.count == cap)
                for answer in answers {
                    #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(answer)")
                    #expect(answer.hasSuffix("held 15"))
                }
                // With room again, the connection that was shed is served normally.
                try await outbound.write(ByteBuffer(string: Self.post("/xca", contentType: Self.soapType)))
                #expect(try await responses.readResponse().hasPrefix("HTTP/1.1 200 OK\r\n"))
            }
            #expect(server.statistics.snapshot.shed == 2)
            #expect(holding.calls.values.count == cap + 1)
        }
    }

    @Test(
        "the shed answer is a SOAP Receiver fault for SOAP and MTOM POSTs, text otherwise",
        arguments: [
            ("POST", ServerOverloadTests.soapType, true),
            ("POST", ServerOverloadTests.mtomType, true),
            ("POST", "text/xml; charset=UTF-8", false),
            ("PUT", ServerOverloadTests.soapType, false),
        ]
    )
    func shedAnswerFormat(method: String, contentType: String, isFault: Bool) async throws {
        let holding = HoldingHandler()
        let limits = HTTPSServerConfiguration.Limits(maxConcurrentRequests: 1)
        try await withHTTPSServer(limits: limits, handler: holding.handler) { port, server in
            _ = try await holding.hold(1, port: port) {
                let request = "\(method) /xca HTTP/1.1\r\nHost: localhost\r\nContent-Type: \(contentType)\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\nab"
                let exchange = try await Self.client().exchange(port: port, sending: request)
                #expect(exchange.received.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"), "\(exchange.received)")
                let head = exchange.received.lowercased()
                #expect(head.contains("content-type: application/soap+xml") == isFault)
                #expect(exchange.received.contains("env:Receiver") == isFault)
                #expect(head.contains("content-type: text/plain") == !isFault)
                #expect(server.statistics.snapshot.shed == 1)
            }
        }
        #expect(holding.calls.values == ["/hold"])
    }

    @Test("a shed request with a chunked or large body is answered with Connection: close instead of being drained")
    func largeBodyCloses() async throws {
        let holding = HoldingHandler()
        let limits = HTTPSServerConfiguration.Limits(maxConcurrentRequests: 1)
        try await withHTTPSServer(limits: limits, handler: holding.handler) { port, server in
            _ = try await holding.hold(1, port: port) {
                // Chunked: the length is unknown, so the server answers and closes (the exchange reads to the close).
                let chunked = "POST /xca HTTP/1.1\r\nHost: localhost\r\nContent-Type: \(Self.soapType)\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"
                let first = try await Self.client().exchange(port: port, sending: chunked)
                #expect(first.received.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"), "\(first.received)")
                #expect(first.received.lowercased().contains("connection: close"))

                // Declared over the drain limit (the caller has not even sent it): answered and closed, not read.
                let large = "POST /xca HTTP/1.1\r\nHost: localhost\r\nContent-Type: \(Self.soapType)\r\n"
                    + "Content-Length: \(1 << 20)\r\n\r\n"
                let second = try await Self.client().exchange(port: port, sending: large)
                #expect(second.received.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"), "\(second.received)")
                #expect(second.received.lowercased().contains("connection: close"))
                #expect(server.statistics.snapshot.shed == 2)
            }
        }
        #expect(holding.calls.values == ["/hold"])
    }
}
