import XCASOAP
import XCAXML

/// Cuts the body element out of a SOAP envelope's bytes — for ITI-38 the `query:AdhocQueryRequest`, the only part
/// of the request the query entity may hold (audit.md §8.2: no envelope, no header, no SAML assertion).
///
/// The bytes are copied verbatim (``XMLFragmentScanner``: one SAX pass that builds nothing, then a `memcpy`), with
/// the namespace declarations the element relies on from the Envelope or Body added to its start tag, so that it
/// is a document of its own. Where the scan declines (a comment inside the element, an encoding other than UTF-8)
/// the element is re-serialised with the reader instead, which is infoset-equivalent.
enum QueryElement {
    static func cut(from envelope: [UInt8]) -> [UInt8]? {
        envelope.withUnsafeBytes { document -> [UInt8]? in
            switch scanner.scan(document) {
            case .indexed(let index):
                guard let first = index.containers.first, let fragment = first.fragments.first else { return nil }
                var writer = XMLWriter(capacity: index.fragments[fragment].range.count + 256)
                guard (try? writer.copyFragment(fragment, of: index, in: document)) != nil else { return nil }
                return writer.bytes
            case .unavailable:
                return try? rewritten(document)
            }
        }
    }

    private static let scanner = XMLFragmentScanner(
        containers: [[.init("Envelope", namespace: SOAPNamespace.soap12), .init("Body", namespace: SOAPNamespace.soap12)]],
        destinationBindings: [],
        capturedAttributes: []
    )

    /// The body's first element, copied node by node.
    private static func rewritten(_ document: UnsafeRawBufferPointer) throws -> [UInt8]? {
        try XMLStreamReader.withReader(over: document) { reader -> [UInt8]? in
            guard try reader.nextStartElement(), reader.nameEquals("Envelope", namespace: "http://www.w3.org/2003/05/soap-envelope")
            else { return nil }
            while try reader.nextStartElement() {
                guard reader.depth == 2 else { continue }
                if reader.nameEquals("Body", namespace: "http://www.w3.org/2003/05/soap-envelope") {
                    guard try reader.nextStartElement(), reader.depth == 3 else { return nil }
                    var writer = XMLWriter(capacity: 4 << 10)
                    try writer.copyElement(from: reader)
                    return writer.bytes
                }
                try reader.skipElement()
            }
            return nil
        }
    }
}
