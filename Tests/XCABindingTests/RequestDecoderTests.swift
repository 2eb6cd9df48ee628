import Testing
import XCABinding
import XCAModel
import XCASOAP

@Suite("Inbound request dispatch on wsa:Action")
struct RequestDecoderTests {
    static let query = CrossGatewayQueryRequest(
        .findDocuments,
        parameters: [
            QueryParameter(name: "$XDSDocumentEntryPatientId", values: ["'9434765919^^^&2.16.840.1.113883.2.1.4.1&ISO'"]),
            QueryParameter(name: "$XDSDocumentEntryStatus", values: ["('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"]),
        ]
    )
    static let retrieve = RetrieveDocumentSetRequest(documents: [
        DocumentRequest(
            homeCommunityID: HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.3680043.10.1001"),
            repositoryUniqueID: RepositoryUniqueID(rawValue: "1.2.826.0.1.3680043.10.1001.1"),
            documentUniqueID: DocumentUniqueID(rawValue: "1.2.826.0.1.3680043.10.1001.2.1")
        )
    ])
    static let imaging = RetrieveImagingDocumentSetRequest(
        studies: [
            StudyRequest(
                studyInstanceUID: StudyInstanceUID(rawValue: "1.2.826.0.1.3680043.10.1001.4.1"),
                series: [
                    SeriesRequest(
                        seriesInstanceUID: SeriesInstanceUID(rawValue: "1.2.826.0.1.3680043.10.1001.5.1"),
                        documents: [
                            DocumentRequest(
                                homeCommunityID: nil,
                                repositoryUniqueID: RepositoryUniqueID(rawValue: "1.2.826.0.1.3680043.10.1001.1"),
                                documentUniqueID: DocumentUniqueID(rawValue: "1.2.826.0.1.3680043.10.1001.6.1")
                            )
                        ]
                    )
                ]
            )
        ],
        transferSyntaxUIDs: [TransferSyntaxUID(rawValue: "1.2.840.10008.1.2.1")]
    )

    @Test func dispatchesEveryTransactionAtItsEndpoint() throws {
        let decoder = RequestDecoder()
        let iti38 = try decoder.decode(try Self.query.encode(addressing: .request(action: Transaction.iti38.requestAction)), at: .xca)
        #expect(iti38.transaction == .iti38)
        #expect(iti38.request == .crossGatewayQuery(Self.query))
        #expect(iti38.validationErrors(location: "urn:oid:2.999").isEmpty)

        let iti39 = try decoder.decode(try Self.retrieve.encode(addressing: .request(action: Transaction.iti39.requestAction)), at: .xca)
        #expect(iti39.transaction == .iti39)
        #expect(iti39.request == .crossGatewayRetrieve(Self.retrieve))

        let rad69 = try decoder.decode(try Self.imaging.encode(addressing: .request(action: Transaction.rad69.requestAction)), at: .xcai)
        #expect(rad69.transaction == .rad69)
        // RAD-69 routes on RepositoryUniqueId: no HomeCommunityId needed.
        #expect(rad69.validationErrors(location: "urn:oid:2.999").isEmpty)

        let rad75 = try decoder.decode(try Self.imaging.encode(addressing: .request(action: Transaction.rad75.requestAction)), at: .xcai)
        #expect(rad75.transaction == .rad75)
        // RAD-75 requires it (RAD TF-3 4.75).
        #expect(rad75.validationErrors(location: "urn:oid:2.999").map(\.code) == [.missingHomeCommunityID])
    }

    @Test func anActionTheEndpointDoesNotServeIsActionNotSupported() throws {
        let bytes = try Self.query.encode(addressing: .request(action: Transaction.iti38.requestAction))
        let fault = #expect(throws: SOAPFault.self) { _ = try RequestDecoder().decode(bytes, at: .xcai) }
        #expect(fault?.subcodes == [SOAPFault.actionNotSupportedSubcode])
        #expect(fault?.problemAction == Transaction.iti38.requestAction)

        let unknown = try Self.query.encode(addressing: .request(action: "urn:ihe:iti:2007:RegistryStoredQuery"))
        let other = #expect(throws: SOAPFault.self) { _ = try RequestDecoder().decode(unknown) }
        #expect(other?.subcodes == [SOAPFault.actionNotSupportedSubcode])
    }

    @Test func aBodyThatIsNotTheActionsMessageIsRefused() throws {
        let bytes = try Self.retrieve.encode(addressing: .request(action: Transaction.iti38.requestAction))
        let error = #expect(throws: BindingError.self) { _ = try RequestDecoder().decode(bytes, at: .xca) }
        #expect(error?.code == .unsupportedMessage)
        #expect(error?.soapFault.code == .sender)
    }
}
