import Testing
import XCAXML

@Suite("XMLWriter")
struct XMLWriterTests {
    func written(_ build: (inout XMLWriter) throws -> Void) throws -> String {
        var writer = XMLWriter()
        try build(&writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test func escapesTextAndAttributes() throws {
        let xml = try written { writer in
            try writer.startElement("a")
            try writer.attribute("v", "1 < 2 & \"q\" > 'x'\ttab\nnl\rcr")
            try writer.text("a<b>&c \"d\" 'e'\rf\tg\nh")
            try writer.endElement()
        }
        #expect(
            xml
                == #"<a v="1 &lt; 2 &amp; &quot;q&quot; &gt; 'x'&#x9;tab&#xA;nl&#xD;cr">a&lt;b&gt;&amp;c "d" 'e'&#xD;f"#
                + "\tg\nh</a>"
        )
        // And what was written reads back as what was given.
        #expect(try infoset(xml) == ["<{}a {}v=1 < 2 & \"q\" > 'x'\ttab\nnl\rcr", "'a<b>&c \"d\" 'e'\rf\tg\nh", ">"])
    }

    @Test(arguments: ["ascii", "é", "日本語", "emoji 🩻", "mixed <é> & 🩻"])
    func roundTripsUnicodeText(_ text: String) throws {
        let xml = try written { writer in
            try writer.element("t", text: text)
        }
        #expect(try infoset(xml) == ["<{}t ", "'\(text)", ">"])
    }

    @Test(arguments: ["\u{0}", "\u{1}", "a\u{8}b", "\u{1F}", "\u{FFFE}", "x\u{FFFF}"])
    func refusesCharactersXML10CannotCarry(_ text: String) throws {
        var writer = XMLWriter()
        try writer.startElement("a")
        let error = #expect(throws: XMLError.self) { try writer.text(text) }
        #expect(error?.code == .invalidCharacter)
        let attributeError = #expect(throws: XMLError.self) {
            var other = XMLWriter()
            try other.startElement("a")
            try other.attribute("v", text)
        }
        #expect(attributeError?.code == .invalidCharacter)
    }

    @Test(arguments: [
        [0xC3, 0x28],  // bad continuation
        [0xC0, 0xAF],  // overlong
        [0xE0, 0x80, 0xAF],  // overlong three-byte
        [0xED, 0xA0, 0x80],  // surrogate
        [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
        [0x80],  // lone continuation
        [0xE2, 0x82],  // truncated
        [0xFF],
    ] as [[UInt8]])
    func refusesInvalidUTF8(_ bytes: [UInt8]) throws {
        var writer = XMLWriter()
        try writer.startElement("a")
        let error = #expect(throws: XMLError.self) {
            try bytes.withUnsafeBufferPointer { try writer.text(utf8: $0) }
        }
        #expect(error?.code == .invalidUTF8)
    }

    @Test func acceptsValidUTF8Bytes() throws {
        let xml = try written { writer in
            try writer.startElement("a")
            try Array("é€🩻".utf8).withUnsafeBufferPointer { try writer.text(utf8: $0) }
            try writer.endElement()
        }
        #expect(xml == "<a>é€🩻</a>")
    }

    @Test(arguments: ["", "1a", "a b", "a<b", "-x", "a=b", "a/b"])
    func refusesInvalidNames(_ name: String) throws {
        var writer = XMLWriter()
        let error = #expect(throws: XMLError.self) { try writer.startElement(name) }
        #expect(error?.code == .invalidName)
    }

    @Test func refusesMisuse() throws {
        var writer = XMLWriter()
        #expect(throws: XMLError(.misuse, "")) { try writer.endElement() }
        try writer.startElement("a")
        try writer.text("x")
        #expect(throws: XMLError(.misuse, "")) { try writer.attribute("late", "1") }
    }

    @Test func declaresNamespacesOnlyWhereNeeded() throws {
        let xml = try written { writer in
            try writer.startElement("Envelope", namespace: "urn:s", prefix: "s")
            try writer.startElement("Body", namespace: "urn:s", prefix: "s")
            try writer.startElement("Thing", namespace: "urn:d")
            try writer.startElement("Inner", namespace: "urn:d")
            try writer.endElement()
            try writer.startElement("NoNamespace", namespace: "")
            try writer.endElement()
            try writer.endElement()
            try writer.startElement("Other", namespace: "urn:s2", prefix: "s")
            try writer.endElement()
            try writer.endElement()
            try writer.endElement()
        }
        #expect(
            xml
                == #"<s:Envelope xmlns:s="urn:s"><s:Body><Thing xmlns="urn:d"><Inner/><NoNamespace xmlns=""/></Thing><s:Other xmlns:s="urn:s2"/></s:Body></s:Envelope>"#
        )
        #expect(
            try infoset(xml) == [
                "<{urn:s}Envelope ", "<{urn:s}Body ", "<{urn:d}Thing ", "<{urn:d}Inner ", ">", "<{}NoNamespace ", ">",
                ">", "<{urn:s2}Other ", ">", ">", ">",
            ]
        )
    }

    @Test func drainHandsOverWhatWasWrittenSoFar() throws {
        var writer = XMLWriter()
        try writer.startElement("a")
        try writer.text("one")
        let first = writer.drain()
        try writer.text("two")
        try writer.endElement()
        let second = writer.drain()
        #expect(String(decoding: first + second, as: UTF8.self) == "<a>onetwo</a>")
        #expect(writer.bytes.isEmpty)
        #expect(writer.isComplete)
    }
}
