import XCAModel

/// A (fictional) hospital or diagnostic centre that performs studies and authors reports.
public struct InstitutionBlueprint: Hashable, Sendable {
    public var key: String
    public var name: String
    /// Organisation identifier (under the blueprint's synthetic arc).
    public var oid: OID

    public init(key: String, name: String, oid: OID) {
        self.key = key
        self.name = name
        self.oid = oid
    }

    /// The XDS `authorInstitution` value, an HL7 XON with the organisation OID in XON.10 (ITI TF-3 Table
    /// 4.2.3.1.7-2 (≈)): `Name^^^^^^^^^OID`.
    public var xon: String { "\(name)^^^^^^^^^\(oid.rawValue)" }
}
