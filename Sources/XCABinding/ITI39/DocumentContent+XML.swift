import XCASOAP
import XCAModel
import XCAXML

extension DocumentContent {
    /// Reads `xdsb:Document` (xs:base64Binary, ITI TF-2 3.39.4.2.2; XDS.b_DocumentRepository.xsd): either one
    /// `<xop:Include href="cid:…"/>` naming an MTOM part (XOP 1.0 §3.1; the Content-ID percent-decoded per
    /// RFC 2392) or inline base64 text, decoded in one pass per text node (protocol facts §2.2: partners send
    /// both). An empty element is an empty inline document. The reader is on the element's start and is left on
    /// its end.
    ///
    /// - Throws: ``BindingError`` `.invalidValue` for text that is not base64 or an href that is not a `cid:` URL,
    ///   `.missing` for an xop:Include without href, `.unexpected` for any other child element, or for both an
    ///   xop:Include and base64 text, or for two xop:Includes.
    static func read(from reader: XMLStreamReader) throws -> DocumentContent {
        var decoder = Base64.Decoder()
        var bytes: [UInt8] = []
        var contentID: String?
        while let node = try reader.next() {
            switch node {
            case .text:
                var text = reader.value
                try decoder.decode(&text, appendingTo: &bytes)
            case .startElement:
                guard reader.nameEquals("Include", namespace: "http://www.w3.org/2004/08/xop/include") else {
                    throw reader.bindingError(
                        .unexpected,
                        "<\(reader.localName)> inside a Document (only xop:Include may be)"
                    )
                }
                guard contentID == nil else { throw reader.bindingError(.unexpected, "a Document has two xop:Include") }
                guard let href = reader.attribute("href") else {
                    throw reader.bindingError(.missing, "an xop:Include has no href")
                }
                do throws(MultipartError) {
                    contentID = try XOPInclude.contentID(fromHref: href).value
                } catch {
                    throw BindingError(.invalidValue, error.message, line: reader.line)
                }
                try reader.skipElement()
            case .endElement:
                if let contentID {
                    guard !decoder.sawData else {
                        throw reader.bindingError(.unexpected, "a Document has both an xop:Include and base64 text")
                    }
                    return .attachment(contentID: contentID)
                }
                do throws(BindingError) {
                    try decoder.finish()
                } catch {
                    throw BindingError(error.code, error.message, line: reader.line)
                }
                return .inline(bytes)
            }
        }
        throw reader.bindingError(.unexpected, "the document ends inside a Document")
    }

    /// Writes `xdsb:Document`: `<xop:Include href="cid:…"/>` for an attachment (the MTOM writer adds the part),
    /// base64 text for inline bytes, encoded in 48 KiB pieces straight into the writer.
    func write(into writer: inout XMLWriter) throws(XMLError) {
        try writer.startElement("Document", namespace: Namespace.xdsb, prefix: "xdsb")
        switch self {
        case .attachment(let contentID):
            try writer.startElement("Include", namespace: Namespace.xop, prefix: "xop")
            guard let id = try? ContentID(contentID) else {
                throw XMLError(.misuse, "an attachment's Content-ID is not a valid Content-ID")
            }
            try writer.attribute("href", XOPInclude.href(forContentID: id))
            try writer.endElement()
        case .inline(let bytes):
            try Self.writeBase64(bytes, into: &writer)
        }
        try writer.endElement()
    }

    /// How many bytes the content adds to the XML (for sizing the writer).
    var encodedSize: Int {
        switch self {
        case .attachment(let contentID): 80 + contentID.utf8.count * 3
        case .inline(let bytes): Base64.encodedCount(bytes.count)
        }
    }

    private static func writeBase64(_ bytes: [UInt8], into writer: inout XMLWriter) throws(XMLError) {
        guard !bytes.isEmpty else { return }
        let piece = 48 << 10  // a multiple of 3: no padding until the last piece
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Base64.encodedCount(piece))
        defer { buffer.deallocate() }
        try bytes.withUnsafeBufferPointer { (input) throws(XMLError) in
            var offset = 0
            while offset < input.count {
                let end = min(offset + piece, input.count)
                let count = Base64.encode(UnsafeBufferPointer(rebasing: input[offset..<end]), into: buffer)
                try writer.text(utf8: UnsafeBufferPointer(rebasing: buffer[0..<count]))
                offset = end
            }
        }
    }
}
