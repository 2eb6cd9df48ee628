import Testing
import XCAXML

@Suite("XMLWriter.copyElement")
struct XMLCopyTests {
    static let source = """
        <Envelope xmlns="urn:soap" xmlns:rim="urn:rim" xmlns:x="urn:x">
          <List>
            <rim:Object id="1" home="" x:extra="e &amp; f">
              <rim:Slot name="s"><rim:ValueList><rim:Value>v &lt; w</rim:Value></rim:ValueList></rim:Slot>
              <Unprefixed xmlns="urn:other"><Deeper a="b"/></Unprefixed>
              <rim:Name><rim:LocalizedString xml:lang="en-GB" value="Ünïcödé"/></rim:Name>
            </rim:Object>
            <rim:Object id="2" home="urn:oid:1.2.3"/>
            <rim:Object id="3"/>
          </List>
        </Envelope>
        """

    /// Copies every rim:Object of the source into a new wrapper, returning the output and the edit results.
    func copyObjects(edit: XMLAttributeEdit?) throws -> (xml: [UInt8], edited: [Bool]) {
        let reader = try XMLStreamReader(string: Self.source)
        var writer = XMLWriter()
        try writer.startElement("Out", namespace: "urn:out")
        var edited: [Bool] = []
        while try reader.nextStartElement() {
            if reader.nameEquals("Object", namespace: "urn:rim") {
                edited.append(try writer.copyElement(from: reader, editingRootAttribute: edit))
                #expect(reader.node == .endElement)
            }
        }
        try writer.endElement()
        return (writer.bytes, edited)
    }

    @Test func copiesAreInfosetEquivalentWithNamespacesDeclaredWhereNeeded() throws {
        let (xml, edited) = try copyObjects(edit: nil)
        #expect(edited == [false, false, false])
        // The objects' infoset inside <Out> equals the source's.
        let copied = try infoset(xml)
        let original = try infoset(Self.source)
        let originalObjects = Array(original.drop(while: { !$0.hasPrefix("<{urn:rim}Object") }).dropLast(2))
        #expect(Array(copied.dropFirst().dropLast()) == originalObjects)
        // Prefix rim is declared once per copied root, the default namespace of the source is not carried along.
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains(#"<rim:Object xmlns:rim="urn:rim" id="1""#) || text.contains(#"<rim:Object id="1""#))
        #expect(!text.contains("urn:soap"))
    }

    @Test func stampsHomeWhereMissingOrEmpty() throws {
        let edit = XMLAttributeEdit(name: "home", value: "urn:oid:9.9", mode: .fillIfMissingOrEmpty)
        let (xml, edited) = try copyObjects(edit: edit)
        #expect(edited == [true, false, true])
        let homes = try homesOf(xml)
        #expect(homes == ["urn:oid:9.9", "urn:oid:1.2.3", "urn:oid:9.9"])
    }

    @Test func replacesHomeWhenAsked() throws {
        let edit = XMLAttributeEdit(name: "home", value: "urn:oid:9.9", mode: .replace)
        let (xml, edited) = try copyObjects(edit: edit)
        #expect(edited == [true, true, true])
        #expect(try homesOf(xml) == ["urn:oid:9.9", "urn:oid:9.9", "urn:oid:9.9"])
    }

    func homesOf(_ xml: [UInt8]) throws -> [String?] {
        let reader = try XMLStreamReader(xml)
        var homes: [String?] = []
        while try reader.nextStartElement() {
            if reader.nameEquals("Object", namespace: "urn:rim") { homes.append(reader.attribute("home")) }
        }
        return homes
    }
}

@Suite("XMLWriter and the xml prefix")
struct XMLPrefixTests {
    @Test func xmlPrefixIsNeverDeclared() throws {
        let reader = try XMLStreamReader(string: #"<a xmlns:r="urn:r"><r:L xml:lang="en-GB" value="v"/></a>"#)
        #expect(try reader.nextStartElement())
        #expect(try reader.nextStartElement())
        var writer = XMLWriter()
        try writer.copyElement(from: reader)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"<r:L xml:lang="en-GB" value="v" xmlns:r="urn:r"/>"#)
        var other = XMLWriter()
        try other.startElement("x")
        #expect(throws: XMLError(.misuse, "")) { try other.declareNamespace(prefix: "xml", uri: "urn:not-xml") }
    }
}
