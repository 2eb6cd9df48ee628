import XCAModel
import XCASOAP
import XCAXML

/// The XML of an ITI-38 response: `query:AdhocQueryResponse` (ITI TF-2 3.38.4.1.3, which refers to the Registry
/// Stored Query response of ITI TF-2 3.18.4.1.3; ebRS 3.0 query.xsd and rs.xsd).
extension CrossGatewayQueryResponse {
    /// Reads the `query:AdhocQueryResponse` the reader is on and leaves the reader on its end.
    ///
    /// Partners are inconsistent (protocol facts §2.5), so this reads leniently: `@status` may be any of the ebRS
    /// or IHE URNs or just the last word, and when it is missing or unknown the status is derived from the errors
    /// and objects (`ResponseStatus.derive`); the RegistryErrorList is accepted in any namespace and position;
    /// a missing RegistryObjectList is an empty one. `rs:ResponseSlotList` and unknown elements are skipped.
    /// Every child of `rim:RegistryObjectList` becomes a ``RegistryObject`` holding its element losslessly.
    /// `@startIndex` and `@totalResultCount` that are not integers are ``BindingError/Code/invalidValue``.
    public static func read(from reader: XMLStreamReader) throws -> CrossGatewayQueryResponse {
        guard reader.isStartElement("AdhocQueryResponse", namespace: "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0")
        else {
            throw reader.bindingError(
                .unsupportedMessage,
                "expected query:AdhocQueryResponse, found <\(reader.qualifiedName)>"
            )
        }
        let status = RegistryResponseCoding.status(reader.attribute("status"))
        let startIndex = try QueryMessageDocument.integer("startIndex", of: reader)
        let totalResultCount = try QueryMessageDocument.integer("totalResultCount", of: reader)
        var objects: [RegistryObject] = []
        var errors: [RegistryError] = []
        while let node = try reader.next(), node != .endElement {
            guard node == .startElement else { continue }
            if reader.nameEquals("RegistryObjectList", namespace: "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0") {
                while let child = try reader.next(), child != .endElement {
                    if child == .startElement { objects.append(RegistryObject(try MetadataElement.read(from: reader))) }
                }
            } else if reader.localName == "RegistryErrorList" {
                errors += try RegistryResponseCoding.readErrors(from: reader)
            } else {
                try reader.skipElement()  // rs:ResponseSlotList, extensions
            }
        }
        return CrossGatewayQueryResponse(
            status: status ?? .derive(errors: errors, hasResults: !objects.isEmpty),
            registryObjects: objects,
            errors: errors,
            startIndex: startIndex,
            totalResultCount: totalResultCount
        )
    }

    /// Writes the response as `query:AdhocQueryResponse` in schema order — `rs:RegistryErrorList` when there are
    /// errors, then `rim:RegistryObjectList`, which the schema requires even when empty — with the `query`, `rs`
    /// and `rim` prefixes. Registry objects are written from their elements, unknown content included.
    public func write(into writer: inout XMLWriter) throws(XMLError) {
        try writer.startElement("AdhocQueryResponse", namespace: Namespace.query, prefix: "query")
        try writer.declareNamespace(prefix: "rim", uri: Namespace.rim)
        if !errors.isEmpty { try writer.declareNamespace(prefix: "rs", uri: Namespace.rs) }
        try writer.attribute("status", status.rawValue)
        if let startIndex { try writer.attribute("startIndex", String(startIndex)) }
        if let totalResultCount { try writer.attribute("totalResultCount", String(totalResultCount)) }
        try RegistryResponseCoding.writeErrors(errors, into: &writer)
        try writer.startElement("rim:RegistryObjectList")
        for object in registryObjects { try writer.write(object.element) }
        try writer.endElement()
        try writer.endElement()
    }

    /// Decodes a response that is a SOAP 1.2 envelope or a bare AdhocQueryResponse document. The header is nil
    /// for a bare document. The default envelope reader does not insist on wsa:Action (partners omit it).
    ///
    /// Throws the partner's ``SOAPFault`` when the body is an `env:Fault`; ``BindingError`` when the message is
    /// not a usable response (an envelope the reader refuses is reported as ``BindingError/Code/unsupportedMessage``,
    /// so a thrown ``SOAPFault`` always means the partner answered with one); ``XMLError`` for XML that is not
    /// well-formed or over a limit.
    public static func decode(
        _ bytes: [UInt8],
        envelopeReader: SOAPEnvelopeReader = SOAPEnvelopeReader(requiresAction: false)
    ) throws -> (header: SOAPEnvelopeHeader?, response: CrossGatewayQueryResponse) {
        enum Body {
            case response(CrossGatewayQueryResponse)
            case fault(SOAPFault)
        }
        let (header, body): (SOAPEnvelopeHeader?, Body)
        do {
            (header, body) = try bytes.withUnsafeBytes { raw in
                try QueryMessageDocument.read(raw, envelopeReader: envelopeReader) { reader -> Body in
                    if reader.isStartElement("Fault", namespace: "http://www.w3.org/2003/05/soap-envelope") {
                        return .fault(try SOAPFault.read(from: reader))
                    }
                    return .response(try read(from: reader))
                }
            }
        } catch let refused as SOAPFault {
            throw BindingError(.unsupportedMessage, "the response envelope was refused: \(refused.reason)")
        }
        switch body {
        case .response(let response): return (header, response)
        case .fault(let fault): throw fault
        }
    }

    /// The whole SOAP 1.2 envelope carrying this response (wsa:Action `urn:ihe:iti:2007:CrossGatewayQueryResponse`
    /// and RelatesTo, which `addressing` should carry — see ``AddressingHeaders/response(action:messageID:)``).
    public func encode(addressing: AddressingHeaders) throws -> [UInt8] {
        try SOAPEnvelopeWriter.write(addressing, capacity: 32 << 10) { writer in try write(into: &writer) }
    }
}
