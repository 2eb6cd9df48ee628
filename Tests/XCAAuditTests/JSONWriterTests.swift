import Foundation
import Testing

@testable import XCAAudit

@Suite("JSON writer, timestamps and UUIDs")
struct JSONWriterTests {
    private func parse(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test(
        "strings round-trip through a JSON parser",
        arguments: [
            "plain", "quote \" and backslash \\ and slash /", "tab\tnewline\ncarriage\rnull\u{0}bell\u{7}escape\u{1B}unit\u{1F}",
            "Zoë Ünal — 日本語 😀 \u{2028}", "", "\u{7F} delete stays",
        ]
    )
    func roundTrip(_ value: String) throws {
        var writer = JSONWriter(capacity: 16)
        writer.beginObject()
        writer.field("value", value)
        writer.endObject()
        let parsed = try parse(writer.bytes)
        #expect(parsed["value"] as? String == value)
        #expect(!writer.bytes.contains { $0 < 0x20 }, "no raw control character in the output")
    }

    @Test("control characters are written as \\u00XX, quotes and backslashes escaped, UTF-8 passed through")
    func escapes() {
        var writer = JSONWriter(capacity: 16)
        writer.string("a\"b\\c\n\u{1}é")
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #""a\"b\\c\u000a\u0001é""#)
    }

    @Test("the buffer grows past its initial capacity and finish() hands over exactly what was written")
    func growth() throws {
        var writer = JSONWriter(capacity: 8)
        let long = String(repeating: "é\"x\u{1}", count: 5_000)
        writer.beginArray()
        for _ in 0..<3 { writer.string(long) }
        writer.endArray()
        let copy = writer.bytes
        let finished = writer.finish()
        #expect(copy == finished)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(finished)) as? [String])
        #expect(parsed == [long, long, long])
    }

    @Test("commas between members and array elements, none after an opening bracket")
    func structure() throws {
        var writer = JSONWriter(capacity: 16)
        writer.beginObject()
        writer.field("a", "1")
        writer.key("b")
        writer.beginArray()
        writer.integer(-12)
        writer.integer(0)
        writer.bool(true)
        writer.beginObject()
        writer.endObject()
        writer.endArray()
        writer.field("c", false)
        writer.field("d", ifPresent: nil)
        writer.field("e", ifPresent: "")
        writer.endObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"a":"1","b":[-12,0,true,{}],"c":false}"#)
        _ = try parse(writer.bytes)
    }

    @Test(
        "timestamps are UTC with milliseconds",
        arguments: [
            (0.0, "1970-01-01T00:00:00.000Z"),
            (1_741_083_330.123, "2025-03-04T10:15:30.123Z"),
            (951_782_400.999, "2000-02-29T00:00:00.999Z"),
            (-1.5, "1969-12-31T23:59:58.500Z"),
            (4_102_444_799.0, "2099-12-31T23:59:59.000Z"),
        ]
    )
    func timestamps(_ seconds: Double, _ expected: String) {
        #expect(String(decoding: AuditTimestamp.bytes(Date(timeIntervalSince1970: seconds)), as: UTF8.self) == expected)
    }

    @Test("timestamps agree with Foundation's ISO 8601 formatter")
    func timestampsAgreeWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let milliseconds = Int64.random(in: 0...4_000_000_000_000, using: &generator)
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1_000)
            #expect(String(decoding: AuditTimestamp.bytes(date), as: UTF8.self) == formatter.string(from: date))
        }
    }

    @Test("minted UUIDs are version 4, lowercase, and differ")
    func uuids() {
        var seen = Set<String>()
        for _ in 0..<100 {
            let uuid = AuditUUID.random()
            #expect(uuid.count == 36)
            #expect(uuid == uuid.lowercased())
            #expect(UUID(uuidString: uuid) != nil)
            let characters = Array(uuid)
            #expect(characters[14] == "4")
            #expect("89ab".contains(characters[19]))
            seen.insert(uuid)
        }
        #expect(seen.count == 100)
    }

    @Test("message ids normalise to their lowercase UUID; anything else is refused")
    func normalisedMessageIDs() {
        #expect(AuditUUID.normalised("urn:uuid:DEF119AD-DC13-49C1-A3C7-E3742531F9B3") == "def119ad-dc13-49c1-a3c7-e3742531f9b3")
        #expect(AuditUUID.normalised("URN:UUID:def119ad-dc13-49c1-a3c7-e3742531f9b3") == "def119ad-dc13-49c1-a3c7-e3742531f9b3")
        #expect(AuditUUID.normalised("def119ad-dc13-49c1-a3c7-e3742531f9b3") == "def119ad-dc13-49c1-a3c7-e3742531f9b3")
        #expect(AuditUUID.normalised("urn:uuid:def119ad-dc13-49c1-a3c7-e3742531f9bz") == nil)
        #expect(AuditUUID.normalised("uuid:def119ad-dc13-49c1-a3c7-e3742531f9b3") == nil)
        #expect(AuditUUID.normalised("9990000018") == nil)
        #expect(AuditUUID.normalised("") == nil)
    }
}
