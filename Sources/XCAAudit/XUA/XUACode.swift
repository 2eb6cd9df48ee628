/// An HL7 v3 CE value of a XUA attribute (`urn:oasis:names:tc:xacml:2.0:subject:role`,
/// `urn:oasis:names:tc:xspa:1.0:subject:purposeofuse`; ITI TF-2 3.40.4.1.2): code, code system OID and display.
public struct XUACode: Sendable, Hashable {
    public var code: String
    /// `@codeSystem`, an OID (or whatever the issuer wrote).
    public var codeSystem: String?
    public var displayName: String?

    public init(code: String, codeSystem: String? = nil, displayName: String? = nil) {
        self.code = code
        self.codeSystem = codeSystem
        self.displayName = displayName
    }

    /// HL7 v3 and SNOMED CT code system OIDs → FHIR system URIs.
    static let knownSystems: [String: String] = [
        "2.16.840.1.113883.5.8": "http://terminology.hl7.org/CodeSystem/v3-ActReason",
        "2.16.840.1.113883.1.11.20448": "http://terminology.hl7.org/CodeSystem/v3-ActReason",
        "2.16.840.1.113883.5.111": "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
        "2.16.840.1.113883.5.90": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
        "2.16.840.1.113883.6.96": "http://snomed.info/sct",
    ]

    /// The FHIR `Coding.system` of `codeSystem`: a known URI, one of `extra` (OID → URI), `urn:oid:` + an OID, a
    /// value that is already a URI, or nil.
    func system(extra: [String: String]) -> String? {
        guard var oid = codeSystem, !oid.isEmpty, !oid.utf8.contains(where: Self.isSpace) else { return nil }
        if oid.hasPrefix("urn:oid:") { oid.removeFirst(8) }
        if let known = extra[oid] ?? Self.knownSystems[oid] { return known }
        if oid.utf8.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") }) {
            return "urn:oid:" + oid
        }
        return oid.contains(":") ? oid : nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}
