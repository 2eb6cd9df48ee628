import XCAModel

/// The patient an event is about: `entity[patient]` (audit-entity-type 1, object-role 1). An NHS number when the
/// request carries one (or a lookup finds one), otherwise another CX identifier as a plain identifier.
///
/// Patient data: `description` and reflection are redacted.
public struct AuditPatient: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `https://fhir.nhs.uk/Id/nhs-number`.
    public static let nhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number"

    /// The identifier system: the NHS number system, `urn:oid:` + the CX assigning authority, or nil.
    public var system: String?
    public var value: String

    public init(system: String?, value: String) {
        self.system = system
        self.value = value
    }

    /// A (valid) NHS number.
    public init(nhsNumber: NHSNumber) {
        self.init(system: Self.nhsNumberSystem, value: nhsNumber.rawValue)
    }

    /// The patient of a CX patient identifier: an NHS number when the assigning authority is the NHS number OID
    /// and the number passes Modulus 11; else the ID number with `urn:oid:<authority>` (or no system when the CX
    /// has none). Nil for an empty ID number.
    public init?(patientID: PatientID) {
        if let number = patientID.nhsNumber, number.isValid {
            self.init(nhsNumber: number)
            return
        }
        guard !patientID.idNumber.isEmpty else { return nil }
        let authority = patientID.assigningAuthority.flatMap { $0.isValid ? "urn:oid:" + $0.rawValue : nil }
        self.init(system: authority, value: patientID.idNumber)
    }

    /// The NHS number, when this patient is identified by one.
    public var nhsNumber: NHSNumber? {
        system == Self.nhsNumberSystem ? NHSNumber(rawValue: value) : nil
    }

    public var description: String { "AuditPatient(<redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
