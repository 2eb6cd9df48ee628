import XCAXML

/// A canonical dump of a document's infoset — elements by namespace and local name, attributes sorted, text —
/// used to compare documents without caring about prefixes and declarations.
func infoset(_ bytes: [UInt8], limits: XMLLimits = .default) throws -> [String] {
    let reader = try XMLStreamReader(bytes, limits: limits)
    var lines: [String] = []
    while let node = try reader.next() {
        switch node {
        case .startElement:
            var attributes: [String] = []
            reader.forEachAttribute { attribute in
                if !attribute.isNamespaceDeclaration {
                    attributes.append("{\(attribute.namespaceURI ?? "")}\(attribute.localName)=\(attribute.value)")
                }
            }
            lines.append("<{\(reader.namespaceURI)}\(reader.localName) \(attributes.sorted().joined(separator: " "))")
        case .endElement:
            lines.append(">")
        case .text:
            lines.append("'\(reader.value)")
        }
    }
    return lines
}

func infoset(_ string: String) throws -> [String] { try infoset(Array(string.utf8)) }
