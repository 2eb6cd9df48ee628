import Testing
import XCAModel

@testable import XCAAudit

@Suite("outcomeDesc carries codes and locations only")
struct OutcomeDescriptionTests {
    @Test("codeContext never appears; duplicates collapse; warnings are left out when there are errors")
    func codesOnly() {
        let errors = [
            RegistryError(.unavailableCommunity, codeContext: "patient 9990000018 not reachable", location: "urn:oid:1.2.3"),
            RegistryError(.unavailableCommunity, codeContext: "again", location: "urn:oid:1.2.3"),
            RegistryError(.missingHomeCommunityID, codeContext: "stamped", location: "urn:oid:1.2.4", severity: .warning),
            RegistryError(.registryError, codeContext: "x", location: nil),
        ]
        #expect(OutcomeDescription.make("Failure", errors: errors) == "Failure; XDSUnavailableCommunity@urn:oid:1.2.3; XDSRegistryError")
    }

    @Test(
        "partners' codes and locations that are not identifier-like tokens are not repeated",
        arguments: [
            ("XDSRegistryError", "9990000018", "Failure; XDSRegistryError"),
            ("XDSRegistryError", "urn:oid:1.2.9990000018", "Failure; XDSRegistryError@urn:oid:1.2.9990000018"),
            ("XDSRegistryError", "community of Mr Smith", "Failure; XDSRegistryError"),
            ("9990000018", "urn:oid:1.2", "Failure; UnrecognisedErrorCode"),
            ("urn:dicom:wado:0006", "urn:oid:1.2", "Failure; urn:dicom:wado:0006@urn:oid:1.2"),
            ("bad code", nil, "Failure; UnrecognisedErrorCode"),
            ("XDSRegistryError", "id-9990000018x", "Failure; XDSRegistryError"),
            ("XDSRegistryError", "id-99900000181", "Failure; XDSRegistryError@id-99900000181"),
            ("XDSRegistryError", "id:9990000018", "Failure; XDSRegistryError"),
        ] as [(String, String?, String)]
    )
    func tokens(_ code: String, _ location: String?, _ expected: String) {
        let error = RegistryError(RegistryError.Code(rawValue: code), codeContext: "", location: location)
        let description = OutcomeDescription.make("Failure", errors: [error])
        #expect(description == expected)
    }

    @Test("at most 16 items, then a count")
    func capped() {
        let errors = (1...20).map { RegistryError(.unavailableCommunity, codeContext: "", location: "urn:oid:1.2.\($0)") }
        let description = OutcomeDescription.make("PartialSuccess", errors: errors)
        #expect(description.hasSuffix("; +4 more"))
        #expect(description.components(separatedBy: "; ").count == 18)
    }
}
