import XCAModel

/// A synthetic patient: never a real person, NHS number from the 999 test range.
public struct PatientBlueprint: Hashable, Sendable {
    /// Short key studies refer to, e.g. `p01`.
    public var key: String
    public var nhsNumber: NHSNumber
    public var familyName: String
    public var givenName: String
    /// `YYYYMMDD`.
    public var birthDate: String
    /// `F`, `M` (DICOM Patient's Sex, HL7 administrative sex).
    public var sex: String

    public init(
        key: String,
        nhsNumber: NHSNumber,
        familyName: String,
        givenName: String,
        birthDate: String,
        sex: String
    ) {
        self.key = key
        self.nhsNumber = nhsNumber
        self.familyName = familyName
        self.givenName = givenName
        self.birthDate = birthDate
        self.sex = sex
    }

    /// "Given Family", for people.
    public var displayName: String { "\(givenName) \(familyName.prefix(1))\(familyName.dropFirst().lowercased())" }

    /// DICOM PN / HL7 XPN: `FAMILY^Given`.
    public var personName: String { "\(familyName)^\(givenName)" }

    /// An NHS number from the nine digits `prefix`, with its Modulus 11 check digit; `nil` when the check digit
    /// computes to 10 (no valid number has those nine digits) (NHS Data Dictionary "NHS Number").
    public static func nhsNumber(prefix: String) -> NHSNumber? {
        let digits = prefix.utf8.map { Int($0) - 48 }
        guard digits.count == 9, digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
        let sum = zip(digits, (2...10).reversed()).reduce(0) { $0 + $1.0 * $1.1 }
        let check = 11 - sum % 11
        switch check {
        case 11: return NHSNumber(rawValue: prefix + "0")
        case 10: return nil
        default: return NHSNumber(rawValue: prefix + String(check))
        }
    }
}
