import XCASOAP
import XCAXML

extension XUAIdentity {
    /// The XUA attribute names read (ITI TF-2 3.40.4.1.2; OASIS XSPA SAML profile).
    enum AttributeName {
        static let subjectID = "urn:oasis:names:tc:xspa:1.0:subject:subject-id"
        static let organization = "urn:oasis:names:tc:xspa:1.0:subject:organization"
        static let organizationID = "urn:oasis:names:tc:xspa:1.0:subject:organization-id"
        static let role = "urn:oasis:names:tc:xacml:2.0:subject:role"
        static let purposeOfUse = "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse"
        static let homeCommunityID = "urn:ihe:iti:xca:2010:homeCommunityId"
    }

    /// Limits for a WS-Security header: an assertion with a signature and its certificate is a few kilobytes.
    static let limits = XMLLimits(
        maxDocumentSize: 1 << 20,
        maxDepth: 32,
        maxAttributesPerElement: 64,
        maxAttributeLength: 16 << 10,
        maxTextLength: 64 << 10,
        maxNameLength: 256
    )

    /// The end user named by the SAML 2.0 assertion in `header`'s `wsse:Security` block (kept verbatim by the
    /// envelope reader). Never throws: a header that cannot be read gives ``XUAReading/unreadable(_:)``.
    ///
    /// The signature is not verified (see ``XUAIdentity``).
    public static func read(from header: SOAPEnvelopeHeader, roleProfileAttributes: [String] = ["selected_roleid"])
        -> XUAReading
    {
        guard let block = header.block(namespace: SOAPNamespace.wsSecurity, localName: "Security") else { return .absent }
        guard let xml = block.xml else {
            return .unreadable(AuditError(.headerNotKept, "the envelope reader did not keep the WS-Security header"))
        }
        return read(securityHeader: xml, roleProfileAttributes: roleProfileAttributes)
    }

    /// The end user named by the first SAML 2.0 assertion in a `wsse:Security` element's bytes, read with the
    /// hardened reader (no DTD, no entities, ``limits``).
    public static func read(securityHeader xml: [UInt8], roleProfileAttributes: [String] = ["selected_roleid"])
        -> XUAReading
    {
        do {
            let identity = try xml.withUnsafeBytes { bytes in
                try XMLStreamReader.withReader(over: bytes, limits: limits) { reader in
                    try readSecurity(reader, roleProfileAttributes: roleProfileAttributes)
                }
            }
            return .identity(identity)
        } catch let error as AuditError {
            return .unreadable(error)
        } catch let error as XMLError {
            return .unreadable(
                AuditError(.unreadableSecurityHeader, "the WS-Security header cannot be read: \(error.code) at line \(error.line)")
            )
        } catch {
            return .unreadable(AuditError(.unreadableSecurityHeader, "the WS-Security header cannot be read"))
        }
    }

    // MARK: Private

    private static func readSecurity(_ reader: XMLStreamReader, roleProfileAttributes: [String]) throws -> XUAIdentity {
        guard try reader.nextStartElement() else { throw AuditError(.noAssertion, "the WS-Security header is empty") }
        var identity: XUAIdentity?
        try forEachChild(reader) {
            if identity == nil, reader.nameEquals("Assertion", namespace: "urn:oasis:names:tc:SAML:2.0:assertion") {
                identity = try readAssertion(reader, roleProfileAttributes: roleProfileAttributes)
            } else {
                try reader.skipElement()
            }
        }
        guard let identity else {
            throw AuditError(.noAssertion, "the WS-Security header holds no SAML 2.0 Assertion")
        }
        return identity
    }

    private static func readAssertion(_ reader: XMLStreamReader, roleProfileAttributes: [String]) throws -> XUAIdentity {
        var identity = XUAIdentity(assertionID: nonEmpty(reader.attribute("ID")), nameID: "")
        var roleProfile: (rank: Int, value: String)?
        try forEachChild(reader) {
            if reader.nameEquals("Issuer", namespace: "urn:oasis:names:tc:SAML:2.0:assertion") {
                identity.issuer = nonEmpty(try reader.readText())
            } else if reader.nameEquals("Subject", namespace: "urn:oasis:names:tc:SAML:2.0:assertion") {
                try forEachChild(reader) {
                    if reader.nameEquals("NameID", namespace: "urn:oasis:names:tc:SAML:2.0:assertion") {
                        identity.nameID = nonEmpty(try reader.readText()) ?? ""
                    } else {
                        try reader.skipElement()
                    }
                }
            } else if reader.nameEquals("AttributeStatement", namespace: "urn:oasis:names:tc:SAML:2.0:assertion") {
                try forEachChild(reader) {
                    guard reader.nameEquals("Attribute", namespace: "urn:oasis:names:tc:SAML:2.0:assertion"),
                        let name = reader.attribute("Name")
                    else { return try reader.skipElement() }
                    let values = try readValues(reader)
                    switch name {
                    case AttributeName.subjectID: identity.subjectName = identity.subjectName ?? values.first?.text
                    case AttributeName.organization: identity.organization = identity.organization ?? values.first?.text
                    case AttributeName.organizationID:
                        identity.organizationID = identity.organizationID ?? values.first?.text
                    case AttributeName.role: identity.roles += values.compactMap(\.code)
                    case AttributeName.purposeOfUse: identity.purposesOfUse += values.compactMap(\.code)
                    case AttributeName.homeCommunityID:
                        identity.homeCommunityID = identity.homeCommunityID ?? values.first?.text
                    default:
                        if let rank = roleProfileAttributes.firstIndex(of: name), let value = values.first?.text,
                            rank < roleProfile?.rank ?? .max
                        {
                            roleProfile = (rank, value)
                        }
                    }
                }
            } else {
                try reader.skipElement()  // Signature, Conditions, AuthnStatement, …
            }
        }
        guard !identity.nameID.isEmpty else {
            throw AuditError(.incompleteAssertion, "the SAML assertion has no Subject/NameID")
        }
        identity.roleProfileID = roleProfile?.value
        return identity
    }

    /// One `saml:AttributeValue`: its text, and the CE it carries as a child element or as escaped XML text.
    private struct AttributeValue {
        var text: String?
        var code: XUACode?
    }

    private static func readValues(_ reader: XMLStreamReader) throws -> [AttributeValue] {
        var values: [AttributeValue] = []
        try forEachChild(reader) {
            guard reader.nameEquals("AttributeValue", namespace: "urn:oasis:names:tc:SAML:2.0:assertion") else {
                return try reader.skipElement()
            }
            var text = ""
            var element: XUACode?
            try forEachNode(reader) { node in
                switch node {
                case .text: text += reader.value
                case .startElement:
                    if element == nil { element = code(reader) }
                    try reader.skipElement()
                case .endElement: break
                }
            }
            let trimmed = nonEmpty(text)
            values.append(AttributeValue(text: trimmed, code: element ?? trimmed.flatMap(code(text:))))
        }
        return values
    }

    /// A CE from the attributes of the element the reader is on (`<Role code="…" codeSystem="…" …/>`).
    private static func code(_ reader: XMLStreamReader) -> XUACode? {
        guard let code = nonEmpty(reader.attribute("code")) else { return nil }
        return XUACode(
            code: code,
            codeSystem: nonEmpty(reader.attribute("codeSystem")),
            displayName: nonEmpty(reader.attribute("displayName"))
        )
    }

    /// A CE from an attribute value's text: escaped XML (`<PurposeOfUse code="…"/>`, as some issuers write it),
    /// read with the hardened reader; or a bare code.
    private static func code(text: String) -> XUACode? {
        guard text.hasPrefix("<") else { return XUACode(code: text) }
        var small = limits
        small.maxDocumentSize = 16 << 10
        guard let reader = try? XMLStreamReader(string: text, limits: small), (try? reader.nextStartElement()) == true
        else { return nil }
        return code(reader)
    }

    /// Calls `body` on each child element of the element the reader is on; `body` must leave the reader on that
    /// child's end. Returns with the reader on the element's end.
    private static func forEachChild(_ reader: XMLStreamReader, _ body: () throws -> Void) throws {
        while let node = try reader.next() {
            switch node {
            case .startElement: try body()
            case .endElement: return
            case .text: continue
            }
        }
    }

    /// Calls `body` on each node inside the element the reader is on, child elements' subtrees left to `body`
    /// (it must skip them); returns on the element's end.
    private static func forEachNode(_ reader: XMLStreamReader, _ body: (XMLStreamReader.Node) throws -> Void) throws {
        while let node = try reader.next() {
            if node == .endElement { return }
            try body(node)
        }
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmedXMLSpace, !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
