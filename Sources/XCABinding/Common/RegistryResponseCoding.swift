import XCAModel
import XCASOAP
import XCAXML

/// Reading and writing the parts every ebRS RegistryResponse has (ebRS 3.0 rs.xsd RegistryResponseType): the
/// `status` attribute, `rs:ResponseSlotList` and `rs:RegistryErrorList`. Used by AdhocQueryResponse and by the
/// RegistryResponse inside RetrieveDocumentSetResponse.
enum RegistryResponseCoding {
    /// Reads a status URN, leniently: partners write the ebRS URNs, the IHE PartialSuccess URN, or sometimes just
    /// the last word. Nil when it is none of those.
    static func status(_ value: String?) -> ResponseStatus? {
        guard let value = value?.trimmedXMLSpace, !value.isEmpty else { return nil }
        if let exact = ResponseStatus(rawValue: value) { return exact }
        let word = value.split(separator: ":").last.map(String.init) ?? value
        switch word.lowercased() {
        case "success": return .success
        case "partialsuccess": return .partialSuccess
        case "failure": return .failure
        default: return nil
        }
    }

    /// Reads `rs:RegistryErrorList` (the reader on its start; left on its end). Accepts it in any namespace and
    /// tolerates errors without `location` or `codeContext` (real partners send both), and a missing severity
    /// (the schema default, Error).
    static func readErrors(from reader: XMLStreamReader) throws(XMLError) -> [RegistryError] {
        var errors: [RegistryError] = []
        guard !reader.isEmptyElement else {
            try reader.next()
            return errors
        }
        while let node = try reader.next() {
            switch node {
            case .startElement:
                if reader.localName == "RegistryError" {
                    let code = reader.attribute("errorCode") ?? ""
                    let severity = reader.attribute("severity").flatMap { value in
                        RegistryError.Severity(rawValue: value.trimmedXMLSpace)
                            ?? (value.lowercased().hasSuffix("warning") ? .warning : .error)
                    }
                    var context = reader.attribute("codeContext") ?? ""
                    let location = reader.attribute("location")
                    let text = try reader.readText(allowingChildren: true).trimmedXMLSpace
                    if context.isEmpty { context = text }
                    errors.append(
                        RegistryError(
                            RegistryError.Code(rawValue: code),
                            codeContext: context,
                            location: location,
                            severity: severity ?? .error
                        )
                    )
                } else {
                    try reader.skipElement()
                }
            case .endElement: return errors
            case .text: continue
            }
        }
        return errors
    }

    /// Writes `rs:RegistryErrorList` with `highestSeverity`; nothing when there are no errors.
    static func writeErrors(_ errors: [RegistryError], into writer: inout XMLWriter) throws(XMLError) {
        guard !errors.isEmpty else { return }
        try writer.startElement("RegistryErrorList", namespace: Namespace.rs, prefix: "rs")
        let highest: RegistryError.Severity = errors.contains { $0.severity == .error } ? .error : .warning
        try writer.attribute("highestSeverity", highest.rawValue)
        for error in errors {
            try writer.startElement("RegistryError", namespace: Namespace.rs, prefix: "rs")
            try writer.attribute("errorCode", error.code.rawValue)
            try writer.attribute("codeContext", error.codeContext)
            if let location = error.location { try writer.attribute("location", location) }
            try writer.attribute("severity", error.severity.rawValue)
            try writer.endElement()
        }
        try writer.endElement()
    }
}
