import NIOCore
import Testing

@testable import XCASOAP

@Suite("Multipart writer → parser round trip")
struct MultipartRoundTripTests {
    static let chunkSizes = [1, 2, 3, 7, 64, 1000, 4096, 65536, 1 << 20]
    static let boundary = "MIMEBoundary_3f9c2a7d51e04b86a1c9d7e2f4b60a18c3e5d7f9"

    struct Fixture {
        var message: [UInt8]
        var parts: [ParsedPart]
    }

    /// Parts with empty bodies, bodies that are only line breaks, and binary bodies full of CR, LF, `--` and near
    /// misses of the delimiter, including one that ends in `CRLF--` + all but the last byte of the boundary.
    static func makeFixture() throws -> Fixture {
        let writer = try MultipartWriter(boundary: boundary)
        let almost = Array("\r\n--\(boundary)".utf8.dropLast())
        let bodies: [[UInt8]] = [
            [],
            [0x0D, 0x0A],
            trickyBody(count: 40_000, boundary: boundary, seed: 1),
            trickyBody(count: 3_000, boundary: boundary, seed: 2) + [0x0D],
            trickyBody(count: 20_000, boundary: boundary, seed: 3) + almost,
            Array("--".utf8),
            trickyBody(count: 60_000, boundary: boundary, seed: 4) + [0x0A],
            [0x0D],
            almost,
        ]
        var message: [UInt8] = []
        var parts: [ParsedPart] = []
        for (index, body) in bodies.enumerated() {
            let headers = try MIMEHeaders([
                ("Content-Type", index == 0 ? "application/xop+xml; charset=UTF-8" : "application/octet-stream"),
                ("Content-Transfer-Encoding", "binary"),
                ("Content-ID", "<part\(index)@example.org>"),
            ])
            message += writer.partHead(headers: headers, isFirst: index == 0).bytes
            message += body
            parts.append(ParsedPart(headers: headers, body: body))
        }
        message += writer.close().bytes
        return Fixture(message: message, parts: parts)
    }

    @Test("identical parts and bytes for every chunk size", arguments: chunkSizes)
    func roundTrip(chunkSize: Int) throws {
        let fixture = try Self.makeFixture()
        let outcome = try parseInChunks(fixture.message, boundary: Self.boundary, chunkSize: chunkSize)
        #expect(outcome.parts.count == fixture.parts.count)
        for (parsed, expected) in zip(outcome.parts, fixture.parts) {
            #expect(parsed.headers == expected.headers)
            #expect(parsed.body == expected.body, "part \(expected.headers["Content-ID"] ?? "?")")
        }
        #expect(outcome.maxBufferedInBody <= Self.boundary.utf8.count + 3)
        // Slices follow the input: at most one held-back tail and one slice per input chunk, plus the part ends.
        #expect(outcome.bodyChunkEvents <= 2 * outcome.inputChunks + 2 * fixture.parts.count)
        if outcome.inputChunks == 1 {
            #expect(outcome.bodyChunkEvents == fixture.parts.filter { !$0.body.isEmpty }.count)
        }
    }

    @Test("random chunk sizes, queued several at a time before draining", arguments: [UInt64(1), 2, 3])
    func randomChunking(seed: UInt64) throws {
        let fixture = try Self.makeFixture()
        var random = SplitMix64(seed: seed)
        var parser = try MultipartParser(boundary: Self.boundary)
        var parts: [ParsedPart] = []
        var offset = 0
        func drain() throws {
            while let event = try parser.next() {
                switch event {
                case .partHeaders(let headers): parts.append(ParsedPart(headers: headers, body: []))
                case .bodyChunk(let chunk): parts[parts.count - 1].body += chunk.readableBytesView
                case .partEnd, .end: break
                }
            }
        }
        while offset < fixture.message.count {
            for _ in 0..<(1 + Int(random.next() % 4)) where offset < fixture.message.count {
                let size = 1 + Int(random.next() % (random.next() % 2 == 0 ? 100 : 5000))
                let end = min(offset + size, fixture.message.count)
                parser.append(ByteBuffer(testBytes: fixture.message[offset..<end]))
                offset = end
            }
            try drain()
        }
        parser.finish()
        try drain()
        #expect(parser.isComplete)
        #expect(parts == fixture.parts)
    }

    @Test("a random boundary round-trips and is a valid RFC 2046 boundary")
    func randomBoundary() throws {
        let writer = MultipartWriter.random()
        #expect(writer.boundary.utf8.count <= 70)
        #expect(try MultipartWriter(boundary: writer.boundary) == writer)
        #expect(MultipartWriter.random() != writer)
        let body = trickyBody(count: 10_000, boundary: writer.boundary, seed: 11)
        let headers = try MIMEHeaders([("Content-ID", "<x@y>")])
        let message = writer.partHead(headers: headers, isFirst: true).bytes + body + writer.close().bytes
        let outcome = try parseInChunks(message, boundary: writer.boundary, chunkSize: 333)
        #expect(outcome.parts == [ParsedPart(headers: headers, body: body)])
    }

    @Test("the writer emits exactly the RFC 2046 framing")
    func framing() throws {
        let writer = try MultipartWriter(boundary: "b")
        let headers = try MIMEHeaders([("A", "1")])
        #expect(writer.partHead(headers: headers, isFirst: true).text == "--b\r\nA: 1\r\n\r\n")
        #expect(writer.partHead(headers: headers, isFirst: false).text == "\r\n--b\r\nA: 1\r\n\r\n")
        #expect(writer.partHead(headers: MIMEHeaders(), isFirst: false).text == "\r\n--b\r\n\r\n")
        #expect(writer.close().text == "\r\n--b--\r\n")
    }

    @Test(
        "the writer refuses boundaries RFC 2046 does not allow",
        arguments: [
            "", String(repeating: "a", count: 71), "trailing ", "semi;colon", "quote\"", "new\nline", "<angle>",
        ]
    )
    func writerBoundaryErrors(_ boundary: String) {
        #expect(throws: MultipartError(.invalidBoundary, "")) { try MultipartWriter(boundary: boundary) }
    }
}
