import Testing
import XCAModel

@Suite("ITI-39 and RAD-69/75 request validation")
struct RetrieveValidationTests {
    static let location = "urn:oid:1.2.826.0.1.3680043.9.7133"
    static let home = HomeCommunityID("urn:oid:1.3.6.1.4.1.21367.13.70.101")
    static let repository = RepositoryUniqueID("1.3.6.1.4.1.21367.13.40.216")

    static func document(
        home: HomeCommunityID? = home,
        repository: RepositoryUniqueID = repository,
        uniqueID: String = "1.42.20100312104638.15"
    ) -> DocumentRequest {
        DocumentRequest(homeCommunityID: home, repositoryUniqueID: repository, documentUniqueID: DocumentUniqueID(uniqueID))
    }

    struct RetrieveCase: Sendable, CustomTestStringConvertible {
        let label: String
        let documents: [DocumentRequest]
        let codes: [RegistryError.Code]
        var context: String? = nil
        var testDescription: String { label }
    }

    static let retrieveCases: [RetrieveCase] = [
        RetrieveCase(label: "valid", documents: [document(), document(uniqueID: "1.2.3^ext")], codes: []),
        RetrieveCase(label: "empty", documents: [], codes: [.registryError], context: "no DocumentRequest"),
        RetrieveCase(label: "missing HomeCommunityId", documents: [document(), document(home: nil)],
                     codes: [.missingHomeCommunityID], context: "DocumentRequest 2"),
        RetrieveCase(label: "malformed HomeCommunityId", documents: [document(home: HomeCommunityID("1.3.6.1"))],
                     codes: [.unknownCommunity], context: "urn:oid"),
        RetrieveCase(label: "malformed RepositoryUniqueId", documents: [document(repository: RepositoryUniqueID("repo-1"))],
                     codes: [.unknownRepositoryID], context: "RepositoryUniqueId of DocumentRequest 1"),
        RetrieveCase(label: "malformed DocumentUniqueId", documents: [document(uniqueID: "1.2.3^")],
                     codes: [.documentUniqueIDError], context: "DocumentUniqueId of DocumentRequest 1"),
        RetrieveCase(label: "every problem", documents: [
            document(home: nil, repository: RepositoryUniqueID(""), uniqueID: "x"),
            document(home: HomeCommunityID("urn:oid:"), uniqueID: "1.2.3"),
        ], codes: [.missingHomeCommunityID, .unknownRepositoryID, .documentUniqueIDError, .unknownCommunity]),
    ]

    @Test(arguments: retrieveCases)
    func retrieve(_ testCase: RetrieveCase) throws {
        let errors = RetrieveDocumentSetRequest(documents: testCase.documents).validate(location: Self.location)
        #expect(errors.map(\.code) == testCase.codes)
        #expect(errors.allSatisfy { $0.location == Self.location })
        if let context = testCase.context {
            let first = try #require(errors.first)
            #expect(first.codeContext.contains(context), "\(first.codeContext)")
        }
    }

    @Test func retrieveWithoutHomeForITI43() {
        let request = RetrieveDocumentSetRequest(documents: [Self.document(home: nil)])
        #expect(request.validate(location: Self.location, requiringHomeCommunityID: false).isEmpty)
        #expect(request.validate(location: Self.location).map(\.code) == [.missingHomeCommunityID])
    }

    static let study = "1.3.6.1.4.1.14519.5.2.1.6279.6001.298806137288633453246975630178"
    static let series = "1.3.6.1.4.1.14519.5.2.1.6279.6001.179049373636438705059720603192"
    static let sop = "1.3.6.1.4.1.14519.5.2.1.6279.6001.1"

    static func imaging(
        study: String = study,
        series: String = series,
        documents: [DocumentRequest] = [document(uniqueID: sop)],
        transferSyntaxes: [TransferSyntaxUID] = [.explicitVRLittleEndian, .implicitVRLittleEndian]
    ) -> RetrieveImagingDocumentSetRequest {
        RetrieveImagingDocumentSetRequest(
            studies: [StudyRequest(studyInstanceUID: StudyInstanceUID(study), series: [
                SeriesRequest(seriesInstanceUID: SeriesInstanceUID(series), documents: documents),
            ])],
            transferSyntaxUIDs: transferSyntaxes
        )
    }

    struct ImagingCase: Sendable, CustomTestStringConvertible {
        let label: String
        let request: RetrieveImagingDocumentSetRequest
        let codes: [RegistryError.Code]
        var context: String? = nil
        var testDescription: String { label }
    }

    static let imagingCases: [ImagingCase] = [
        ImagingCase(label: "valid", request: imaging(), codes: []),
        ImagingCase(label: "no study", request: RetrieveImagingDocumentSetRequest(studies: [], transferSyntaxUIDs: [.explicitVRLittleEndian]),
                    codes: [.registryError], context: "no StudyRequest"),
        ImagingCase(label: "study without series", request: RetrieveImagingDocumentSetRequest(
            studies: [StudyRequest(studyInstanceUID: StudyInstanceUID(study), series: [])], transferSyntaxUIDs: [.explicitVRLittleEndian]),
                    codes: [.registryError], context: "StudyRequest 1 has no SeriesRequest"),
        ImagingCase(label: "series without documents", request: imaging(documents: []), codes: [.registryError],
                    context: "SeriesRequest 1 of StudyRequest 1 has no DocumentRequest"),
        ImagingCase(label: "malformed study UID", request: imaging(study: "1.2.03"), codes: [.documentUniqueIDError],
                    context: "studyInstanceUID"),
        ImagingCase(label: "malformed series UID", request: imaging(series: "1.2.3."), codes: [.documentUniqueIDError],
                    context: "seriesInstanceUID"),
        ImagingCase(label: "SOP Instance UID with an XDS extension", request: imaging(documents: [document(uniqueID: "1.2.3^x")]),
                    codes: [.documentUniqueIDError], context: "SOP Instance UID"),
        ImagingCase(label: "over-long SOP Instance UID", request: imaging(documents: [document(uniqueID: String(repeating: "1.", count: 32) + "1")]),
                    codes: [.documentUniqueIDError], context: "DocumentRequest 1 of SeriesRequest 1 of StudyRequest 1"),
        ImagingCase(label: "missing HomeCommunityId", request: imaging(documents: [document(home: nil, uniqueID: sop)]),
                    codes: [.missingHomeCommunityID]),
        ImagingCase(label: "malformed HomeCommunityId", request: imaging(documents: [document(home: HomeCommunityID("urn:oid:1.2.x"), uniqueID: sop)]),
                    codes: [.unknownCommunity]),
        ImagingCase(label: "malformed RepositoryUniqueId", request: imaging(documents: [document(repository: RepositoryUniqueID("AE_TITLE"), uniqueID: sop)]),
                    codes: [.unknownRepositoryID]),
        ImagingCase(label: "empty TransferSyntaxUIDList", request: imaging(transferSyntaxes: []), codes: [.registryError],
                    context: "TransferSyntaxUIDList"),
        ImagingCase(label: "malformed TransferSyntaxUID", request: imaging(transferSyntaxes: [.explicitVRLittleEndian, TransferSyntaxUID("1.2.840.10008.1.2.4.")]),
                    codes: [.registryError], context: "TransferSyntaxUID 2"),
    ]

    @Test(arguments: imagingCases)
    func imaging(_ testCase: ImagingCase) throws {
        let errors = testCase.request.validate(location: Self.location)
        #expect(errors.map(\.code) == testCase.codes)
        #expect(errors.allSatisfy { $0.location == Self.location })
        if let context = testCase.context {
            let first = try #require(errors.first)
            #expect(first.codeContext.contains(context), "\(first.codeContext)")
        }
    }

    @Test func rad69DoesNotRequireHomeCommunityID() {
        let request = Self.imaging(documents: [Self.document(home: nil, uniqueID: Self.sop)])
        #expect(request.validate(location: Self.location, requiringHomeCommunityID: false).isEmpty)
    }

    @Test func allDocumentRequestsInOrder() {
        let a = Self.document(uniqueID: "1.2.1")
        let b = Self.document(uniqueID: "1.2.2")
        let c = Self.document(uniqueID: "1.2.3")
        let request = RetrieveImagingDocumentSetRequest(
            studies: [
                StudyRequest(studyInstanceUID: StudyInstanceUID("1.1"), series: [
                    SeriesRequest(seriesInstanceUID: SeriesInstanceUID("1.1.1"), documents: [a, b]),
                ]),
                StudyRequest(studyInstanceUID: StudyInstanceUID("1.2"), series: [
                    SeriesRequest(seriesInstanceUID: SeriesInstanceUID("1.2.1"), documents: [c]),
                ]),
            ],
            transferSyntaxUIDs: [.explicitVRLittleEndian]
        )
        #expect(request.allDocumentRequests == [a, b, c])
        #expect(SOPInstanceUID(c.documentUniqueID).rawValue == "1.2.3")
    }

    @Test func retrieveResponseStatus() {
        let document = DocumentResponse(
            homeCommunityID: Self.home, repositoryUniqueID: Self.repository, documentUniqueID: DocumentUniqueID(Self.sop),
            mimeType: "application/dicom", content: .attachment(contentID: "1.urn:uuid:abc@apache.org")
        )
        let error = RegistryError(.unavailableCommunity, codeContext: "timed out", location: "urn:oid:1.2.3")
        #expect(RetrieveDocumentSetResponse(documents: [document], errors: [error]).status == .partialSuccess)
        #expect(RetrieveDocumentSetResponse(documents: [], errors: [error]).status == .failure)
        #expect(RetrieveDocumentSetResponse(documents: [document], errors: []).status == .success)
        #expect(DocumentContent.inline([1, 2]) != .inline([1, 3]))
    }
}
