import XCABinding
import XCAModel
import XCAXML

/// `registry.xml` of a fixture community: a bare `query:AdhocQueryResponse` (status Success) whose
/// `rim:RegistryObjectList` holds every registry object of the community, as a LeafClass stored-query response
/// would list them (ITI TF-2 3.18.4.1.3 (≈)). Indented two spaces per level so that diffs stay readable; the reader
/// drops the indentation (ebRIM has no mixed content).
enum FixtureRegistryFile {
    static let fileName = "registry.xml"

    static func encode(_ objects: [RegistryObject]) throws(XMLError) -> [UInt8] {
        var writer = XMLWriter(capacity: 256 << 10)
        writer.declaration()
        try writer.text("\n")
        try writer.startElement("AdhocQueryResponse", namespace: Namespace.query, prefix: "query")
        try writer.declareNamespace(prefix: "rim", uri: Namespace.rim)
        try writer.attribute("status", ResponseStatus.success.rawValue)
        try writer.text("\n  ")
        try writer.startElement("rim:RegistryObjectList")
        for object in objects {
            try writer.text("\n    ")
            try writer.write(indented(object.element, depth: 2))
        }
        try writer.text("\n  ")
        try writer.endElement()
        try writer.text("\n")
        try writer.endElement()
        try writer.text("\n")
        return writer.drain()
    }

    static func decode(_ bytes: [UInt8]) throws -> [RegistryObject] {
        try CrossGatewayQueryResponse.decode(bytes).response.registryObjects
    }

    /// `element` with white space before each child element and before its end tag, for an element at `depth`.
    static func indented(_ element: MetadataElement, depth: Int) -> MetadataElement {
        guard !element.children.isEmpty, element.children.allSatisfy({ $0.element != nil }) else { return element }
        var copy = element
        copy.children = []
        let inner = "\n" + String(repeating: "  ", count: depth + 1)
        for case .element(let child) in element.children {
            copy.children.append(.text(inner))
            copy.children.append(.element(indented(child, depth: depth + 1)))
        }
        copy.children.append(.text("\n" + String(repeating: "  ", count: depth)))
        return copy
    }
}
