import Testing
import XCAXML

@Suite("XMLStreamReader")
struct XMLStreamReaderTests {
    static let rim = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"

    @Test func readsElementsAttributesAndTextWithNamespaces() throws {
        let reader = try XMLStreamReader(
            string: """
                <?xml version="1.0"?>
                <!-- a comment -->
                <q:Root xmlns:q="urn:q" xmlns:R="\(Self.rim)" a="1">
                  <R:Slot name="x &amp; y"><R:ValueList><R:Value>one &lt;two&gt;</R:Value></R:ValueList></R:Slot>
                  <R:Empty/>
                  <plain>t<![CDATA[<raw>]]>u</plain>
                </q:Root>
                """
        )
        #expect(try reader.next() == .startElement)
        #expect(reader.localName == "Root")
        #expect(reader.prefix == "q")
        #expect(reader.namespaceURI == "urn:q")
        #expect(reader.attribute("a") == "1")
        #expect(reader.attribute("missing") == nil)
        #expect(reader.depth == 1)

        #expect(try reader.nextStartElement())
        #expect(reader.isStartElement("Slot", namespace: "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"))
        #expect(!reader.isStartElement("Slot", namespace: "urn:other"))
        #expect(reader.attribute("name") == "x & y")
        #expect(reader.depth == 2)
        #expect(try reader.nextStartElement())  // ValueList
        #expect(try reader.nextStartElement())  // Value
        #expect(try reader.readText() == "one <two>")
        #expect(reader.isEndElement("Value", namespace: "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"))

        #expect(try reader.nextStartElement())
        #expect(reader.localName == "Empty")
        #expect(reader.isEmptyElement)
        #expect(try reader.next() == .endElement)  // synthesised for <R:Empty/>
        #expect(reader.localName == "Empty")

        #expect(try reader.nextStartElement())
        #expect(reader.localName == "plain")
        #expect(reader.namespaceURI == "")
        #expect(reader.nameEquals("plain", namespace: ""))
        #expect(try reader.readText() == "t<raw>u")
        #expect(try reader.next() == .endElement)  // Root
        #expect(try reader.next() == nil)
    }

    @Test func skipElementSkipsTheWholeSubtree() throws {
        let reader = try XMLStreamReader(string: "<a><b><c><d/></c>text</b><e/></a>")
        #expect(try reader.nextStartElement())  // a
        #expect(try reader.nextStartElement())  // b
        try reader.skipElement()
        #expect(reader.node == .endElement)
        #expect(reader.localName == "b")
        #expect(try reader.nextStartElement())
        #expect(reader.localName == "e")
    }

    @Test func readTextRefusesChildElementsUnlessAllowed() throws {
        let reader = try XMLStreamReader(string: "<a>x<b>y</b>z</a>")
        #expect(try reader.nextStartElement())
        #expect(throws: XMLError(.unexpectedContent, "")) { try reader.readText() }
        let lenient = try XMLStreamReader(string: "<a>x<b>y</b>z</a>")
        #expect(try lenient.nextStartElement())
        #expect(try lenient.readText(allowingChildren: true) == "xyz")
    }

    @Test func attributesIncludeNamespaceDeclarations() throws {
        let reader = try XMLStreamReader(string: #"<p:a xmlns:p="urn:p" xmlns="urn:d" p:x="1" y="2"/>"#)
        #expect(try reader.nextStartElement())
        var seen: [String] = []
        reader.forEachAttribute { attribute in
            if attribute.isNamespaceDeclaration {
                seen.append("ns \(attribute.declaredPrefix ?? "-")=\(attribute.value)")
            } else {
                seen.append("\(attribute.namespaceURI ?? "-") \(attribute.localName)=\(attribute.value)")
            }
        }
        #expect(seen.sorted() == ["- y=2", "ns -=urn:d", "ns p=urn:p", "urn:p x=1"])
        #expect(reader.attribute("x", namespace: "urn:p") == "1")
        // The reader is back on the element after iterating.
        #expect(reader.localName == "a")
    }

    @Test func malformedInputCarriesLineAndColumn() throws {
        let document = "<a>\n  <b>\n  </c>\n</a>"
        let error = #expect(throws: XMLError.self) { _ = try infoset(document) }
        #expect(error?.code == .malformed)
        #expect(error?.line == 3)
        #expect((error?.column ?? 0) > 0)
    }

    @Test(arguments: ["", "   ", "<a>", "<a></b>", "text only", "<a b='1' b='2'/>", "<a>&#0;</a>"])
    func refusesMalformedDocuments(_ document: String) throws {
        #expect(throws: XMLError.self) { _ = try infoset(document) }
    }

    @Test func refusesADocumentOverTheSizeLimit() throws {
        let document = Array("<a>\(String(repeating: "x", count: 2_000))</a>".utf8)
        let error = #expect(throws: XMLError.self) {
            _ = try XMLStreamReader(document, limits: XMLLimits(maxDocumentSize: 1_000))
        }
        #expect(error?.code == .documentTooLarge)
        // The same document under a sufficient limit is fine.
        #expect(try infoset(document, limits: XMLLimits(maxDocumentSize: 3_000)).count == 3)
    }

    @Test func refusesNestingDeeperThanTheLimit() throws {
        let depth = 40
        let document = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let error = #expect(throws: XMLError.self) {
            _ = try infoset(Array(document.utf8), limits: XMLLimits(maxDepth: 20))
        }
        #expect(error?.code == .tooDeep)
        #expect(try infoset(Array(document.utf8), limits: XMLLimits(maxDepth: 40)).count == 80)
    }

    @Test func refusesTooManyAttributes() throws {
        let attributes = (0..<20).map { "a\($0)='v'" }.joined(separator: " ")
        let error = #expect(throws: XMLError.self) {
            _ = try infoset(Array("<e \(attributes)/>".utf8), limits: XMLLimits(maxAttributesPerElement: 10))
        }
        #expect(error?.code == .tooManyAttributes)
    }

    @Test func refusesALongAttributeValue() throws {
        let document = "<e a='\(String(repeating: "v", count: 5_000))'/>"
        let error = #expect(throws: XMLError.self) {
            _ = try infoset(Array(document.utf8), limits: XMLLimits(maxAttributeLength: 4_096))
        }
        #expect(error?.code == .attributeTooLong)
    }

    @Test func refusesALongTextNode() throws {
        let document = "<e>\(String(repeating: "t", count: 5_000))</e>"
        let error = #expect(throws: XMLError.self) {
            _ = try infoset(Array(document.utf8), limits: XMLLimits(maxTextLength: 4_096))
        }
        #expect(error?.code == .textTooLong)
    }

    @Test func refusesALongName() throws {
        let name = String(repeating: "n", count: 300)
        let error = #expect(throws: XMLError.self) {
            _ = try infoset(Array("<\(name)/>".utf8), limits: XMLLimits(maxNameLength: 256))
        }
        #expect(error?.code == .nameTooLong)
    }

    @Test func textOverLibxml2sOwnCeilingIsRefusedWithTheDefaultLimit() throws {
        var document = Array("<e>".utf8)
        document.append(contentsOf: repeatElement(UInt8(ascii: "A"), count: 10_500_000))
        document.append(contentsOf: Array("</e>".utf8))
        let error = #expect(throws: XMLError.self) { _ = try infoset(document) }
        #expect(error?.code == .textTooLong)
    }

    @Test func textOverLibxml2sOwnCeilingIsReadWhenTheLimitAllowsIt() throws {
        let size = 10_500_000
        var document = Array("<e>".utf8)
        document.append(contentsOf: repeatElement(UInt8(ascii: "A"), count: size))
        document.append(contentsOf: Array("</e>".utf8))
        let reader = try XMLStreamReader(document, limits: XMLLimits(maxTextLength: 16_000_000))
        #expect(try reader.nextStartElement())
        #expect(try reader.readText().utf8.count == size)
    }
}
