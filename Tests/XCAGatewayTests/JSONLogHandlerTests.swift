import Foundation
import Logging
import Synchronization
import Testing

@testable import XCAGateway

/// The JSON Lines log handler: one valid object per line, every field a string, escaping that survives any text.
@Suite("Logging: JSON lines")
struct JSONLogHandlerTests {
    /// Lines a handler wrote, each parsed.
    final class Lines: Sendable {
        private let raw = Mutex<[[UInt8]]>([])
        var sink: JSONLogHandler.Sink { { line in self.append(line) } }
        private func append(_ line: [UInt8]) { raw.withLock { $0.append(line) } }
        var texts: [String] { raw.withLock { $0.map { String(decoding: $0, as: UTF8.self) } } }

        func objects() throws -> [[String: String]] {
            try raw.withLock { $0 }.map { line in
                #expect(line.last == 0x0A && line.dropLast().allSatisfy { $0 != 0x0A }, "one line per event")
                let object = try JSONSerialization.jsonObject(with: Data(line))
                return try #require(object as? [String: String], "every field is a string: \(object)")
            }
        }
    }

    static func logger(_ lines: Lines, level: Logger.Level = .trace) -> Logger {
        Logger(label: "xca.test") { label in
            JSONLogHandler(label: label, logLevel: level, metadataProvider: nil, sink: lines.sink)
        }
    }

    @Test("fields: ts (RFC 3339 UTC, ms), level, label, msg, metadata flattened to strings, source")
    func fields() throws {
        let lines = Lines()
        var logger = Self.logger(lines)
        logger[metadataKey: "xca.request.id"] = "urn:uuid:6c4b1d0e-9a53-4e8c-8d7c-1f0e2d3c4b5a"
        let before = Date()
        logger.info(
            "answered",
            metadata: [
                "xca.elapsed": .stringConvertible(0.042),
                "xca.legs": .dictionary(["north": "success", "south": .dictionary(["code": "timeout"])]),
                "xca.errors": .array(["a", "b"]),
            ]
        )
        let after = Date()
        let object = try #require(try lines.objects().first)
        #expect(object["level"] == "info")
        #expect(object["label"] == "xca.test")
        #expect(object["msg"] == "answered")
        #expect(object["source"] == "XCAGatewayTests")
        #expect(object["xca.request.id"] == "urn:uuid:6c4b1d0e-9a53-4e8c-8d7c-1f0e2d3c4b5a")
        #expect(object["xca.elapsed"] == "0.042")
        #expect(object["xca.legs.north"] == "success")
        #expect(object["xca.legs.south.code"] == "timeout")
        #expect(object["xca.errors"] == #"["a", "b"]"#)

        let ts = try #require(object["ts"])
        #expect(ts.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil, "\(ts)")
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let parsed = try #require(parser.date(from: ts))
        #expect(parsed.timeIntervalSince(before) > -0.002 && after.timeIntervalSince(parsed) > -0.002)
    }

    @Test(
        "timestamps are RFC 3339 UTC with milliseconds",
        arguments: [
            (0, 0, "1970-01-01T00:00:00.000Z"),
            (1_700_000_000, 123, "2023-11-14T22:13:20.123Z"),
            (951_782_400, 9, "2000-02-29T00:00:00.009Z"),
            (4_102_444_799, 999, "2099-12-31T23:59:59.999Z"),
        ]
    )
    func timestamp(seconds: Int, milliseconds: Int, expected: String) {
        var out: [UInt8] = []
        JSONLogHandler.appendTimestamp((seconds, milliseconds), to: &out)
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }

    @Test(
        "any text survives escaping: the line is valid JSON and decodes to the same string",
        arguments: [
            "plain",
            "quote \" and backslash \\ and slash /",
            "line\nbreak\r\ttab\u{08}\u{0C}",
            "control \u{00}\u{01}\u{1F}\u{7F}",
            "unicode é ß ✓ 🙂 \u{2028}\u{2029}",
            "{\"injected\":\"field\"}\n{\"level\":\"critical\"}",
            "",
        ]
    )
    func escaping(text: String) throws {
        let lines = Lines()
        let logger = Self.logger(lines)
        logger.warning("\(text)", metadata: [text.isEmpty ? "empty" : "key \(text)": "\(text)"])
        let object = try #require(try lines.objects().first)
        #expect(object["msg"] == text)
        #expect(object[text.isEmpty ? "empty" : "key \(text)"] == text)
        #expect(object["level"] == "warning")
        #expect(object.count == 6)
    }

    @Test("metadata cannot shadow the fixed fields; an error becomes error.type and error.message")
    func reservedAndError() throws {
        struct Failure: Error, CustomStringConvertible { var description: String { "it broke" } }
        let lines = Lines()
        let logger = Self.logger(lines)
        logger.error("failed", error: Failure(), metadata: ["level": "fake", "msg": "fake", "ts": "fake"])
        let object = try #require(try lines.objects().first)
        #expect(object["level"] == "error" && object["msg"] == "failed" && object["ts"] != "fake")
        #expect(object["metadata.level"] == "fake" && object["metadata.msg"] == "fake" && object["metadata.ts"] == "fake")
        #expect(object["error.message"] == "it broke")
        #expect(object["error.type"]?.hasSuffix("Failure") == true)
    }

    @Test("the level filters, per logger; later metadata wins over earlier")
    func levelsAndPrecedence() throws {
        let lines = Lines()
        var logger = Self.logger(lines, level: .notice)
        logger[metadataKey: "xca.caller"] = "CN=handler"
        logger.info("dropped")
        logger.notice("kept", metadata: ["xca.caller": "CN=call"])
        var quiet = logger
        quiet.logLevel = .error
        quiet.warning("dropped too")
        logger.warning("kept too")
        let objects = try lines.objects()
        #expect(objects.map { $0["msg"] } == ["kept", "kept too"])
        #expect(objects.map { $0["xca.caller"] } == ["CN=call", "CN=handler"])
    }
}
