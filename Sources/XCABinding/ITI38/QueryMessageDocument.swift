import XCASOAP
import XCAXML

/// An ITI-38 message as it arrives: a SOAP 1.2 envelope (ITI TF-2 Appendix V) or, from tools and tests, the bare
/// ebRS document. Finds the body element and hands the reader, positioned on it, to the caller's decoder.
enum QueryMessageDocument {
    /// Reads `bytes` without copying them. `body` gets the reader on the body element (the envelope's body child or
    /// the document element) and must leave it on that element's end. The header is nil for a bare document.
    ///
    /// Throws what the envelope reader throws (``SOAPFault``) for a bad envelope — a document element named
    /// `Envelope` in another namespace is a VersionMismatch — and ``XMLError`` for XML that is not well-formed or
    /// over a limit; errors of `body` pass through.
    static func read<Body>(
        _ bytes: UnsafeRawBufferPointer,
        envelopeReader: SOAPEnvelopeReader,
        body: (XMLStreamReader) throws -> Body
    ) throws -> (header: SOAPEnvelopeHeader?, body: Body) {
        try XMLStreamReader.withReader(over: bytes, limits: envelopeReader.limits) { reader in
            guard try reader.nextStartElement() else {
                throw BindingError(.missing, "the message has no document element")
            }
            if reader.localName == "Envelope" {
                let (header, decoded) = try envelopeReader.read(from: reader) { _, element in try body(element) }
                return (header, decoded)
            }
            let decoded = try body(reader)
            // Nothing but comments and processing instructions may follow; libxml2 reports anything else.
            while try reader.next() != nil {}
            return (nil, decoded)
        }
    }

    /// Reads an optional `xs:integer` attribute (ebRS `startIndex`, `maxResults`, `totalResultCount`).
    static func integer(_ name: String, of reader: XMLStreamReader) throws(BindingError) -> Int? {
        guard let raw = reader.attribute(name) else { return nil }
        guard let value = Int(raw.trimmedXMLSpace) else {
            throw reader.bindingError(.invalidValue, "@\(name) of <\(reader.localName)> is not an integer")
        }
        return value
    }
}
