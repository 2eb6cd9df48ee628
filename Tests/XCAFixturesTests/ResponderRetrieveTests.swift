import Testing
import XCAFixtures
import XCAModel
import XCASOAP

/// ITI-39 Cross Gateway Retrieve against the hand-built community (ITI TF-2 3.39.4.2).
@Suite("Responder: ITI-39 retrieve")
struct ResponderRetrieveTests {
    typealias C = TestCommunity
    let responder = FixtureResponder(community: TestCommunity.community)

    static func request(
        _ document: DocumentUniqueID,
        repository: RepositoryUniqueID = C.repository,
        home: HomeCommunityID? = C.home
    ) -> DocumentRequest {
        DocumentRequest(homeCommunityID: home, repositoryUniqueID: repository, documentUniqueID: document)
    }

    @Test func foundDocumentsAreAttachments() async throws {
        let retrieval = responder.retrieve(
            RetrieveDocumentSetRequest(documents: [Self.request(C.uniqueID(2)), Self.request(C.uniqueID(1))])
        )
        #expect(retrieval.response.status == .success)
        #expect(retrieval.response.errors.isEmpty)
        #expect(retrieval.response.documents.map(\.documentUniqueID) == [C.uniqueID(2), C.uniqueID(1)])
        #expect(retrieval.response.documents.map(\.mimeType) == ["application/dicom", "text/plain"])
        #expect(
            retrieval.response.documents.allSatisfy {
                $0.homeCommunityID == C.home && $0.repositoryUniqueID == C.repository
            }
        )
        #expect(retrieval.attachments.count == 2)
        for (document, attachment) in zip(retrieval.response.documents, retrieval.attachments) {
            #expect(document.content == .attachment(contentID: attachment.contentID.value))
            #expect(attachment.contentType.mediaType == document.mimeType)
        }
        #expect(try await retrieval.attachments[0].content.collect() == C.manifestBytes)
        #expect(try await retrieval.attachments[1].content.collect() == C.reportText)
        #expect(Set(retrieval.attachments.map(\.contentID)).count == 2)
    }

    @Test(arguments: [
        (request(C.uniqueID(3)), RegistryError.Code.documentUniqueIDError),  // a DocumentEntry without a document
        (request(DocumentUniqueID(rawValue: "1.2.3.4")), .documentUniqueIDError),
        (request(C.uniqueID(1), repository: C.unknownRepository), .unknownRepositoryID),
        // An Imaging Document Source is not an ITI-39 repository.
        (request(C.uniqueID(1), repository: C.ids1), .unknownRepositoryID),
        (request(C.uniqueID(1), home: C.otherHome), .unknownCommunity),
        (request(C.uniqueID(1), home: nil), .missingHomeCommunityID),
    ])
    func unknownDocumentsAreErrorsLocatedAtTheCommunity(_ document: DocumentRequest, _ code: RegistryError.Code) {
        let retrieval = responder.retrieve(RetrieveDocumentSetRequest(documents: [document]))
        #expect(retrieval.response.status == .failure)
        #expect(retrieval.response.documents.isEmpty)
        #expect(retrieval.attachments.isEmpty)
        #expect(retrieval.response.errors.map(\.code) == [code])
        #expect(retrieval.response.errors.first?.location == C.home.rawValue)
        #expect(retrieval.response.errors.first?.codeContext.contains("DocumentRequest 1") == true)
    }

    @Test func aMixIsAPartialSuccess() {
        let retrieval = responder.retrieve(
            RetrieveDocumentSetRequest(documents: [
                Self.request(C.uniqueID(1)),
                Self.request(C.uniqueID(9)),
                Self.request(C.uniqueID(2), home: C.otherHome),
            ])
        )
        #expect(retrieval.response.status == .partialSuccess)
        #expect(retrieval.response.documents.map(\.documentUniqueID) == [C.uniqueID(1)])
        #expect(retrieval.response.errors.map(\.code) == [.documentUniqueIDError, .unknownCommunity])
        #expect(retrieval.response.errors.map(\.codeContext).map { $0.contains("DocumentRequest 2") } == [true, false])
        #expect(retrieval.attachments.count == 1)
    }

    @Test func anEmptyRequestIsARegistryError() {
        let retrieval = responder.retrieve(RetrieveDocumentSetRequest(documents: []))
        #expect(retrieval.response.status == .failure)
        #expect(retrieval.response.errors.map(\.code) == [.registryError])
    }
}

/// RAD-69 / RAD-75 against the hand-built community's Imaging Document Sources (RAD TF-3 4.69.4.2, 4.75.4.2).
@Suite("Responder: RAD-69/RAD-75 retrieve")
struct ResponderImagingRetrieveTests {
    typealias C = TestCommunity
    let responder = FixtureResponder(community: TestCommunity.community)

    static func request(
        _ instances: [SOPInstanceUID],
        series: SeriesInstanceUID = C.series1,
        repository: RepositoryUniqueID = C.ids1,
        home: HomeCommunityID? = C.home,
        syntaxes: [TransferSyntaxUID]
    ) -> RetrieveImagingDocumentSetRequest {
        let documents = instances.map {
            DocumentRequest(
                homeCommunityID: home,
                repositoryUniqueID: repository,
                documentUniqueID: DocumentUniqueID(rawValue: $0.rawValue)
            )
        }
        return RetrieveImagingDocumentSetRequest(
            studies: [
                StudyRequest(
                    studyInstanceUID: C.study,
                    series: [SeriesRequest(seriesInstanceUID: series, documents: documents)]
                )
            ],
            transferSyntaxUIDs: syntaxes
        )
    }

    @Test func theFirstOfferedSyntaxInTheRequestersOrderIsReturned() async throws {
        let request = Self.request([C.i1, C.i2], syntaxes: [C.jpeg2000, C.jpegBaseline, .explicitVRLittleEndian])
        let retrieval = responder.retrieveImaging(request)
        #expect(retrieval.response.status == .success)
        #expect(retrieval.response.documents.map(\.documentUniqueID.rawValue) == [C.i1.rawValue, C.i2.rawValue])
        #expect(
            retrieval.response.documents.allSatisfy {
                $0.mimeType == "application/dicom" && $0.homeCommunityID == C.home
            }
        )
        #expect(retrieval.response.documents.allSatisfy { $0.repositoryUniqueID == C.ids1 })
        // I1 offers Explicit VR LE and JPEG Baseline: JPEG Baseline comes first in the list. I2 offers JPEG 2000 only.
        #expect(try await retrieval.attachments[0].content.collect() == C.rendition(1, C.jpegBaseline))
        #expect(try await retrieval.attachments[1].content.collect() == C.rendition(2, C.jpeg2000))
        #expect(retrieval.attachments.allSatisfy { $0.contentType.mediaType == "application/dicom" })

        let explicitFirst = responder.retrieveImaging(
            Self.request([C.i1], syntaxes: [.explicitVRLittleEndian, C.jpegBaseline])
        )
        #expect(try await explicitFirst.attachments[0].content.collect() == C.rendition(1, .explicitVRLittleEndian))
    }

    @Test func noOfferedSyntaxIsARepositoryErrorLocatedAtTheInstance() {
        let request = Self.request([C.i1, C.i2], syntaxes: [C.jpegBaseline, .implicitVRLittleEndian])
        let retrieval = responder.retrieveImaging(request)
        #expect(retrieval.response.status == .partialSuccess)
        #expect(retrieval.response.documents.map(\.documentUniqueID.rawValue) == [C.i1.rawValue])
        #expect(retrieval.response.errors.map(\.code) == [.repositoryError])
        #expect(retrieval.response.errors.first?.location == C.i2.rawValue)
    }

    @Test(arguments: [
        (
            request([SOPInstanceUID(rawValue: "1.2.3.4")], syntaxes: [C.jpeg2000]),
            RegistryError.Code.documentUniqueIDError
        ),
        (request([C.i3], syntaxes: [.explicitVRLittleEndian]), .documentUniqueIDError),  // at IDS2, in series 2
        // Right study and series, asked of IDS1.
        (request([C.i3], series: C.series2, syntaxes: [.explicitVRLittleEndian]), .documentUniqueIDError),
        (request([C.i1], series: C.series2, repository: C.ids2, syntaxes: [C.jpegBaseline]), .documentUniqueIDError),
        (request([C.i1], repository: C.repository, syntaxes: [C.jpegBaseline]), .unknownRepositoryID),
        (request([C.i1], repository: C.unknownRepository, syntaxes: [C.jpegBaseline]), .unknownRepositoryID),
        (request([C.i1], home: C.otherHome, syntaxes: [C.jpegBaseline]), .unknownCommunity),
        (request([C.i1], home: nil, syntaxes: [C.jpegBaseline]), .missingHomeCommunityID),
    ])
    func unknownInstancesAreErrorsLocatedAtTheCommunity(
        _ request: RetrieveImagingDocumentSetRequest,
        _ code: RegistryError.Code
    ) {
        let retrieval = responder.retrieveImaging(request)
        #expect(retrieval.response.status == .failure)
        #expect(retrieval.response.errors.map(\.code) == [code])
        #expect(retrieval.response.errors.first?.location == C.home.rawValue)
        #expect(retrieval.attachments.isEmpty)
    }

    @Test func theInstanceOfTheSecondSourceIsFoundThere() async throws {
        let retrieval = responder.retrieveImaging(
            Self.request([C.i3], series: C.series2, repository: C.ids2, syntaxes: [.explicitVRLittleEndian])
        )
        #expect(retrieval.response.status == .success)
        #expect(retrieval.response.documents.first?.repositoryUniqueID == C.ids2)
        #expect(try await retrieval.attachments[0].content.collect() == C.rendition(3, .explicitVRLittleEndian))
    }

    @Test func rad69DoesNotRequireHomeCommunityId() {
        let request = Self.request([C.i1], home: nil, syntaxes: [C.jpegBaseline])
        let retrieval = responder.retrieveImaging(request, requiringHomeCommunityID: false)
        #expect(retrieval.response.status == .success)
        #expect(retrieval.response.documents.count == 1)
    }
}
