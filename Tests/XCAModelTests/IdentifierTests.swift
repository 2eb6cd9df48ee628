import Testing
import XCAModel

@Suite("Identifiers")
struct IdentifierTests {
    @Test("OID", arguments: [
        ("1.2.3", true), ("0.0", true), ("2.999.1", true), ("1.3.6.1.4.1.21367.2005.3.7", true),
        ("2.16.840.1.113883.2.1.4.1", true), ("1.0.10", true),
        ("", false), ("1", false), ("3.1.2", false), ("1..2", false), (".1.2", false), ("1.2.", false),
        ("1.02.3", false), ("01.2", false), ("1.2.a", false), ("1.2 .3", false), ("urn:oid:1.2.3", false),
        ("12.3", false), ("1.2.3-4", false),
    ])
    func oid(value: String, valid: Bool) {
        let oid = OID(rawValue: value)
        #expect(oid.isValid == valid)
        #expect((oid.validationProblem == nil) == valid)
        #expect(oid.rawValue == value)
    }

    @Test("HomeCommunityID", arguments: [
        ("urn:oid:1.2.3", true), ("urn:oid:1.3.6.1.4.1.21367.13.70.101", true), ("URN:OID:1.2.3", true),
        ("urn:oid:" + "1." + String(repeating: "1.", count: 26) + "12", true),  // 64 characters
        ("urn:oid:" + "1." + String(repeating: "1.", count: 26) + "123", false),  // 65 characters
        ("1.2.3", false), ("urn:oid:", false), ("urn:oid:1.02", false), ("urn:uuid:1.2.3", false), ("urn:oid:x.y", false),
        ("", false), ("urn:oid:4.1", false),
    ])
    func homeCommunityID(value: String, valid: Bool) {
        let hcid = HomeCommunityID(rawValue: value)
        #expect(hcid.isValid == valid)
        #expect(hcid.rawValue == value)
        if valid {
            #expect(hcid.oid?.rawValue == String(value.dropFirst(8)))
        } else {
            #expect(hcid.oid == nil)
        }
    }

    @Test func homeCommunityIDLengthBoundary() {
        let sixtyFour = "urn:oid:" + "1." + String(repeating: "1.", count: 26) + "12"
        #expect(sixtyFour.count == 64)
        #expect(HomeCommunityID(rawValue: sixtyFour).isValid)
        #expect(!HomeCommunityID(rawValue: sixtyFour + "3").isValid)
        #expect(HomeCommunityID(oid: OID("1.2.3")).rawValue == "urn:oid:1.2.3")
    }

    @Test("EntryUUID", arguments: [
        ("urn:uuid:974330cc-26ff-4ef8-aca5-f71efc3f1fb0", true), ("urn:uuid:974330CC-26FF-4EF8-ACA5-F71EFC3F1FB0", true),
        ("URN:UUID:974330cc-26ff-4ef8-aca5-f71efc3f1fb0", true),
        ("974330cc-26ff-4ef8-aca5-f71efc3f1fb0", false), ("urn:uuid:974330cc-26ff-4ef8-aca5-f71efc3f1fb", false),
        ("urn:uuid:974330cc26ff-4ef8-aca5-f71efc3f1fb0-", false), ("urn:uuid:974330cg-26ff-4ef8-aca5-f71efc3f1fb0", false),
        ("urn:uuid:", false), ("Document01", false),
    ])
    func entryUUID(value: String, valid: Bool) {
        #expect(EntryUUID(rawValue: value).isValid == valid)
    }

    @Test("DocumentUniqueID", arguments: [
        ("1.42.20100312104638.15", true), ("1.2.3^ext", true), ("1.2.3^1234567890123456", true),
        ("1." + String(repeating: "1.", count: 30) + "12", true),  // 64 characters
        ("1." + String(repeating: "1.", count: 30) + "123", false),  // 65 characters
        ("1.2.3^12345678901234567", false), ("1.2.3^", false), ("^ext", false), ("1.2.03", false), ("abc", false), ("", false),
    ])
    func documentUniqueID(value: String, valid: Bool) {
        #expect(DocumentUniqueID(rawValue: value).isValid == valid)
    }

    @Test func documentUniqueIDParts() {
        let id = DocumentUniqueID("1.2.3^abc")
        #expect(id.oid == OID("1.2.3"))
        #expect(id.extension == "abc")
        #expect(DocumentUniqueID("1.2.3").extension == nil)
    }

    @Test("RepositoryUniqueID", arguments: [
        ("1.19.6.24.109.42.1", true), ("1.3.6.1.4.1.21367.13.40.216", true),
        ("1." + String(repeating: "1.", count: 30) + "12", true), ("1." + String(repeating: "1.", count: 30) + "123", false),
        ("urn:oid:1.2.3", false), ("1.2.3^x", false), ("", false),
    ])
    func repositoryUniqueID(value: String, valid: Bool) {
        #expect(RepositoryUniqueID(rawValue: value).isValid == valid)
    }

    @Test("DICOM UIDs", arguments: [
        ("1.2.840.10008.1.2.1", true), ("1.3.6.1.4.1.14519.5.2.1.6279.6001.1", true), ("0.0", true), ("9.1", true),
        ("1.2.0.3", true), ("1", true),
        (String(repeating: "1.", count: 32) + "1", false),  // 65 characters
        ("1.2..3", false), ("1.2.3.", false), (".1", false), ("1.02", false), ("1.2.3a", false), ("", false), ("1.2 ", false),
    ])
    func dicomUID(value: String, valid: Bool) {
        #expect(StudyInstanceUID(rawValue: value).isValid == valid)
        #expect(SeriesInstanceUID(rawValue: value).isValid == valid)
        #expect(SOPInstanceUID(rawValue: value).isValid == valid)
        #expect(TransferSyntaxUID(rawValue: value).isValid == valid)
        #expect((DICOMUID.validationProblem(of: value[...]) == nil) == valid)
    }

    @Test func dicomUIDMaximumLength() {
        let sixtyFour = String(repeating: "1.", count: 31) + "12"
        #expect(sixtyFour.count == 64)
        #expect(SOPInstanceUID(sixtyFour).isValid)
        #expect(StudyInstanceUID(sixtyFour + "3").validationProblem?.hasPrefix("Study Instance UID") == true)
    }

    @Test("NHS number", arguments: [
        ("9000000009", true), ("9449305552", true), ("9434765919", true), ("4010232137", true),
        ("9434765080", true),  // remainder 0: check 11 becomes 0
        ("9434765081", false),
        ("9999999991", false),  // check digit 9, not 1 (PARS example, test data only)
        ("1234567890", false),  // check digit computes to 10
        ("1000000010", false),  // check digit computes to 10
        ("943476591", false), ("94347659190", false), ("943476591X", false), ("943 476 5919", false), ("", false),
        ("９４３４７６５９１９", false),
    ])
    func nhsNumber(value: String, valid: Bool) {
        #expect(NHSNumber(rawValue: value).isValid == valid)
    }

    @Test func nhsNumberCheckDigitTen() throws {
        let problem = try #require(NHSNumber("1234567890").validationProblem)
        #expect(problem.contains("10"))
        #expect(!problem.contains("1234567890"))
    }

    @Test("NHS number with spaces", arguments: [
        ("943 476 5919", "9434765919", true), ("9434765919", "9434765919", true), (" 900 000 0009 ", "9000000009", true),
        ("999 999 9991", "9999999991", false),
    ])
    func nhsNumberNormalising(input: String, normalised: String, valid: Bool) {
        let number = NHSNumber.normalising(input)
        #expect(number.rawValue == normalised)
        #expect(number.isValid == valid)
    }

    @Test func patientDataIsRedacted() {
        let number = NHSNumber("9434765919")
        #expect(!"\(number)".contains("9434765919"))
        #expect(!String(reflecting: number).contains("9434765919"))
        let patient = PatientID(nhsNumber: number)
        #expect(!"\(patient)".contains("9434765919"))
        var dumped = ""
        dump(patient, to: &dumped)
        #expect(!dumped.contains("9434765919"))
    }

    @Test("Distinct identifier types keep the wire value")
    func wireValueKept() {
        let raw = " 1.2.3 "
        #expect(RepositoryUniqueID(raw).rawValue == raw)
        #expect(!RepositoryUniqueID(raw).isValid)
        #expect(DocumentUniqueID(raw) == DocumentUniqueID(rawValue: raw))
    }
}
