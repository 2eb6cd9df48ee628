import Foundation
import Testing
import XCAXML

@Suite("XMLFragmentScanner and verbatim fragment copies")
struct XMLFragmentScannerTests {
    static let listPath = [XMLFragmentScanner.Step("Doc", namespace: "urn:doc"), .init("List", namespace: "urn:rim")]

    static func scanner(limits: XMLLimits = .default, destination: [XMLFragmentScanner.Binding]? = nil)
        -> XMLFragmentScanner
    {
        XMLFragmentScanner(
            containers: [listPath],
            destinationBindings: destination ?? [.init(prefix: "rim", uri: "urn:rim")],
            capturedAttributes: ["id", "home"],
            limits: limits
        )
    }

    static func scan(_ xml: String, _ scanner: XMLFragmentScanner = scanner()) -> XMLFragmentScanner.Outcome {
        Array(xml.utf8).withUnsafeBytes { scanner.scan($0) }
    }

    static func index(_ xml: String, _ scanner: XMLFragmentScanner = scanner()) throws -> XMLFragmentIndex {
        guard case .indexed(let index) = scan(xml, scanner) else {
            Issue.record("not indexed: \(scan(xml, scanner))")
            throw XMLError(.misuse, "not indexed")
        }
        return index
    }

    static func unavailable(_ xml: String, _ scanner: XMLFragmentScanner = scanner()) -> XMLFragmentScanner.Unavailable? {
        if case .unavailable(let reason) = scan(xml, scanner) { return reason }
        return nil
    }

    static func text(_ xml: String, _ range: Range<Int>) -> String {
        String(decoding: Array(xml.utf8)[range], as: UTF8.self)
    }

    /// Copies every fragment into `<rim:Out>` (rim bound, no default namespace), with `edit`.
    static func copyAll(_ xml: String, edit: XMLAttributeEdit? = nil) throws -> (xml: [UInt8], edited: [Bool]) {
        let index = try index(xml)
        let prepared = try edit.map { try index.rootEdit($0) }
        var writer = XMLWriter()
        try writer.startElement("Out", namespace: "urn:rim", prefix: "rim")
        var edited: [Bool] = []
        try Array(xml.utf8).withUnsafeBytes { document in
            for fragment in index.fragments.indices {
                edited.append(try writer.copyFragment(fragment, of: index, in: document, editing: prepared))
            }
        }
        try writer.endElement()
        return (writer.bytes, edited)
    }

    /// The same through the reader and `copyElement`, the re-serialising path.
    static func copyAllReserialising(_ xml: String, edit: XMLAttributeEdit? = nil) throws -> (
        xml: [UInt8], edited: [Bool]
    ) {
        let reader = try XMLStreamReader(string: xml)
        var writer = XMLWriter()
        try writer.startElement("Out", namespace: "urn:rim", prefix: "rim")
        var edited: [Bool] = []
        while try reader.nextStartElement() {
            guard reader.nameEquals("List", namespace: "urn:rim") else { continue }
            while let node = try reader.next(), node != .endElement {
                if node == .startElement { edited.append(try writer.copyElement(from: reader, editingRootAttribute: edit)) }
            }
        }
        try writer.endElement()
        return (writer.bytes, edited)
    }

    // MARK: Index

    static let simple = """
        <?xml version="1.0" encoding="UTF-8"?>
        <d:Doc xmlns:d="urn:doc" xmlns:rim="urn:rim">
          <d:Before/>
          <rim:List a="1"  >
            <rim:Object id="o1" home="urn:oid:1"><rim:Slot name="s">x &amp; y</rim:Slot></rim:Object>
            <!-- between objects: fine -->
            <rim:Object
                id='o2' home=""
                other="a&gt;b" />
            text between objects
            <rim:Ref id="o3"></rim:Ref >
          </rim:List >
          <d:After line="9"/>
        </d:Doc>
        """

    @Test func indexesTheChildrenOfEachContainer() throws {
        let index = try Self.index(Self.simple)
        #expect(index.containers.count == 1)
        #expect(index.fragments.count == 3)
        #expect(
            index.fragments.map { Self.text(Self.simple, $0.range) } == [
                #"<rim:Object id="o1" home="urn:oid:1"><rim:Slot name="s">x &amp; y</rim:Slot></rim:Object>"#,
                "<rim:Object\n        id='o2' home=\"\"\n        other=\"a&gt;b\" />",
                #"<rim:Ref id="o3"></rim:Ref >"#,
            ]
        )
        // Where the start tag closes: attributes go there.
        #expect(
            index.fragments.map { Self.text(Self.simple, $0.range.lowerBound..<$0.startTagEnd) } == [
                #"<rim:Object id="o1" home="urn:oid:1""#, "<rim:Object\n        id='o2' home=\"\"\n        other=\"a&gt;b\" ",
                #"<rim:Ref id="o3""#,
            ]
        )
        #expect(index.fragments.allSatisfy { $0.declarations.isEmpty })
        #expect((0..<3).map { index.attribute(0, of: $0) } == ["o1", "o2", "o3"])
        #expect((0..<3).map { index.attribute(1, of: $0) } == ["urn:oid:1", "", nil])
        let content = try #require(index.containers[0].content)
        #expect(Self.text(Self.simple, content).hasPrefix("\n    <rim:Object id=\"o1\""))
        #expect(Self.text(Self.simple, content).hasSuffix("</rim:Ref >\n  "))
        #expect(index.containers[0].lineBreaks == 8)
    }

    @Test func theDocumentWithoutContainerContentKeepsLinesAndEverythingElse() throws {
        let index = try Self.index(Self.simple)
        let rest = Array(Self.simple.utf8).withUnsafeBytes { index.documentWithoutContainerContent($0) }
        let text = String(decoding: rest, as: UTF8.self)
        #expect(text.contains("<rim:List a=\"1\"  >\n\n\n\n\n\n\n\n</rim:List >"))
        #expect(!text.contains("Object"))
        // A reader of the rest meets what follows the list on the same line as in the original.
        func lineOfAfter(_ bytes: [UInt8]) throws -> Int {
            let reader = try XMLStreamReader(bytes)
            while try reader.nextStartElement() {
                if reader.localName == "After" { return reader.line }
            }
            return 0
        }
        #expect(try lineOfAfter(rest) == lineOfAfter(Array(Self.simple.utf8)))
        #expect(try lineOfAfter(rest) == 13)
    }

    @Test func aByteOrderMarkAndCRLFLineEndsKeepOffsetsAndLinesExact() throws {
        let xml = "\u{FEFF}" + Self.simple.replacingOccurrences(of: "\n", with: "\r\n")
        let index = try Self.index(xml)
        #expect(
            index.fragments.map { Self.text(xml, $0.range) } == [
                #"<rim:Object id="o1" home="urn:oid:1"><rim:Slot name="s">x &amp; y</rim:Slot></rim:Object>"#,
                "<rim:Object\r\n        id='o2' home=\"\"\r\n        other=\"a&gt;b\" />", #"<rim:Ref id="o3"></rim:Ref >"#,
            ]
        )
        #expect(index.containers[0].lineBreaks == 8)
    }

    @Test func containersAreFoundOnlyAtTheirPathAndEmptyOnesAreListed() throws {
        let xml = """
            <Doc xmlns="urn:doc"><Other><List xmlns="urn:rim"><X/></List></Other>\
            <List xmlns="urn:rim"/><List xmlns="urn:other"><Y/></List><List xmlns="urn:rim"><Z/><List><W/></List></List></Doc>
            """
        let index = try Self.index(xml)
        #expect(index.containers.map { $0.content == nil } == [true, false])
        #expect(index.containers.map(\.fragments) == [0..<0, 0..<2])
        #expect(index.fragments.map { Self.text(xml, $0.range) } == [#"<Z/>"#, "<List><W/></List>"])
        #expect(Self.unavailable(#"<Doc xmlns="urn:doc"><Other/></Doc>"#) == .noContainer)
    }

    // MARK: Namespaces

    @Test func recordsTheBindingsAFragmentTakesFromOutsideAndTheDestinationLacks() throws {
        let xml = """
            <d:Doc xmlns:d="urn:doc" xmlns:x="urn:x"><ns2:List xmlns:ns2="urn:rim" xmlns:rim="urn:rim">\
            <ns2:A id="1"/>\
            <rim:B id="2" x:extra="e"><ns2:C xml:lang="en"/></rim:B>\
            <C xmlns="urn:local"><ns2:D/></C>\
            <rim:E xmlns:x="urn:x"><x:F/></rim:E>\
            <List xmlns="urn:rim" id="3"/>\
            </ns2:List></d:Doc>
            """
        let index = try Self.index(xml)
        func declarations(_ fragment: Int) -> [String] {
            index.fragments[fragment].declarations.map {
                String(decoding: index.declarations[index.fragmentDeclarations[$0]].bytes, as: UTF8.self)
            }
        }
        #expect(index.fragments.count == 5)
        #expect(declarations(0) == [#" xmlns:ns2="urn:rim""#])
        #expect(declarations(1) == [#" xmlns:x="urn:x""#, #" xmlns:ns2="urn:rim""#])
        #expect(declarations(2) == [#" xmlns:ns2="urn:rim""#])
        #expect(declarations(3) == [])
        #expect(declarations(4) == [])  // unprefixed with its own default namespace
        #expect(index.declarations.count == 2)  // each distinct binding once
    }

    @Test func anInheritedDefaultNamespaceOrARimBoundElsewhereIsDeclared() throws {
        let defaultNamespace = try Self.index(
            #"<d:Doc xmlns:d="urn:doc"><List xmlns="urn:rim"><Object id="1"><Slot/></Object></List></d:Doc>"#
        )
        #expect(defaultNamespace.declarations.map(\.bytes) == [Array(#" xmlns="urn:rim""#.utf8)])
        #expect(defaultNamespace.declarations.map(\.prefix) == [nil])

        let otherRim = try Self.index(
            #"<d:Doc xmlns:d="urn:doc" xmlns:rim="urn:old"><r:List xmlns:r="urn:rim"><rim:O/></r:List></d:Doc>"#
        )
        #expect(otherRim.declarations.map(\.bytes) == [Array(#" xmlns:rim="urn:old""#.utf8)])

        // A destination with a default namespace makes unqualified elements need xmlns="".
        let destination: [XMLFragmentScanner.Binding] = [.init(prefix: nil, uri: "urn:dest")]
        let unqualified = try Self.index(
            #"<d:Doc xmlns:d="urn:doc"><r:List xmlns:r="urn:rim"><O/></r:List></d:Doc>"#,
            Self.scanner(destination: destination)
        )
        #expect(unqualified.declarations.map(\.bytes) == [Array(#" xmlns="""#.utf8)])
    }

    // MARK: When the scan gives up

    static let refused: [(String, String, XMLFragmentScanner.Unavailable)] = [
        ("comment in an object", #"<d:Doc xmlns:d="urn:doc"><r:List xmlns:r="urn:rim"><r:O><!-- c --></r:O></r:List></d:Doc>"#, .commentOrInstruction),
        ("instruction in an object", #"<d:Doc xmlns:d="urn:doc"><r:List xmlns:r="urn:rim"><r:O><?pi x?></r:O></r:List></d:Doc>"#, .commentOrInstruction),
        ("Latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><d:Doc xmlns:d=\"urn:doc\"><r:List xmlns:r=\"urn:rim\"><r:O/></r:List></d:Doc>", .notUTF8),
        ("not well-formed", #"<d:Doc xmlns:d="urn:doc"><r:List xmlns:r="urn:rim"><r:O></r:List></d:Doc>"#, .rejected),
        ("truncated", #"<d:Doc xmlns:d="urn:doc"><r:List xmlns:r="urn:rim"><r:O/>"#, .rejected),
        ("DOCTYPE", #"<!DOCTYPE d:Doc [<!ENTITY e "x">]><d:Doc xmlns:d="urn:doc"><r:List xmlns:r="urn:rim">&e;</r:List></d:Doc>"#, .rejected),
        ("undeclared entity", #"<d:Doc xmlns:d="urn:doc"><r:List xmlns:r="urn:rim"><r:O>&e;</r:O></r:List></d:Doc>"#, .rejected),
        ("undeclared prefix", #"<d:Doc xmlns:d="urn:doc"><r:List xmlns:r="urn:rim"><q:O/></r:List></d:Doc>"#, .rejected),
        ("empty", "", .rejected),
    ]

    @Test(arguments: refused)
    func givesUpOnWhatItCannotVouchFor(_ name: String, _ xml: String, _ reason: XMLFragmentScanner.Unavailable) {
        #expect(Self.unavailable(xml) == reason, "\(name)")
    }

    @Test func utf16IsNotCopiedVerbatim() {
        let xml = #"<d:Doc xmlns:d="urn:doc"><r:List xmlns:r="urn:rim"><r:O/></r:List></d:Doc>"#
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in xml.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let outcome = utf16.withUnsafeBytes { Self.scanner().scan($0) }
        guard case .unavailable(let reason) = outcome else {
            Issue.record("a UTF-16 document was indexed")
            return
        }
        #expect(reason == .notUTF8)
    }

    @Test func everyLimitOfTheReaderHolds() {
        let wrap = { (inner: String) in #"<d:Doc xmlns:d="urn:doc"><r:List xmlns:r="urn:rim">\#(inner)</r:List></d:Doc>"# }
        let tight = XMLLimits(
            maxDocumentSize: 1 << 20,
            maxDepth: 5,
            maxAttributesPerElement: 3,
            maxAttributeLength: 16,
            maxTextLength: 32,
            maxNameLength: 12
        )
        let scanner = Self.scanner(limits: tight)
        let cases: [(String, String)] = [
            ("depth", wrap("<r:O><r:A><r:B><r:C/></r:B></r:A></r:O>")),
            ("attributes", wrap(#"<r:O a="1" b="2" c="3" d="4"/>"#)),
            ("attribute length", wrap(#"<r:O a="12345678901234567"/>"#)),
            ("text", wrap("<r:O>" + String(repeating: "t", count: 33) + "</r:O>")),
            ("text in pieces", wrap("<r:O>" + String(repeating: "t&amp;", count: 17) + "</r:O>")),
            ("name", wrap("<r:ThirteenChars/>")),
        ]
        for (name, xml) in cases {
            #expect(Self.unavailable(xml, scanner) == .rejected, "\(name)")
            // The reader refuses the same documents.
            #expect(throws: XMLError.self, "\(name)") { _ = try infoset(Array(xml.utf8), limits: tight) }
        }
        // Right at every limit: indexed.
        let atLimits = wrap(#"<r:O a="1234567890123456" b="" c=""><r:A>"# + String(repeating: "t", count: 32) + "</r:A></r:O>")
        #expect(Self.unavailable(atLimits, scanner) == nil)
        let tooLarge = XMLLimits(maxDocumentSize: 64)
        #expect(Self.unavailable(atLimits, Self.scanner(limits: tooLarge)) == .rejected)
    }

    // MARK: Copies

    @Test func verbatimCopiesEqualReserialisedOnes() throws {
        let source = """
            <d:Doc xmlns:d="urn:doc" xmlns:x="urn:x" xmlns:rim="urn:rim">
              <rim:List>
                <rim:Object id="1" home="" x:extra="e &amp; f">
                  <rim:Slot name="s"><rim:ValueList><rim:Value>v &lt; w &#x20AC; <![CDATA[<raw>]]></rim:Value></rim:ValueList></rim:Slot>
                  <Unprefixed xmlns="urn:other"><Deeper a="b"/></Unprefixed>
                  <rim:Name><rim:LocalizedString xml:lang="en-GB" value="Ünïcödé"/></rim:Name>
                </rim:Object>
                <rim:Object id="2" home="urn:oid:1.2.3"/>
                <rim:Object home='' id="3" xmlns:y="urn:y" y:z="q"></rim:Object>
                <rim:Object id="4"/>
              </rim:List>
            </d:Doc>
            """
        for edit in [
            nil, XMLAttributeEdit(name: "home", value: "urn:oid:9&9", mode: .fillIfMissingOrEmpty),
            XMLAttributeEdit(name: "home", value: "urn:oid:9.9", mode: .replace),
        ] {
            let verbatim = try Self.copyAll(source, edit: edit)
            let reserialised = try Self.copyAllReserialising(source, edit: edit)
            #expect(try infoset(verbatim.xml) == infoset(reserialised.xml))
            #expect(verbatim.edited == reserialised.edited)
        }
        let stamped = try Self.copyAll(
            source,
            edit: XMLAttributeEdit(name: "home", value: "urn:oid:9&9", mode: .fillIfMissingOrEmpty)
        )
        #expect(stamped.edited == [true, false, true, true])
        let text = String(decoding: stamped.xml, as: UTF8.self)
        #expect(text.contains(#"<rim:Object id="1" home="urn:oid:9&amp;9" x:extra="e &amp; f" xmlns:x="urn:x">"#))
        #expect(text.contains(#"<rim:Object home='urn:oid:9&amp;9' id="3" xmlns:y="urn:y" y:z="q"></rim:Object>"#))
        #expect(text.contains(#"<rim:Object id="4" home="urn:oid:9&amp;9"/>"#))
        #expect(text.contains("<![CDATA[<raw>]]>"))  // written as the source wrote it
    }

    @Test func anEditNeedsACapturedAttribute() throws {
        let index = try Self.index(Self.simple)
        #expect(throws: XMLError(.misuse, "")) {
            try index.rootEdit(XMLAttributeEdit(name: "lid", value: "x", mode: .replace))
        }
        #expect(throws: XMLError(.invalidCharacter, "")) {
            try index.rootEdit(XMLAttributeEdit(name: "home", value: "a\u{1}b", mode: .replace))
        }
    }

    @Test func aLargeDocumentIsIndexedExactly() throws {
        // Big enough that libxml2 reads it in many pieces and shrinks its window several times.
        var xml = #"<d:Doc xmlns:d="urn:doc"><rim:List xmlns:rim="urn:rim">"#
        for number in 0..<20_000 {
            xml += "\n<rim:O id=\"\(number)\"\(number % 3 == 0 ? "" : " home=\"h\"")><rim:S>\(number)&amp;</rim:S></rim:O>"
        }
        xml += "</rim:List></d:Doc>"
        let index = try Self.index(xml)
        #expect(index.fragments.count == 20_000)
        let bytes = Array(xml.utf8)
        #expect(
            index.fragments.enumerated().allSatisfy { number, fragment in
                bytes[fragment.range].elementsEqual("<rim:O id=\"\(number)\"\(number % 3 == 0 ? "" : " home=\"h\"")><rim:S>\(number)&amp;</rim:S></rim:O>".utf8)
            }
        )
        #expect(index.containers[0].lineBreaks == 20_000)
    }
}
