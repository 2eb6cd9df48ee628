import Testing
import XCAModel

@Suite("PatientID (HL7 CX)")
struct PatientIDTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let raw: String
        let idNumber: String
        let authority: String?
        let valid: Bool
        let nhsFailure: Bool
        var testDescription: String { raw }
    }

    static let cases: [Case] = [
        Case(raw: "c4d77e21d0dd487^^^&1.3.6.1.4.1.21367.2005.3.7&ISO", idNumber: "c4d77e21d0dd487",
             authority: "1.3.6.1.4.1.21367.2005.3.7", valid: true, nhsFailure: false),
        Case(raw: "9434765919^^^&2.16.840.1.113883.2.1.4.1&ISO", idNumber: "9434765919",
             authority: "2.16.840.1.113883.2.1.4.1", valid: true, nhsFailure: false),
        Case(raw: "9434765919^^^NHS&2.16.840.1.113883.2.1.4.1&ISO", idNumber: "9434765919",
             authority: "2.16.840.1.113883.2.1.4.1", valid: true, nhsFailure: false),
        Case(raw: "9434765919^^^&2.16.840.1.113883.2.1.4.1&ISO^NH", idNumber: "9434765919",
             authority: "2.16.840.1.113883.2.1.4.1", valid: true, nhsFailure: false),
        Case(raw: "9999999991^^^&2.16.840.1.113883.2.1.4.1&ISO", idNumber: "9999999991",
             authority: "2.16.840.1.113883.2.1.4.1", valid: false, nhsFailure: true),
        Case(raw: "1234567890^^^&2.16.840.1.113883.2.1.4.1&ISO", idNumber: "1234567890",
             authority: "2.16.840.1.113883.2.1.4.1", valid: false, nhsFailure: true),
        Case(raw: "ABC^^^&2.16.840.1.113883.2.1.4.1&ISO", idNumber: "ABC",
             authority: "2.16.840.1.113883.2.1.4.1", valid: false, nhsFailure: true),
        Case(raw: "9999999991^^^&1.2.3&ISO", idNumber: "9999999991", authority: "1.2.3", valid: true, nhsFailure: false),
        Case(raw: "pid1", idNumber: "pid1", authority: nil, valid: false, nhsFailure: false),
        Case(raw: "pid1^^^", idNumber: "pid1", authority: nil, valid: false, nhsFailure: false),
        Case(raw: "^^^&1.2.3&ISO", idNumber: "", authority: "1.2.3", valid: false, nhsFailure: false),
        Case(raw: "pid1^x^^&1.2.3&ISO", idNumber: "pid1", authority: "1.2.3", valid: false, nhsFailure: false),
        Case(raw: "pid1^^^&1.2.3&DNS", idNumber: "pid1", authority: "1.2.3", valid: false, nhsFailure: false),
        Case(raw: "pid1^^^&1.2.3", idNumber: "pid1", authority: "1.2.3", valid: false, nhsFailure: false),
        Case(raw: "pid1^^^&1.02.3&ISO", idNumber: "pid1", authority: "1.02.3", valid: false, nhsFailure: false),
        Case(raw: "pid1^^^&&ISO", idNumber: "pid1", authority: nil, valid: false, nhsFailure: false),
        Case(raw: "pid1^^^NS", idNumber: "pid1", authority: nil, valid: false, nhsFailure: false),
        Case(raw: "p&d^^^&1.2.3&ISO", idNumber: "p&d", authority: "1.2.3", valid: false, nhsFailure: false),
        Case(raw: "", idNumber: "", authority: nil, valid: false, nhsFailure: false),
    ]

    @Test(arguments: cases)
    func parse(_ testCase: Case) {
        let patient = PatientID(rawValue: testCase.raw)
        #expect(patient.rawValue == testCase.raw)
        #expect(patient.idNumber == testCase.idNumber)
        #expect(patient.assigningAuthority?.rawValue == testCase.authority)
        #expect(patient.isValid == testCase.valid)
        if let problem = patient.validationProblem {
            #expect(!testCase.idNumber.isEmpty ? !problem.contains(testCase.idNumber) : true)
            #expect(problem.contains("NHS number") == testCase.nhsFailure)
        }
    }

    @Test func nhsNumberAccessor() throws {
        let patient = PatientID("9434765919^^^&2.16.840.1.113883.2.1.4.1&ISO")
        let number = try #require(patient.nhsNumber)
        #expect(number.rawValue == "9434765919")
        #expect(number.isValid)
        #expect(PatientID("9434765919^^^&1.2.3&ISO").nhsNumber == nil)
        #expect(PatientID("9999999991^^^&2.16.840.1.113883.2.1.4.1&ISO").nhsNumber?.isValid == false)
    }

    @Test func builders() {
        #expect(PatientID(idNumber: "X1", assigningAuthority: OID("1.2.3")).rawValue == "X1^^^&1.2.3&ISO")
        let nhs = PatientID(nhsNumber: NHSNumber("9000000009"))
        #expect(nhs.rawValue == "9000000009^^^&2.16.840.1.113883.2.1.4.1&ISO")
        #expect(nhs.isValid)
    }
}
