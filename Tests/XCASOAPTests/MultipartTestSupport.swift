import Foundation
import NIOCore
import Testing

@testable import XCASOAP

/// A part as the tests see it after parsing: headers and the concatenated body bytes.
struct ParsedPart: Equatable, CustomStringConvertible {
    var headers: MIMEHeaders
    var body: [UInt8]

    var description: String { "ParsedPart(\(headers.count) headers, \(body.count) bytes)" }
}

/// What feeding a whole message through `MultipartParser` in fixed-size chunks produced.
struct ParseOutcome {
    var parts: [ParsedPart] = []
    var inputChunks = 0
    var bodyChunkEvents = 0
    /// The largest `bufferedByteCount` seen after `next()` returned nil while a body was being read.
    var maxBufferedInBody = 0
}

extension ByteBuffer {
    init(testBytes bytes: some Sequence<UInt8>) {
        self.init()
        self.writeBytes(bytes)
    }

    var bytes: [UInt8] { Array(readableBytesView) }
    var text: String { String(decoding: readableBytesView, as: UTF8.self) }
}

/// Feeds `message` to a parser `chunkSize` bytes at a time, draining events after every chunk, and checks that the
/// events come in the documented order.
func parseInChunks(
    _ message: [UInt8],
    boundary: String,
    chunkSize: Int,
    limits: MultipartLimits = .default
) throws(MultipartError) -> ParseOutcome {
    var parser = try MultipartParser(boundary: boundary, limits: limits)
    var outcome = ParseOutcome()
    var current: ParsedPart?
    var ended = false
    var inBody = false

    func drain(_ parser: inout MultipartParser) throws(MultipartError) {
        while let event = try parser.next() {
            #expect(!ended, "an event after .end")
            switch event {
            case .partHeaders(let headers):
                #expect(current == nil, "headers inside a part")
                current = ParsedPart(headers: headers, body: [])
                inBody = true
            case .bodyChunk(let chunk):
                #expect(chunk.readableBytes > 0, "an empty body chunk")
                #expect(current != nil, "a body chunk outside a part")
                current?.body.append(contentsOf: chunk.readableBytesView)
                outcome.bodyChunkEvents += 1
            case .partEnd:
                if let part = current { outcome.parts.append(part) } else { Issue.record("partEnd outside a part") }
                current = nil
                inBody = false
            case .end:
                #expect(current == nil, ".end inside a part")
                ended = true
            }
        }
        if inBody { outcome.maxBufferedInBody = max(outcome.maxBufferedInBody, parser.bufferedByteCount) }
    }

    var offset = 0
    while offset < message.count {
        let end = min(offset + chunkSize, message.count)
        parser.append(ByteBuffer(testBytes: message[offset..<end]))
        outcome.inputChunks += 1
        offset = end
        try drain(&parser)
    }
    parser.finish()
    try drain(&parser)
    #expect(ended, "no .end event")
    #expect(parser.isComplete)
    return outcome
}

/// Runs `parseInChunks` and returns the error it throws, or nil.
func parseError(
    _ message: [UInt8],
    boundary: String = "b0undary",
    chunkSize: Int = 4096,
    limits: MultipartLimits = .default
) -> MultipartError? {
    do {
        _ = try parseInChunks(message, boundary: boundary, chunkSize: chunkSize, limits: limits)
        return nil
    } catch {
        return error
    }
}

/// A deterministic generator (SplitMix64) so that failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Binary data that stresses a delimiter search: random bytes with CR, LF, `--`, `--boundary` not at a line start and
/// every proper prefix of `CRLF--boundary` and `LF--boundary` (each followed by a NUL, which no boundary contains).
func trickyBody(count: Int, boundary: String, seed: UInt64) -> [UInt8] {
    var random = SplitMix64(seed: seed)
    let dash = Array("--\(boundary)".utf8)
    var nearMisses: [[UInt8]] = [
        [0x0D], [0x0A], [0x0D, 0x0A], [0x2D, 0x2D], [0x0D, 0x0D, 0x0A], [0x41] + Array("--\(boundary)".utf8),
    ]
    for length in 0..<dash.count {
        nearMisses.append([0x0D, 0x0A] + dash[..<length] + [0x00])
        nearMisses.append([0x0A] + dash[..<length] + [0x00])
    }
    var body: [UInt8] = []
    body.reserveCapacity(count + 128)
    while body.count < count {
        if random.next() % 8 == 0 {
            body += nearMisses[Int(random.next() % UInt64(nearMisses.count))]
        } else {
            for _ in 0..<Int(random.next() % 64) { body.append(UInt8(truncatingIfNeeded: random.next())) }
        }
    }
    return Array(body.prefix(count))
}

/// An async sequence that hands out slices of one buffer, `chunkSize` bytes each.
struct ChunkedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    typealias Failure = Never

    let buffer: ByteBuffer
    let chunkSize: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        var buffer: ByteBuffer
        let chunkSize: Int
        mutating func next() async -> ByteBuffer? {
            guard buffer.readableBytes > 0 else { return nil }
            return buffer.readSlice(length: Swift.min(chunkSize, buffer.readableBytes))
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(buffer: buffer, chunkSize: chunkSize) }
}

/// The shared reference files (`/work/shared/...`), found relative to this source file. A missing directory is
/// recorded as a test issue, so the tests fail loudly instead of skipping.
enum SharedReference {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("../../../shared").standardizedFileURL

    static func bytes(_ relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8]? {
        let url = root.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: root.path) else {
            Issue.record("the shared reference directory \(root.path) is missing", sourceLocation: sourceLocation)
            return nil
        }
        guard let data = try? Data(contentsOf: url) else {
            Issue.record("cannot read the sample \(url.path)", sourceLocation: sourceLocation)
            return nil
        }
        return [UInt8](data)
    }
}

extension Array where Element == UInt8 {
    /// The index of the first occurrence of `needle`, or nil.
    func firstRange(of needle: [UInt8], from start: Int = 0) -> Range<Int>? {
        guard needle.count <= count else { return nil }
        var index = start
        while index + needle.count <= count {
            if self[index] == needle[0], Array(self[index..<(index + needle.count)]) == needle {
                return index..<(index + needle.count)
            }
            index += 1
        }
        return nil
    }
}
