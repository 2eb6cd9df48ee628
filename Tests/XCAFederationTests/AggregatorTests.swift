import Testing
import XCAFederation
import XCAModel

@Suite("Aggregator")
struct AggregatorTests {
    static let community = Sample.community(1)
    static let home = Sample.home(1).rawValue

    @Test func answeredDropsUnknownPatientAndStampsMissingLocations() {
        let errors = [
            RegistryError(.unknownPatientID, codeContext: "patient not known here", location: "somewhere"),
            RegistryError(.registryError, codeContext: "no location"),
            RegistryError(.repositoryError, codeContext: "empty location", location: ""),
            RegistryError(
                RegistryError.Code(rawValue: "urn:dicom:wado:0006"),
                codeContext: "own code",
                location: "urn:oid:9.9",
                severity: .warning
            ),
            RegistryError(.unknownPatientID, codeContext: "again", severity: .warning),
        ]
        let result = Aggregator.errors(for: .answered(errors: errors, resultCount: 3), community: Self.community)
        #expect(
            result == [
                RegistryError(.registryError, codeContext: "no location", location: Self.home),
                RegistryError(.repositoryError, codeContext: "empty location", location: Self.home),
                RegistryError(
                    RegistryError.Code(rawValue: "urn:dicom:wado:0006"),
                    codeContext: "own code",
                    location: "urn:oid:9.9",
                    severity: .warning
                ),
            ]
        )
    }

    @Test func answeredWithoutErrorsContributesNone() {
        #expect(Aggregator.errors(for: .answered(errors: [], resultCount: 0), community: Self.community).isEmpty)
    }

    @Test func unavailableIsOneUnavailableCommunity() {
        let result = Aggregator.errors(for: .unavailable(reason: "timed out after 10 s"), community: Self.community)
        #expect(
            result == [
                RegistryError(
                    .unavailableCommunity,
                    codeContext: "community community-1 did not answer: timed out after 10 s",
                    location: Self.home
                )
            ]
        )
        #expect(result.first?.severity == .error)
    }

    @Test(arguments: [CommunityOutcome.faulted(reason: "soap:Receiver"), .malformed(reason: "not XML")])
    func faultedOrMalformedIsOneRegistryError(_ outcome: CommunityOutcome) throws {
        let result = Aggregator.errors(for: outcome, community: Self.community)
        let error = try #require(result.only)
        #expect(error.code == .registryError)
        #expect(error.location == Self.home)
        #expect(error.severity == .error)
        #expect(error.codeContext.contains("community-1"))
        switch outcome {
        case .faulted(let reason), .malformed(let reason): #expect(error.codeContext.contains(reason))
        default: Issue.record("unexpected outcome")
        }
    }

    static let error = RegistryError(.registryError, codeContext: "e")
    static let warning = RegistryError(.registryError, codeContext: "w", severity: .warning)

    @Test(arguments: [
        ([RegistryError](), 0, ResponseStatus.success),
        ([], 5, .success),
        ([warning], 0, .success),
        ([warning], 2, .success),
        ([error], 1, .partialSuccess),
        ([warning, error], 7, .partialSuccess),
        ([error], 0, .failure),
        ([error, warning], 0, .failure),
    ])
    func statusTable(_ errors: [RegistryError], _ resultCount: Int, _ expected: ResponseStatus) {
        #expect(Aggregator.status(errors: errors, resultCount: resultCount) == expected)
    }
}
