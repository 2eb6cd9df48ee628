import XCAModel
import XCASOAP
import XCAXML

/// The XML of an ITI-38 request: `query:AdhocQueryRequest` (ITI TF-2 3.38.4.1.2, which refers to the Registry
/// Stored Query request of ITI TF-2 3.18.4.1.2; ebRS 3.0 query.xsd).
extension CrossGatewayQueryRequest {
    /// Reads the `query:AdhocQueryRequest` the reader is on and leaves the reader on its end.
    ///
    /// - `@startIndex`, `@maxResults`: optional integers; anything else is ``BindingError/Code/invalidValue``.
    /// - `query:ResponseOption` (required, ITI TF-2 3.18.4.1.2.1 (≈)): `@returnType` LeafClass or ObjectRef,
    ///   `@returnComposedObjects` (schema default false).
    /// - `rim:AdhocQuery` (required): `@id` (required), `@home` kept as sent (ITI TF-2 3.38.4.1.2.1; an empty
    ///   attribute counts as absent), and every `rim:Slot` in order with its `rim:ValueList/rim:Value` texts
    ///   unchanged (still encoded: `'…'`, `(…)`).
    /// - Other elements (`rs:RequestSlotList`, `rim:Name`, `rim:QueryExpression`, extensions) are skipped.
    public static func read(from reader: XMLStreamReader) throws -> CrossGatewayQueryRequest {
        guard reader.isStartElement("AdhocQueryRequest", namespace: "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0")
        else {
            throw reader.bindingError(
                .unsupportedMessage,
                "expected query:AdhocQueryRequest, found <\(reader.qualifiedName)>"
            )
        }
        let startIndex = try QueryMessageDocument.integer("startIndex", of: reader)
        let maxResults = try QueryMessageDocument.integer("maxResults", of: reader)
        var option: (returnType: ReturnType, composed: Bool)?
        var query: (id: String, home: HomeCommunityID?, parameters: [QueryParameter])?
        while let node = try reader.next(), node != .endElement {
            guard node == .startElement else { continue }
            if reader.nameEquals("ResponseOption", namespace: "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0") {
                option = try readResponseOption(reader)
            } else if reader.nameEquals("AdhocQuery", namespace: "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0") {
                query = try readAdhocQuery(reader)
            } else {
                try reader.skipElement()
            }
        }
        guard let option else {
            throw reader.bindingError(.missing, "the AdhocQueryRequest has no query:ResponseOption")
        }
        guard let query else { throw reader.bindingError(.missing, "the AdhocQueryRequest has no rim:AdhocQuery") }
        return CrossGatewayQueryRequest(
            queryID: query.id,
            parameters: query.parameters,
            returnType: option.returnType,
            returnComposedObjects: option.composed,
            home: query.home,
            startIndex: startIndex,
            maxResults: maxResults
        )
    }

    private static func readResponseOption(_ reader: XMLStreamReader) throws -> (ReturnType, Bool) {
        guard let rawType = reader.attribute("returnType") else {
            throw reader.bindingError(.missing, "query:ResponseOption has no @returnType")
        }
        guard let returnType = ReturnType(rawValue: rawType.trimmedXMLSpace) else {
            throw reader.bindingError(
                .invalidValue,
                "@returnType must be LeafClass or ObjectRef (ITI TF-2 3.18.4.1.2.1)"
            )
        }
        var composed = false
        if let raw = reader.attribute("returnComposedObjects") {
            switch raw.trimmedXMLSpace {
            case "true", "1": composed = true
            case "false", "0": composed = false
            default: throw reader.bindingError(.invalidValue, "@returnComposedObjects is not an xs:boolean")
            }
        }
        try reader.skipElement()
        return (returnType, composed)
    }

    private static func readAdhocQuery(_ reader: XMLStreamReader) throws -> (String, HomeCommunityID?, [QueryParameter])
    {
        guard let id = reader.attribute("id"), !id.isEmpty else {
            throw reader.bindingError(.missing, "rim:AdhocQuery has no @id")
        }
        let home = reader.attribute("home").flatMap { $0.isEmpty ? nil : HomeCommunityID(rawValue: $0) }
        var parameters: [QueryParameter] = []
        guard !reader.isEmptyElement else {
            try reader.next()
            return (id, home, parameters)
        }
        while let node = try reader.next(), node != .endElement {
            guard node == .startElement else { continue }
            if reader.nameEquals("Slot", namespace: "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0") {
                parameters.append(try readSlot(reader))
            } else {
                try reader.skipElement()
            }
        }
        return (id, home, parameters)
    }

    /// A `rim:Slot`: its name and the texts of `rim:ValueList/rim:Value`, in order.
    private static func readSlot(_ reader: XMLStreamReader) throws -> QueryParameter {
        guard let name = reader.attribute("name"), !name.isEmpty else {
            throw reader.bindingError(.missing, "a rim:Slot of the AdhocQuery has no @name")
        }
        var values: [String] = []
        var depth = 0  // 0: in Slot; 1: in ValueList
        while let node = try reader.next() {
            switch node {
            case .startElement:
                if depth == 0, reader.nameEquals("ValueList", namespace: "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0")
                {
                    depth = 1
                } else if depth == 1,
                    reader.nameEquals("Value", namespace: "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0")
                {
                    values.append(try reader.readText())
                } else {
                    try reader.skipElement()
                }
            case .endElement:
                if depth == 0 { return QueryParameter(name: name, values: values) }
                depth = 0
            case .text:
                continue
            }
        }
        throw reader.bindingError(.missing, "the document ended inside a rim:Slot")
    }

    /// Writes the request as `query:AdhocQueryRequest` with the `query` and `rim` prefixes, valid against ebRS 3.0
    /// query.xsd: ResponseOption (returnComposedObjects and returnType always written), then AdhocQuery with its
    /// slots in order.
    public func write(into writer: inout XMLWriter) throws(XMLError) {
        try writer.startElement("AdhocQueryRequest", namespace: Namespace.query, prefix: "query")
        try writer.declareNamespace(prefix: "rim", uri: Namespace.rim)
        if let startIndex { try writer.attribute("startIndex", String(startIndex)) }
        if let maxResults { try writer.attribute("maxResults", String(maxResults)) }
        try writer.startElement("query:ResponseOption")
        try writer.attribute("returnComposedObjects", returnComposedObjects ? "true" : "false")
        try writer.attribute("returnType", returnType.rawValue)
        try writer.endElement()
        try writer.startElement("rim:AdhocQuery")
        try writer.attribute("id", queryID)
        if let home { try writer.attribute("home", home.rawValue) }
        for parameter in parameters {
            try writer.startElement("rim:Slot")
            try writer.attribute("name", parameter.name)
            try writer.startElement("rim:ValueList")
            for value in parameter.values { try writer.element("rim:Value", text: value) }
            try writer.endElement()
            try writer.endElement()
        }
        try writer.endElement()  // AdhocQuery
        try writer.endElement()  // AdhocQueryRequest
    }

    /// Decodes a request that is a SOAP 1.2 envelope (ITI TF-2 Appendix V) or a bare AdhocQueryRequest document.
    /// The header is nil for a bare document.
    ///
    /// Throws ``SOAPFault`` for an envelope the gateway must refuse (VersionMismatch, MustUnderstand, missing
    /// wsa:Action, bad structure), ``BindingError`` when the body is not a well-formed AdhocQueryRequest (its
    /// ``BindingError/soapFault`` is the answer), ``XMLError`` for XML that is not well-formed or over a limit.
    public static func decode(
        _ bytes: [UInt8],
        envelopeReader: SOAPEnvelopeReader = SOAPEnvelopeReader()
    ) throws -> (header: SOAPEnvelopeHeader?, request: CrossGatewayQueryRequest) {
        try bytes.withUnsafeBytes { raw in
            let (header, request) = try QueryMessageDocument.read(
                raw,
                envelopeReader: envelopeReader,
                body: read(from:)
            )
            return (header, request)
        }
    }

    /// The whole SOAP 1.2 envelope carrying this request (ITI TF-2 3.38.4.1.2; wsa:Action
    /// `urn:ihe:iti:2007:CrossGatewayQuery`, which `addressing` should carry — see ``AddressingHeaders/request(action:to:messageID:)``).
    public func encode(addressing: AddressingHeaders) throws -> [UInt8] {
        try SOAPEnvelopeWriter.write(addressing) { writer in try write(into: &writer) }
    }
}
