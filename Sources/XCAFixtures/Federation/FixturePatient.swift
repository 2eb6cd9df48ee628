import XCAModel

/// A synthetic patient of the fixture federation. Every community identifies patients by NHS number
/// (assigning authority 2.16.840.1.113883.2.1.4.1), as the National Imaging Registry does.
public struct FixturePatient: Sendable {
    /// From the 999 test range, valid Modulus 11.
    public var nhsNumber: NHSNumber
    /// A synthetic display name (never a real person), for the README and `fixtures list`.
    public var displayName: String
    /// Names of the communities that hold data for this patient.
    public var communities: [String]

    public init(nhsNumber: NHSNumber, displayName: String, communities: [String]) {
        self.nhsNumber = nhsNumber
        self.displayName = displayName
        self.communities = communities
    }

    /// The patient's XDS patient ID (`NHSNUMBER^^^&2.16.840.1.113883.2.1.4.1&ISO`).
    public var patientID: PatientID { PatientID(nhsNumber: nhsNumber) }
}
