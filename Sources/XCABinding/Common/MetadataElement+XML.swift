import XCAModel
import XCAXML

extension MetadataElement {
    /// Reads the element the reader is on, with everything inside it, leaving the reader on its end. Namespace
    /// declarations are not attributes of the model (prefixes are the writer's business); white space between
    /// child elements is dropped (ebRIM has no mixed content); everything else is kept.
    public static func read(from reader: XMLStreamReader) throws(XMLError) -> MetadataElement {
        guard reader.node == .startElement else { throw reader.error(.misuse, "MetadataElement.read needs a start element") }
        var element = MetadataElement(name: QualifiedName(namespace: reader.namespaceURI, localName: reader.localName))
        reader.forEachAttribute { attribute in
            guard !attribute.isNamespaceDeclaration else { return }
            element.attributes.append(
                MetadataAttribute(
                    name: QualifiedName(namespace: attribute.namespaceURI ?? "", localName: attribute.localName),
                    value: attribute.value
                )
            )
        }
        var hasElementChildren = false
        while let node = try reader.next() {
            switch node {
            case .startElement:
                hasElementChildren = true
                element.children.append(.element(try read(from: reader)))
            case .text:
                let text = reader.value
                if case .text(let previous) = element.children.last {
                    element.children[element.children.count - 1] = .text(previous + text)
                } else {
                    element.children.append(.text(text))
                }
            case .endElement:
                if hasElementChildren {
                    element.children.removeAll { node in
                        if case .text(let text) = node { return text.allSatisfy(\.isXMLSpace) }
                        return false
                    }
                }
                return element
            }
        }
        throw reader.error(.malformed, "the document ended inside <\(element.name.localName)>")
    }
}

extension Character {
    var isXMLSpace: Bool { self == " " || self == "\t" || self == "\n" || self == "\r" || self == "\r\n" }
}

/// Chooses prefixes while writing model elements: the conventional one for a known namespace, else `ns1`, `ns2`…
struct PrefixAllocator {
    private var allocated: [String: String] = [:]

    mutating func prefix(for namespace: String) -> String {
        if let known = Prefixes.preferred(for: namespace) { return known }
        if let existing = allocated[namespace] { return existing }
        let prefix = "ns\(allocated.count + 1)"
        allocated[namespace] = prefix
        return prefix
    }
}

extension XMLWriter {
    /// Writes a model element and its descendants with conventional prefixes, declaring namespaces where they
    /// are not yet in scope.
    public mutating func write(_ element: MetadataElement) throws(XMLError) {
        var prefixes = PrefixAllocator()
        try write(element, prefixes: &prefixes)
    }

    mutating func write(_ element: MetadataElement, prefixes: inout PrefixAllocator) throws(XMLError) {
        let namespace = element.name.namespace
        if namespace.isEmpty {
            try startElement(element.name.localName, namespace: "")
        } else {
            try startElement(element.name.localName, namespace: namespace, prefix: prefixes.prefix(for: namespace))
        }
        for attribute in element.attributes {
            let attributeNamespace = attribute.name.namespace
            if attributeNamespace.isEmpty {
                try self.attribute(attribute.name.localName, attribute.value)
            } else if attributeNamespace == Namespace.xml {
                try self.attribute("xml:" + attribute.name.localName, attribute.value)
            } else {
                let prefix = prefixes.prefix(for: attributeNamespace)
                try self.attribute(attribute.name.localName, namespace: attributeNamespace, prefix: prefix, attribute.value)
            }
        }
        for child in element.children {
            switch child {
            case .element(let child): try write(child, prefixes: &prefixes)
            case .text(let text): try self.text(text)
            }
        }
        try endElement()
    }
}
