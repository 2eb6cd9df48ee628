/// A patient identifier in the XDS form of an HL7 v2 CX: `IDNumber^^^&OID&ISO` (ITI TF-3 4.2.3.1.7 (≈)).
///
/// Validity: CX.1 present, CX.2 and CX.3 empty, CX.4 = `namespace&OID&ISO` with a valid OID and type `ISO`. Components
/// after CX.4 (e.g. an identifier type code in CX.5) are tolerated. When the assigning authority is the NHS number OID
/// `2.16.840.1.113883.2.1.4.1`, the ID number must pass the NHS number Modulus 11 check.
///
/// Patient data: `description` and reflection are redacted; use `rawValue`, `idNumber` deliberately.
public struct PatientID: IHEIdentifier, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The assigning authority of NHS numbers in England and Wales.
    public static let nhsNumberAuthority = OID(rawValue: "2.16.840.1.113883.2.1.4.1")

    /// Why a value is not a valid patient identifier; lets validation tell a malformed CX from a bad NHS number.
    enum Problem: Hashable, Sendable {
        case malformed(String)
        case invalidNHSNumber(String)

        var message: String {
            switch self {
            case .malformed(let message), .invalidNHSNumber(let message): message
            }
        }
    }

    public let rawValue: String
    /// CX.1, the ID number (the whole value when it has no `^`).
    public let idNumber: String
    /// CX.4.2, the universal ID of the assigning authority, when present.
    public let assigningAuthority: OID?
    let problem: Problem?

    public init(rawValue: String) {
        self.rawValue = rawValue
        (idNumber, assigningAuthority, problem) = Self.parse(rawValue)
    }

    /// `idNumber^^^&authority&ISO`.
    public init(idNumber: String, assigningAuthority: OID) {
        self.init(rawValue: "\(idNumber)^^^&\(assigningAuthority.rawValue)&ISO")
    }

    /// An NHS number with the NHS assigning authority.
    public init(nhsNumber: NHSNumber) {
        self.init(idNumber: nhsNumber.rawValue, assigningAuthority: Self.nhsNumberAuthority)
    }

    public var validationProblem: String? { problem?.message }

    /// The NHS number when the assigning authority is `2.16.840.1.113883.2.1.4.1` (check its `isValid`), else `nil`.
    public var nhsNumber: NHSNumber? {
        assigningAuthority == Self.nhsNumberAuthority ? NHSNumber(rawValue: idNumber) : nil
    }

    private static func parse(_ raw: String) -> (String, OID?, Problem?) {
        let components = raw.split(separator: "^", omittingEmptySubsequences: false)
        let id = String(components[0])
        guard components.count >= 4 else {
            return (id, nil, .malformed("patient ID is not an HL7 CX value of the form ID^^^&OID&ISO"))
        }
        let authorityParts = components[3].split(separator: "&", omittingEmptySubsequences: false)
        let authority = authorityParts.count >= 2 && !authorityParts[1].isEmpty ? OID(rawValue: String(authorityParts[1])) : nil
        if id.isEmpty {
            return (id, authority, .malformed("patient ID has an empty ID number (CX.1)"))
        }
        if id.utf8.contains(UInt8(ascii: "&")) {
            return (id, authority, .malformed("patient ID number (CX.1) contains a subcomponent separator"))
        }
        if !components[1].isEmpty || !components[2].isEmpty {
            return (id, authority, .malformed("patient ID has CX.2 or CX.3 filled in; XDS requires them empty"))
        }
        guard authorityParts.count == 3, let authority else {
            return (id, authority, .malformed("patient ID assigning authority (CX.4) is not of the form &OID&ISO"))
        }
        if authorityParts[2] != "ISO" {
            return (id, authority, .malformed("patient ID assigning authority type (CX.4.3) is not ISO"))
        }
        if let problem = authority.validationProblem {
            return (id, authority, .malformed("patient ID assigning authority \(problem)"))
        }
        if authority == nhsNumberAuthority, let problem = NHSNumber(rawValue: id).validationProblem {
            return (id, authority, .invalidNHSNumber(problem))
        }
        return (id, authority, nil)
    }

    public static func == (lhs: PatientID, rhs: PatientID) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public var description: String { "PatientID(<redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
