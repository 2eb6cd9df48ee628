import XCAXML

extension SOAPFault {
    /// Reads an `env:Fault` element (a partner's answer); the reader is on its start and is left on its end.
    /// Unknown codes become Receiver; structured detail is kept as its text.
    public static func read(from reader: XMLStreamReader) throws -> SOAPFault {
        guard reader.isStartElement("Fault", namespace: "http://www.w3.org/2003/05/soap-envelope") else {
            throw reader.error(.unexpectedContent, "expected env:Fault")
        }
        var fault = SOAPFault(code: .receiver, reason: "")
        var open = 1
        var inCode = false
        while open > 0, let node = try reader.next() {
            switch node {
            case .endElement:
                open -= 1
                if reader.nameEquals("Code", namespace: "http://www.w3.org/2003/05/soap-envelope") { inCode = false }
            case .text: continue
            case .startElement:
                guard reader.namespaceEquals("http://www.w3.org/2003/05/soap-envelope") else {
                    try reader.skipElement()
                    continue
                }
                switch reader.localName {
                case "Code":
                    inCode = true
                    open += 1
                case "Subcode":
                    open += 1
                case "Value" where inCode:
                    let qname = try qualifiedName(try reader.readText(), reader: reader)
                    if fault.reason.isEmpty, fault.subcodes.isEmpty, qname.namespace == SOAPNamespace.soap12,
                        let code = Code(rawValue: qname.localName), fault.code == .receiver
                    {
                        fault.code = code
                        fault.reason = " "  // marks the top-level code as read
                    } else {
                        fault.subcodes.append(qname)
                    }
                case "Reason":
                    open += 1
                case "Text":
                    let language = reader.attribute("lang", namespace: "http://www.w3.org/XML/1998/namespace")
                    let text = try reader.readText()
                    if fault.reason.trimmedXMLSpace.isEmpty {
                        fault.reason = text
                        fault.reasonLanguage = language ?? "en"
                    }
                case "Node": fault.node = try reader.readText().trimmedXMLSpace
                case "Role": fault.role = try reader.readText().trimmedXMLSpace
                case "Detail": fault.detail = try reader.readText(allowingChildren: true).trimmedXMLSpace
                default: try reader.skipElement()
                }
            }
        }
        if fault.reason.trimmedXMLSpace.isEmpty { fault.reason = "no reason given" }
        return fault
    }

    private static func qualifiedName(_ text: String, reader: XMLStreamReader) throws -> QName {
        let value = text.trimmedXMLSpace
        if let colon = value.firstIndex(of: ":") {
            let prefix = String(value[..<colon])
            let local = String(value[value.index(after: colon)...])
            return QName(namespace: reader.lookupNamespace(prefix: prefix) ?? "", localName: local)
        }
        return QName(namespace: reader.lookupNamespace(prefix: nil) ?? "", localName: value)
    }
}
