import Foundation
import Testing

@testable import XCABinding

@Suite("Base64 (RFC 4648)")
struct Base64Tests {
    /// RFC 4648 §10 test vectors.
    static let vectors: [(plain: String, encoded: String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ]

    static func randomBytes(_ count: Int, using generator: inout some RandomNumberGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    @Test(arguments: vectors.indices)
    func rfc4648Vectors(index: Int) throws {
        let (plain, encoded) = Self.vectors[index]
        #expect(Base64.encodedString(Array(plain.utf8)) == encoded)
        #expect(try Base64.decode(encoded) == Array(plain.utf8))
        #expect(try Base64.decode(Array(encoded.utf8)) == Array(plain.utf8))
        #expect(Base64.encodedCount(plain.utf8.count) == encoded.utf8.count)
    }

    @Test func everyByteValueSurvives() throws {
        let all = (0...255).map { UInt8($0) }
        let encoded = Base64.encode(all)
        #expect(encoded == Array(Data(all).base64EncodedString().utf8))
        #expect(try Base64.decode(encoded) == all)
    }

    /// Foundation is the independent oracle: same encoding, and we decode what it writes.
    @Test func randomRoundTripsAgreeWithFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        var sizes = Array(0...130)
        sizes += (0..<20).map { _ in Int.random(in: 131...70_000, using: &generator) }
        for size in sizes {
            let bytes = Self.randomBytes(size, using: &generator)
            let encoded = Base64.encode(bytes)
            let foundation = Data(bytes).base64EncodedString()
            #expect(String(decoding: encoded, as: UTF8.self) == foundation, "size \(size)")
            #expect(try Base64.decode(encoded) == bytes, "size \(size)")
            #expect(try Base64.decode(foundation) == bytes, "size \(size)")
        }
    }

    @Test func lineBreaksAndXMLWhiteSpaceAreIgnored() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = Self.randomBytes(5_000, using: &generator)
        let wrapped76 = Data(bytes).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        let wrapped64 = Data(bytes).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        #expect(wrapped76.contains("\r\n"))
        #expect(try Base64.decode(wrapped76) == bytes)
        #expect(try Base64.decode(wrapped64) == bytes)

        // White space anywhere, padding included.
        var sprinkled: [UInt8] = []
        let spaces: [UInt8] = [0x20, 0x09, 0x0D, 0x0A]
        for byte in Base64.encode(Array(bytes.prefix(1_000))) {
            if Bool.random(using: &generator) { sprinkled.append(spaces.randomElement(using: &generator) ?? 0x20) }
            sprinkled.append(byte)
        }
        sprinkled += [0x0A, 0x20]
        #expect(try Base64.decode(sprinkled) == Array(bytes.prefix(1_000)))
        #expect(try Base64.decode("  Zm9v\n\tYg = = \r\n") == Array("foob".utf8))
    }

    /// The incremental decoder gives the same bytes however the text is cut into pieces.
    @Test func decoderFedInPiecesMatchesOneShot() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = Self.randomBytes(301, using: &generator)
        let text = Array(Data(bytes).base64EncodedString(options: .lineLength64Characters).utf8)
        for cut in 0...text.count {
            var decoder = Base64.Decoder()
            var output: [UInt8] = []
            try text[..<cut].withContiguousStorageIfAvailable { try decoder.decode($0, appendingTo: &output) }
            try text[cut...].withContiguousStorageIfAvailable { try decoder.decode($0, appendingTo: &output) }
            try decoder.finish()
            #expect(output == bytes, "cut at \(cut)")
        }
        // Many small random pieces.
        var decoder = Base64.Decoder()
        var output: [UInt8] = []
        var start = 0
        while start < text.count {
            let end = min(text.count, start + Int.random(in: 1...9, using: &generator))
            try text[start..<end].withContiguousStorageIfAvailable { try decoder.decode($0, appendingTo: &output) }
            start = end
        }
        try decoder.finish()
        #expect(output == bytes)
        #expect(decoder.sawData)
    }

    @Test func whiteSpaceAloneIsNoData() throws {
        var decoder = Base64.Decoder()
        var output: [UInt8] = []
        var text = " \n\t\r "
        try decoder.decode(&text, appendingTo: &output)
        try decoder.finish()
        #expect(!decoder.sawData)
        #expect(output.isEmpty)
    }

    static let invalid: [String] = [
        "Zm9v!", "Zm9v-_", "Zm9v\u{0C}", "Zm9v\0", "Zm9vé", "Zm9v.",  // outside the alphabet (URL-safe, form feed, NUL)
        "Zg", "Zm9vY", "Zm8",  // no padding
        "Zg=", "Zg= ",  // one '=' where two are needed
        "=Zm9", "Z===", "Zm9v=", "Zm=v", "====",  // misplaced '='
        "Zg==Zg==", "Zm8=Zm9v", "Zg===",  // data after the padding
    ]

    @Test(arguments: invalid)
    func invalidTextIsRefused(text: String) {
        #expect(throws: BindingError(.invalidValue, "")) { try Base64.decode(text) }
    }
}
