import XCAModel
import XCASOAP
import XCAXML

/// What the ITI-39, RAD-69 and RAD-75 codecs share: telling a SOAP envelope from a bare body document, walking
/// child elements, and the leniency rules for partners' XML.
///
/// Leniency: children are recognised by local name in the message's own namespace or in no namespace (stacks that
/// get `elementFormDefault` wrong write them unqualified), in any order; an unknown child in one of the message's
/// own namespaces is `.unexpected`, one in a foreign namespace (a vendor extension) is skipped.
enum RetrieveCoding {
    /// Decodes `bytes`, a SOAP 1.2 envelope (header returned) or the body element on its own (header nil). `body`
    /// gets the reader on the body element and must leave it on that element's end.
    ///
    /// Throws the ``SOAPFault`` to answer with for XML that is malformed or over a limit and for envelope problems
    /// (VersionMismatch for SOAP 1.1, MustUnderstand, a missing wsa:Action when `envelope.requiresAction`), and
    /// what `body` throws (``BindingError``) unchanged.
    static func decode<Body>(
        _ bytes: UnsafeRawBufferPointer,
        envelope: SOAPEnvelopeReader,
        body: (XMLStreamReader) throws -> Body
    ) throws -> (header: SOAPEnvelopeHeader?, body: Body) {
        do {
            return try XMLStreamReader.withReader(over: bytes, limits: envelope.limits) { reader in
                guard try reader.nextStartElement() else {
                    throw SOAPFault(code: .sender, reason: "the message is empty")
                }
                if reader.localName == "Envelope" {
                    // Any namespace: the envelope reader answers a SOAP 1.1 envelope with VersionMismatch.
                    let (header, decoded) = try envelope.read(from: reader) { _, reader in try body(reader) }
                    return (header, decoded)
                }
                let decoded = try body(reader)
                while let node = try reader.next() {
                    if node != .endElement {
                        throw reader.bindingError(.unexpected, "content after the document element")
                    }
                }
                return (nil, decoded)
            }
        } catch let error as XMLError {
            throw SOAPFault.malformed(error)
        }
    }

    /// Calls `child` with the reader on each child element of the element the reader is on; `child` must leave the
    /// reader on the child's end. Returns with the reader on the element's end. White space between children is
    /// ignored; other text is `.unexpected`.
    static func forEachChild(of reader: XMLStreamReader, _ child: () throws -> Void) throws {
        let name = reader.localName
        while let node = try reader.next() {
            switch node {
            case .startElement: try child()
            case .endElement: return
            case .text:
                if !reader.value.allSatisfy(\.isXMLSpace) {
                    throw reader.bindingError(.unexpected, "text inside <\(name)>, which has element content only")
                }
            }
        }
        throw reader.bindingError(.unexpected, "the document ends inside <\(name)>")
    }

    /// Whether the current element is in `namespace` or in no namespace.
    static func isIn(_ namespace: StaticString, _ reader: XMLStreamReader) -> Bool {
        reader.namespaceEquals(namespace) || reader.namespaceEquals("")
    }

    /// Skips an element the schema does not have here when it comes from a foreign namespace; throws `.unexpected`
    /// when it claims to be part of the message (one of `own`, or no namespace).
    static func skipUnknown(_ reader: XMLStreamReader, in parent: String, own: [StaticString]) throws {
        if reader.namespaceEquals("") || own.contains(where: { reader.namespaceEquals($0) }) {
            throw reader.bindingError(.unexpected, "<\(reader.localName)> does not belong in <\(parent)>")
        }
        try reader.skipElement()
    }

    /// The text of a simple element, trimmed of XML white space; nil when empty. A child element is `.unexpected`.
    static func readValue(_ reader: XMLStreamReader) throws -> String? {
        let name = reader.localName
        do {
            let value = try reader.readText().trimmedXMLSpace
            return value.isEmpty ? nil : value
        } catch {
            guard error.code == .unexpectedContent else { throw error }
            throw reader.bindingError(.unexpected, "an element inside <\(name)>, which has text content only")
        }
    }

    /// Stores the value of a simple element in `slot`, refusing a second occurrence.
    static func readOnce(_ reader: XMLStreamReader, into slot: inout String?, parent: String) throws {
        let name = reader.localName
        guard slot == nil else { throw reader.bindingError(.unexpected, "<\(parent)> has more than one <\(name)>") }
        slot = try readValue(reader)
    }

    /// `<prefix:name>text</prefix:name>` in `namespace`.
    static func writeElement(
        _ localName: String,
        namespace: String,
        prefix: String,
        text: String,
        into writer: inout XMLWriter
    ) throws(XMLError) {
        try writer.startElement(localName, namespace: namespace, prefix: prefix)
        try writer.text(text)
        try writer.endElement()
    }

    /// A binding error for a message whose body element is not the expected one.
    static func unsupported(_ reader: XMLStreamReader, expected: String) -> BindingError {
        reader.bindingError(
            .unsupportedMessage,
            "expected \(expected), found <\(reader.localName)> in namespace \(reader.namespaceURI)"
        )
    }
}
