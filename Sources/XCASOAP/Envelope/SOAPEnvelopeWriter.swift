import XCAXML

/// Writes SOAP 1.2 envelopes with WS-Addressing headers. The body is written by the caller between
/// ``writeStart(_:extraHeaders:into:)`` and ``writeEnd(into:)`` — so a large body (a merged query response) can be
/// streamed out with ``XMLWriter/drain()`` — or inside ``write(_:extraHeaders:body:)``.
public enum SOAPEnvelopeWriter {
    /// Writes the XML declaration, `<env:Envelope>`, the header and `<env:Body>`.
    public static func writeStart(
        _ addressing: AddressingHeaders,
        extraHeaders: [[UInt8]] = [],
        into writer: inout XMLWriter
    ) throws(XMLError) {
        writer.declaration()
        try writer.startElement("Envelope", namespace: SOAPNamespace.soap12, prefix: "env")
        try writer.declareNamespace(prefix: "wsa", uri: SOAPNamespace.addressing)
        try writer.startElement("env:Header")
        if let action = addressing.action {
            try writer.startElement("wsa:Action")
            try writer.attribute("env:mustUnderstand", "true")
            try writer.text(action)
            try writer.endElement()
        }
        if let messageID = addressing.messageID { try writer.element("wsa:MessageID", text: messageID) }
        if let to = addressing.to { try writer.element("wsa:To", text: to) }
        if let from = addressing.from { try endpointReference("wsa:From", from, into: &writer) }
        if let replyTo = addressing.replyTo { try endpointReference("wsa:ReplyTo", replyTo, into: &writer) }
        if let faultTo = addressing.faultTo { try endpointReference("wsa:FaultTo", faultTo, into: &writer) }
        for relatesTo in addressing.relatesTo { try writer.element("wsa:RelatesTo", text: relatesTo) }
        for header in extraHeaders {
            // Kept header blocks are copied in as they were read.
            let reader = try XMLStreamReader(header)
            if try reader.nextStartElement() { try writer.copyElement(from: reader) }
        }
        try writer.endElement()  // Header
        try writer.startElement("env:Body")
    }

    /// Writes `</env:Body></env:Envelope>`.
    public static func writeEnd(into writer: inout XMLWriter) throws(XMLError) {
        try writer.endElement()  // Body
        try writer.endElement()  // Envelope
    }

    /// A whole envelope whose body `body` writes.
    public static func write(
        _ addressing: AddressingHeaders,
        extraHeaders: [[UInt8]] = [],
        capacity: Int = 8 << 10,
        body: (inout XMLWriter) throws -> Void
    ) throws -> [UInt8] {
        var writer = XMLWriter(capacity: capacity)
        try writeStart(addressing, extraHeaders: extraHeaders, into: &writer)
        try body(&writer)
        try writeEnd(into: &writer)
        return writer.bytes
    }

    /// A whole envelope carrying `fault`, with its wsa:Action and RelatesTo the request's MessageID when known.
    public static func write(_ fault: SOAPFault, relatesTo: String? = nil) -> [UInt8] {
        do {
            var writer = XMLWriter(capacity: 2 << 10)
            writer.declaration()
            try writer.startElement("Envelope", namespace: SOAPNamespace.soap12, prefix: "env")
            try writer.declareNamespace(prefix: "wsa", uri: SOAPNamespace.addressing)
            try writer.startElement("env:Header")
            try writer.element("wsa:Action", text: fault.action)
            try writer.element("wsa:MessageID", text: MessageID.random())
            if let relatesTo { try writer.element("wsa:RelatesTo", text: relatesTo) }
            for (index, header) in fault.notUnderstood.enumerated() {
                let prefix = "nu\(index)"
                try writer.startElement("env:NotUnderstood")
                try writer.declareNamespace(prefix: prefix, uri: header.namespace)
                try writer.attribute("qname", "\(prefix):\(header.localName)")
                try writer.endElement()
            }
            if fault.code == .versionMismatch {
                try writer.startElement("env:Upgrade")
                try writer.startElement("env:SupportedEnvelope")
                try writer.attribute("qname", "env:Envelope")
                try writer.endElement()
                try writer.endElement()
            }
            try writer.endElement()  // Header
            try writer.startElement("env:Body")
            try writeFault(fault, into: &writer)
            try writeEnd(into: &writer)
            return writer.bytes
        } catch {
            // Only reachable if the reason holds characters XML cannot carry: say so without them.
            var plain = fault
            plain.reason = "the fault reason could not be written"
            plain.detail = nil
            plain.problemAction = nil
            return write(plain, relatesTo: nil)
        }
    }

    /// Writes `<env:Fault>` (SOAP 1.2 Part 1 §5.4).
    public static func writeFault(_ fault: SOAPFault, into writer: inout XMLWriter) throws(XMLError) {
        try writer.startElement("env:Fault")
        try writer.startElement("env:Code")
        try writer.element("env:Value", text: "env:" + fault.code.rawValue)
        for (index, subcode) in fault.subcodes.enumerated() {
            try writer.startElement("env:Subcode")
            try writer.startElement("env:Value")
            let prefix = subcode.namespace == SOAPNamespace.addressing ? "wsa" : "sc\(index)"
            try writer.declareNamespace(prefix: prefix, uri: subcode.namespace)
            try writer.text("\(prefix):\(subcode.localName)")
            try writer.endElement()
        }
        for _ in fault.subcodes { try writer.endElement() }
        try writer.endElement()  // Code
        try writer.startElement("env:Reason")
        try writer.startElement("env:Text")
        try writer.attribute("xml:lang", fault.reasonLanguage)
        try writer.text(fault.reason)
        try writer.endElement()
        try writer.endElement()
        if let node = fault.node { try writer.element("env:Node", text: node) }
        if let role = fault.role { try writer.element("env:Role", text: role) }
        if fault.problemAction != nil || fault.problemHeader != nil || fault.detail != nil {
            try writer.startElement("env:Detail")
            if let action = fault.problemAction {
                try writer.startElement("wsa:ProblemAction")
                try writer.element("wsa:Action", text: action)
                try writer.endElement()
            }
            if let header = fault.problemHeader {
                try writer.startElement("wsa:ProblemHeaderQName")
                let prefix = header.namespace == SOAPNamespace.addressing ? "wsa" : "ph"
                try writer.declareNamespace(prefix: prefix, uri: header.namespace)
                try writer.text("\(prefix):\(header.localName)")
                try writer.endElement()
            }
            if let detail = fault.detail {
                try writer.startElement("Message", namespace: SOAPFault.detailNamespace, prefix: "xca")
                try writer.text(detail)
                try writer.endElement()
            }
            try writer.endElement()
        }
        try writer.endElement()  // Fault
    }

    private static func endpointReference(_ name: String, _ address: String, into writer: inout XMLWriter)
        throws(XMLError)
    {
        try writer.startElement(name)
        try writer.element("wsa:Address", text: address)
        try writer.endElement()
    }
}

extension SOAPFault {
    /// The namespace of the gateway's own fault detail element.
    public static let detailNamespace = "urn:xca-gateway:fault"
}
