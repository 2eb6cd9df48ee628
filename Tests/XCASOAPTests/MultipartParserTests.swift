import NIOCore
import Testing

@testable import XCASOAP

@Suite("MultipartParser")
struct MultipartParserTests {
    static let chunkSizes = [1, 2, 3, 5, 4096]

    private func parts(_ text: String, boundary: String = "b0undary", chunkSize: Int) throws -> [ParsedPart] {
        try parseInChunks(Array(text.utf8), boundary: boundary, chunkSize: chunkSize).parts
    }

    private func headers(_ fields: [(String, String)]) throws -> MIMEHeaders { try MIMEHeaders(fields) }

    @Test("a body that starts directly with --boundary", arguments: chunkSizes)
    func directStart(chunkSize: Int) throws {
        let parsed = try parts(
            "--b0undary\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b0undary--",
            chunkSize: chunkSize
        )
        #expect(
            parsed == [ParsedPart(headers: try headers([("Content-Type", "text/plain")]), body: Array("hello".utf8))]
        )
    }

    @Test("preamble and epilogue are skipped", arguments: chunkSizes)
    func preambleAndEpilogue(chunkSize: Int) throws {
        let text =
            "This is the preamble.\r\n-- b0undary\r\n\r\n--b0undary\r\n\r\nbody\r\n--b0undary--\r\nepilogue\r\n--b0undary\r\n"
        let parsed = try parts(text, chunkSize: chunkSize)
        #expect(parsed == [ParsedPart(headers: MIMEHeaders(), body: Array("body".utf8))])
    }

    @Test("transport padding after delimiters", arguments: chunkSizes)
    func transportPadding(chunkSize: Int) throws {
        let text = "--b0undary \t \r\nA: 1\r\n\r\nx\r\n--b0undary\t\r\n\r\ny\r\n--b0undary--  \r\n"
        let parsed = try parts(text, chunkSize: chunkSize)
        #expect(parsed.map(\.body) == [Array("x".utf8), Array("y".utf8)])
        #expect(parsed.first?.headers["a"] == "1")
    }

    @Test("bare LF line ends (transcribed samples)", arguments: chunkSizes)
    func bareLF(chunkSize: Int) throws {
        let parsed = try parts("--b0undary\nA: 1\n\nx\r\n\n--b0undary\nB: 2\n\ny\n--b0undary--\n", chunkSize: chunkSize)
        #expect(parsed.map(\.body) == [Array("x\r\n".utf8), Array("y".utf8)])
        #expect(parsed.map { $0.headers.count } == [1, 1])
    }

    @Test("empty bodies, empty header blocks and bodies ending in line breaks", arguments: chunkSizes)
    func emptyAndEdgeBodies(chunkSize: Int) throws {
        let text =
            "--b0undary\r\nA: 1\r\n\r\n\r\n--b0undary\r\n\r\n\r\n\r\n--b0undary\r\n\r\n\r\r\n--b0undary\r\n\r\nx--b0undary\n-\r\n--b0undary--"
        let parsed = try parts(text, chunkSize: chunkSize)
        #expect(parsed.map(\.body) == [[], [0x0D, 0x0A], [0x0D], Array("x--b0undary\n-".utf8)])
        #expect(parsed[1].headers.isEmpty)
    }

    @Test("header syntax: folding, spacing around the colon, UTF-8 values", arguments: chunkSizes)
    func headerSyntax(chunkSize: Int) throws {
        let text =
            "--b0undary\r\nContent-Type: multipart/related;\r\n\tboundary=x\r\nA:1\r\nB : 2 \r\nC: café\r\n\r\nbody\r\n--b0undary--"
        let parsed = try parts(text, chunkSize: chunkSize)
        let fields = try #require(parsed.first).headers
        #expect(fields["content-type"] == "multipart/related;\tboundary=x")
        #expect(fields["A"] == "1")
        #expect(fields["B"] == "2")
        #expect(fields["C"] == "café")
        #expect(try fields.contentType?.boundary == "x")
    }

    @Test("body chunks are zero-copy slices as large as the input")
    func largeSlices() throws {
        var body = [UInt8](repeating: 0x0D, count: 100_000)  // every byte a CR: no per-CR splitting
        body += [UInt8](repeating: 0x0A, count: 100_000)
        let message = Array("--b0undary\r\n\r\n".utf8) + body + Array("\r\n--b0undary--".utf8)
        var parser = try MultipartParser(boundary: "b0undary")
        parser.append(ByteBuffer(testBytes: message))
        parser.finish()
        var events: [MultipartEvent] = []
        while let event = try parser.next() { events.append(event) }
        #expect(events.count == 4)
        guard case .bodyChunk(let chunk) = events[1] else { Issue.record("expected one body chunk"); return }
        #expect(chunk.bytes == body)
    }

    @Test("retains O(boundary) bytes, not O(part), whatever the chunk size", arguments: [1, 2, 3, 17, 4096])
    func boundedRetention(chunkSize: Int) throws {
        let boundary = "MIMEBoundary_0123456789abcdef"
        let body = trickyBody(count: 60_000, boundary: boundary, seed: 7)
        let message = Array("--\(boundary)\r\n\r\n".utf8) + body + Array("\r\n--\(boundary)--".utf8)
        let outcome = try parseInChunks(message, boundary: boundary, chunkSize: chunkSize)
        #expect(outcome.parts.map(\.body) == [body])
        #expect(outcome.maxBufferedInBody <= boundary.utf8.count + 3)
    }

    @Test("after .end, input is discarded and next() returns nil")
    func afterEnd() throws {
        var parser = try MultipartParser(boundary: "b")
        parser.append(ByteBuffer(testBytes: Array("--b\r\n\r\nx\r\n--b--\r\n".utf8)))
        var count = 0
        while try parser.next() != nil { count += 1 }
        #expect(count == 4)
        parser.append(ByteBuffer(testBytes: [UInt8](repeating: 0x41, count: 10_000)))
        #expect(parser.bufferedByteCount == 0)
        #expect(try parser.next() == nil)
        #expect(parser.isComplete)
    }

    // MARK: Errors

    @Test("missing, empty or invalid boundary")
    func boundaryErrors() throws {
        #expect(throws: MultipartError(.missingBoundary, "")) {
            try MultipartParser(
                contentType: MIMEContentType(parsing: "multipart/related; type=\"application/xop+xml\"")
            )
        }
        #expect(throws: MultipartError(.unsupportedMediaType, "")) {
            try MultipartParser(contentType: MIMEContentType(parsing: "application/soap+xml; boundary=x"))
        }
        for bad in ["", "ends with space ", "tab\tinside", String(repeating: "x", count: 257)] {
            #expect(throws: MultipartError(.invalidBoundary, "")) { try MultipartParser(boundary: bad) }
        }
        #expect(throws: Never.self) { try MultipartParser(boundary: String(repeating: "x", count: 256)) }
    }

    @Test(
        "no parts",
        arguments: ["", "just text, no delimiter\r\n", "--b0undary--\r\n", "\r\n--b0undary--", "--b0und"]
    )
    func noParts(_ text: String) {
        for chunkSize in Self.chunkSizes {
            #expect(parseError(Array(text.utf8), chunkSize: chunkSize) == MultipartError(.noParts, ""))
        }
    }

    @Test("truncated in the headers")
    func truncatedInHeaders() throws {
        for chunkSize in Self.chunkSizes {
            let error = parseError(Array("--b0undary\r\nContent-Type: text/plain\r\n".utf8), chunkSize: chunkSize)
            #expect(error == MultipartError(.truncated, ""))
            #expect(error?.message.contains("headers of part 1") == true)
        }
    }

    @Test("truncated in the body")
    func truncatedInBody() throws {
        for text in ["--b0undary\r\n\r\nabc", "--b0undary\r\n\r\nabc\r\n--b0und", "--b0undary\r\n\r\nabc\r"] {
            for chunkSize in Self.chunkSizes {
                let error = parseError(Array(text.utf8), chunkSize: chunkSize)
                #expect(error == MultipartError(.truncated, ""))
                #expect(error?.message.contains("body of part 1") == true)
            }
        }
    }

    @Test(
        "truncated in a delimiter line",
        arguments: ["--b0undary", "--b0undary \t", "--b0undary\r", "--b0undary\r\n\r\nx\r\n--b0undary-"]
    )
    func truncatedInDelimiter(_ text: String) {
        for chunkSize in Self.chunkSizes {
            #expect(parseError(Array(text.utf8), chunkSize: chunkSize) == MultipartError(.truncated, ""))
        }
    }

    @Test(
        "malformed delimiter lines",
        arguments: [
            "--b0undaryX\r\n", "--b0undary\r\n\r\nx\r\n--b0undary-x", "--b0undary \r\n\r\nx\r\n--b0undary --",
            "--b0undary\rX",
        ]
    )
    func malformedDelimiter(_ text: String) {
        for chunkSize in Self.chunkSizes {
            #expect(parseError(Array(text.utf8), chunkSize: chunkSize) == MultipartError(.malformedDelimiter, ""))
        }
    }

    @Test(
        "malformed headers",
        arguments: [
            "--b0undary\r\nno colon here\r\n\r\n", "--b0undary\r\n folded first: x\r\n\r\n",
            "--b0undary\r\n: empty name\r\n\r\n",
            "--b0undary\r\nBad Name: x\r\n\r\n", "--b0undary\r\nA: bell\u{7}\r\n\r\n", "--b0undary\r\nA: x\ry\r\n\r\n",
        ]
    )
    func malformedHeader(_ text: String) {
        for chunkSize in Self.chunkSizes {
            #expect(parseError(Array(text.utf8), chunkSize: chunkSize) == MultipartError(.malformedHeader, ""))
        }
    }

    @Test("a header value that is not UTF-8 is malformed")
    func nonUTF8Header() {
        let message = Array("--b0undary\r\nA: ".utf8) + [0xC3, 0x28] + Array("\r\n\r\nx\r\n--b0undary--".utf8)
        #expect(parseError(message) == MultipartError(.malformedHeader, ""))
    }

    @Test("header block larger than maxHeaderBlockSize")
    func headerTooLarge() throws {
        let limits = MultipartLimits(maxHeaderBlockSize: 1024)
        // "--b0undary" + CRLF + "A: " + value + CRLF + CRLF: the block counts from the CRLF after the boundary.
        func message(valueLength: Int) -> [UInt8] {
            Array("--b0undary\r\nA: \(String(repeating: "v", count: valueLength))\r\n\r\nx\r\n--b0undary--".utf8)
        }
        let fits = 1024 - 2 - 3 - 2 - 2
        for chunkSize in [1, 3, 4096] {
            #expect(throws: Never.self) {
                try parseInChunks(
                    message(valueLength: fits),
                    boundary: "b0undary",
                    chunkSize: chunkSize,
                    limits: limits
                )
            }
            let error = parseError(message(valueLength: fits + 1), chunkSize: chunkSize, limits: limits)
            #expect(error == MultipartError(.headerBlockTooLarge, ""))
            #expect(error?.isLimitExceeded == true)
        }
        // A header line that never ends is stopped at the limit, not buffered without bound.
        var parser = try MultipartParser(boundary: "b0undary", limits: limits)
        parser.append(ByteBuffer(testBytes: Array("--b0undary\r\nA: ".utf8)))
        #expect(try parser.next() == nil)
        var thrown: MultipartError?
        for _ in 0..<100 {
            parser.append(ByteBuffer(testBytes: [UInt8](repeating: 0x61, count: 100)))
            do { _ = try parser.next() } catch { thrown = error; break }
            #expect(parser.bufferedByteCount <= 1024)
        }
        #expect(thrown == MultipartError(.headerBlockTooLarge, ""))
        // Transport padding counts too.
        let padded = Array("--b0undary\(String(repeating: " ", count: 2000))\r\n\r\nx\r\n--b0undary--".utf8)
        #expect(parseError(padded, limits: limits) == MultipartError(.headerBlockTooLarge, ""))
    }

    @Test("more headers than maxHeadersPerPart")
    func tooManyHeaders() {
        func message(_ count: Int) -> [UInt8] {
            Array(("--b0undary\r\n" + (0..<count).map { "X-\($0): v\r\n" }.joined() + "\r\nx\r\n--b0undary--").utf8)
        }
        #expect(parseError(message(64)) == nil)
        let error = parseError(message(65))
        #expect(error == MultipartError(.tooManyHeaders, ""))
        #expect(error?.message.contains("64") == true)
        #expect(
            parseError(message(3), limits: MultipartLimits(maxHeadersPerPart: 2)) == MultipartError(.tooManyHeaders, "")
        )
    }

    @Test("more parts than maxParts")
    func tooManyParts() {
        func message(_ count: Int) -> [UInt8] {
            Array((String(repeating: "--b0undary\r\n\r\nx\r\n", count: count) + "--b0undary--").utf8)
        }
        let limits = MultipartLimits(maxParts: 3)
        #expect(parseError(message(3), limits: limits) == nil)
        #expect(parseError(message(4), limits: limits) == MultipartError(.tooManyParts, ""))
        #expect(parseError(message(4), chunkSize: 1, limits: limits) == MultipartError(.tooManyParts, ""))
    }

    @Test("a part larger than maxPartSize")
    func partTooLarge() {
        let limits = MultipartLimits(maxPartSize: 10)
        for chunkSize in [1, 4096] {
            #expect(
                parseError(
                    Array("--b0undary\r\n\r\n0123456789\r\n--b0undary--".utf8),
                    chunkSize: chunkSize,
                    limits: limits
                ) == nil
            )
            #expect(
                parseError(
                    Array("--b0undary\r\n\r\n0123456789A\r\n--b0undary--".utf8),
                    chunkSize: chunkSize,
                    limits: limits
                )
                    == MultipartError(.partTooLarge, "")
            )
        }
    }

    @Test("a preamble larger than maxPreambleSize")
    func preambleTooLarge() {
        let limits = MultipartLimits(maxPreambleSize: 10)
        for chunkSize in [1, 4096] {
            #expect(
                parseError(
                    Array("0123456789\r\n--b0undary\r\n\r\nx\r\n--b0undary--".utf8),
                    chunkSize: chunkSize,
                    limits: limits
                ) == nil
            )
            #expect(
                parseError(
                    Array("0123456789A\r\n--b0undary\r\n\r\nx\r\n--b0undary--".utf8),
                    chunkSize: chunkSize,
                    limits: limits
                )
                    == MultipartError(.preambleTooLarge, "")
            )
        }
    }

    @Test("an error is sticky and frees the buffered input")
    func stickyError() throws {
        var parser = try MultipartParser(boundary: "b0undary")
        parser.append(ByteBuffer(testBytes: Array("--b0undary\r\nbad header\r\n\r\nbody".utf8)))
        #expect(throws: MultipartError(.malformedHeader, "")) { try parser.next() }
        #expect(parser.bufferedByteCount == 0)
        parser.append(ByteBuffer(testBytes: Array("more".utf8)))
        #expect(throws: MultipartError(.malformedHeader, "")) { try parser.next() }
    }
}
