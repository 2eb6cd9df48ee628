import XCAXML

/// Reads a SOAP 1.2 envelope in one pass: the header (WS-Addressing properties, other header blocks, SOAP 1.2
/// `mustUnderstand` processing), then hands the reader, positioned on the body's first element, to the caller's
/// body decoder, then checks the rest of the document.
///
/// Everything wrong with the envelope is thrown as the ``SOAPFault`` to answer with: VersionMismatch for a SOAP
/// 1.1 (or any other) envelope, MustUnderstand for a header block addressed to us that we do not understand,
/// the WS-Addressing faults for a missing or repeated Action, and a Sender fault (with line and column) for XML
/// that is malformed or over a limit. Errors thrown by the body decoder pass through unchanged.
public struct SOAPEnvelopeReader: Sendable {
    public var limits: XMLLimits
    /// Header blocks besides WS-Addressing that the application processes; a mustUnderstand block addressed to
    /// this node outside this set makes a MustUnderstand fault.
    public var understood: Set<SOAPFault.QName>
    /// Header blocks whose XML is kept in ``SOAPHeaderBlock/xml`` (the WS-Security header, for audit).
    public var kept: Set<SOAPFault.QName>
    /// Whether a missing wsa:Action is a fault (inbound requests) or tolerated (partners' responses).
    public var requiresAction: Bool

    /// The WS-Security header: the XUA assertion travels in it (ITI TF-2 3.40).
    public static let securityHeader = SOAPFault.QName(namespace: SOAPNamespace.wsSecurity, localName: "Security")

    public init(
        limits: XMLLimits = .default,
        understood: Set<SOAPFault.QName> = [Self.securityHeader],
        kept: Set<SOAPFault.QName> = [Self.securityHeader],
        requiresAction: Bool = true
    ) {
        self.limits = limits
        self.understood = understood
        self.kept = kept
        self.requiresAction = requiresAction
    }

    /// Reads an envelope from `bytes`; `body` gets the header and the reader on the body's first child element and
    /// must leave it on that element's end.
    public func read<Body>(
        _ bytes: UnsafeRawBufferPointer,
        body: (SOAPEnvelopeHeader, XMLStreamReader) throws -> Body
    ) throws -> (header: SOAPEnvelopeHeader, body: Body) {
        do {
            return try XMLStreamReader.withReader(over: bytes, limits: limits) { reader in
                try read(from: reader, body: body)
            }
        } catch let error as XMLError {
            throw SOAPFault.malformed(error)
        }
    }

    /// Reads an envelope from `bytes` (copied while reading).
    public func read<Body>(
        _ bytes: [UInt8],
        body: (SOAPEnvelopeHeader, XMLStreamReader) throws -> Body
    ) throws -> (header: SOAPEnvelopeHeader, body: Body) {
        try bytes.withUnsafeBytes { try read($0, body: body) }
    }

    /// Reads an envelope from a reader positioned before the document element, or on it (a caller that looked
    /// at the document element first, to tell an envelope from a bare body).
    public func read<Body>(
        from reader: XMLStreamReader,
        body: (SOAPEnvelopeHeader, XMLStreamReader) throws -> Body
    ) throws -> (header: SOAPEnvelopeHeader, body: Body) {
        if reader.node != .startElement || reader.depth != 1 {
            guard try reader.nextStartElement() else { throw SOAPFault(code: .sender, reason: "the message is empty") }
        }
        guard reader.nameEquals("Envelope", namespace: "http://www.w3.org/2003/05/soap-envelope") else {
            throw SOAPFault.versionMismatch(found: reader.namespaceURI)
        }
        var header = SOAPEnvelopeHeader()
        guard try reader.nextStartElement() else { throw structure("the Envelope has no Body") }
        if reader.nameEquals("Header", namespace: "http://www.w3.org/2003/05/soap-envelope") {
            header = try readHeader(reader)
            guard try reader.nextStartElement() else { throw structure("the Envelope has no Body") }
        } else if requiresAction {
            throw SOAPFault.addressingHeaderRequired("Action")
        }
        guard reader.nameEquals("Body", namespace: "http://www.w3.org/2003/05/soap-envelope") else {
            throw structure("expected env:Body, found <\(reader.qualifiedName)>")
        }
        if reader.isEmptyElement { throw structure("the Body is empty") }
        guard try reader.next() == .startElement else { throw structure("the Body has no element") }
        let decoded = try body(header, reader)
        // The rest: end of Body, end of Envelope, nothing else.
        var ends = 0
        while let node = try reader.next() {
            switch node {
            case .endElement: ends += 1
            case .startElement: if ends == 0 { throw structure("the Body has more than one element") }
                throw structure("unexpected element after the Body")
            case .text: throw structure("unexpected text in the Envelope")
            }
        }
        guard ends == 2 else { throw structure("the envelope does not end with </env:Body></env:Envelope>") }
        return (header, decoded)
    }

    // MARK: Header

    private func readHeader(_ reader: XMLStreamReader) throws -> SOAPEnvelopeHeader {
        var header = SOAPEnvelopeHeader()
        var notUnderstood: [SOAPFault.QName] = []
        var seenAction = false
        var seenMessageID = false
        if reader.isEmptyElement {
            _ = try reader.next()
            return try finish(header, notUnderstood: notUnderstood, seenAction: seenAction)
        }
        while let node = try reader.next() {
            if node == .endElement { break }  // </env:Header>
            guard node == .startElement else { continue }
            let mustUnderstand = Self.isTrue(reader.attribute("mustUnderstand", namespace: SOAPNamespace.soap12))
            let role = reader.attribute("role", namespace: SOAPNamespace.soap12)
            if reader.namespaceEquals("http://www.w3.org/2005/08/addressing") {
                let name = reader.localName
                switch name {
                case "Action":
                    if seenAction { throw SOAPFault.invalidAddressingHeader("Action", reason: "more than one wsa:Action") }
                    seenAction = true
                    header.addressing.action = try reader.readText().trimmedXMLSpace
                case "MessageID":
                    if seenMessageID {
                        throw SOAPFault.invalidAddressingHeader("MessageID", reason: "more than one wsa:MessageID")
                    }
                    seenMessageID = true
                    header.addressing.messageID = try reader.readText().trimmedXMLSpace
                case "To": header.addressing.to = try reader.readText().trimmedXMLSpace
                case "RelatesTo": header.addressing.relatesTo.append(try reader.readText().trimmedXMLSpace)
                case "ReplyTo": header.addressing.replyTo = try readAddress(reader)
                case "FaultTo": header.addressing.faultTo = try readAddress(reader)
                case "From": header.addressing.from = try readAddress(reader)
                default:
                    if mustUnderstand { notUnderstood.append(.init(namespace: SOAPNamespace.addressing, localName: name)) }
                    try reader.skipElement()
                }
                continue
            }
            let name = SOAPFault.QName(namespace: reader.namespaceURI, localName: reader.localName)
            var block = SOAPHeaderBlock(
                namespace: name.namespace,
                localName: name.localName,
                mustUnderstand: mustUnderstand,
                role: role
            )
            if mustUnderstand && block.isTargetedAtUltimateReceiver && !understood.contains(name) {
                notUnderstood.append(name)
            }
            if kept.contains(name) {
                var copy = XMLWriter(capacity: 4 << 10)
                try copy.copyElement(from: reader)
                block.xml = copy.bytes
            } else {
                try reader.skipElement()
            }
            header.blocks.append(block)
        }
        return try finish(header, notUnderstood: notUnderstood, seenAction: seenAction)
    }

    private func finish(_ header: SOAPEnvelopeHeader, notUnderstood: [SOAPFault.QName], seenAction: Bool) throws
        -> SOAPEnvelopeHeader
    {
        // SOAP 1.2 Part 1 §5.2.3: MustUnderstand is decided before anything else is processed.
        if !notUnderstood.isEmpty { throw SOAPFault.mustUnderstand(notUnderstood) }
        if requiresAction && !seenAction { throw SOAPFault.addressingHeaderRequired("Action") }
        if seenAction && (header.addressing.action ?? "").isEmpty {
            throw SOAPFault.invalidAddressingHeader("Action", reason: "wsa:Action is empty")
        }
        return header
    }

    /// The `wsa:Address` of an endpoint reference (ReplyTo, FaultTo, From); ReferenceParameters and Metadata are
    /// skipped.
    private func readAddress(_ reader: XMLStreamReader) throws -> String? {
        var address: String?
        if reader.isEmptyElement {
            _ = try reader.next()
            return nil
        }
        while let node = try reader.next() {
            switch node {
            case .startElement:
                if reader.nameEquals("Address", namespace: "http://www.w3.org/2005/08/addressing") {
                    address = try reader.readText().trimmedXMLSpace
                } else {
                    try reader.skipElement()
                }
            case .endElement: return address
            case .text: continue
            }
        }
        return address
    }

    private func structure(_ reason: String) -> SOAPFault {
        SOAPFault(code: .sender, reason: "the SOAP envelope is not well structured: \(reason)")
    }

    static func isTrue(_ value: String?) -> Bool {
        switch value?.trimmedXMLSpace {
        case "1", "true": true
        default: false
        }
    }
}

extension String {
    /// The string without leading and trailing XML white space (space, tab, CR, LF).
    package var trimmedXMLSpace: String {
        let utf8 = self.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !isSpace($0) }) ?? first
        return String(self[first...last])
    }
}
