import Foundation
import Testing
import XCAModel
import XCASOAP
import XCAXML

@testable import XCABinding

@Suite("RAD-69 / RAD-75 RetrieveImagingDocumentSetRequest")
struct RADRequestTests {
    static let study = "1.3.6.1.4.1.21367.201599.1."
    static let series = "1.3.6.1.4.1.21367.201599.2."
    static let instance = "1.3.6.1.4.1.21367.201599.3."

    /// Two studies, each with two series of two instances, from two communities.
    static let twoByTwo = RetrieveImagingDocumentSetRequest(
        studies: (1...2).map { studyIndex in
            StudyRequest(
                studyInstanceUID: StudyInstanceUID(study + "\(studyIndex)"),
                series: (1...2).map { seriesIndex in
                    SeriesRequest(
                        seriesInstanceUID: SeriesInstanceUID(series + "\(studyIndex).\(seriesIndex)"),
                        documents: (1...2).map { instanceIndex in
                            DocumentRequest(
                                homeCommunityID: HomeCommunityID("urn:oid:1.3.6.1.4.1.21367.13.70.10\(studyIndex)"),
                                repositoryUniqueID: RepositoryUniqueID("1.3.6.1.4.1.21367.13.71.10\(studyIndex)"),
                                documentUniqueID: DocumentUniqueID(
                                    instance + "\(studyIndex).\(seriesIndex).\(instanceIndex)"
                                )
                            )
                        }
                    )
                }
            )
        },
        transferSyntaxUIDs: [
            TransferSyntaxUID("1.2.840.10008.1.2.4.90"), .explicitVRLittleEndian, .implicitVRLittleEndian,
        ]
    )

    @Test func twoStudiesByTwoSeriesKeepTheirStructure() throws {
        let addressing = AddressingHeaders.request(
            action: Transaction.rad75.requestAction,
            to: "https://rig.example.org/xca-i"
        )
        let encoded = try Self.twoByTwo.encode(addressing: addressing)
        let (header, decoded) = try RetrieveImagingDocumentSetRequest.decode(encoded)
        #expect(decoded == Self.twoByTwo)
        #expect(header?.addressing.action == "urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSet")

        // The nesting as written, read back with the plain reader: study → series → documents, in order.
        let reader = try XMLStreamReader(encoded)
        var outline: [String] = []
        while try reader.nextStartElement() {
            switch reader.localName {
            case "StudyRequest": outline.append("S " + (reader.attribute("studyInstanceUID") ?? "?"))
            case "SeriesRequest": outline.append(" R " + (reader.attribute("seriesInstanceUID") ?? "?"))
            case "DocumentUniqueId": outline.append("  D " + (try reader.readText()))
            case "TransferSyntaxUID": outline.append("T " + (try reader.readText()))
            default: continue
            }
        }
        var expected: [String] = []
        for s in 1...2 {
            expected.append("S \(Self.study)\(s)")
            for r in 1...2 {
                expected.append(" R \(Self.series)\(s).\(r)")
                for d in 1...2 { expected.append("  D \(Self.instance)\(s).\(r).\(d)") }
            }
        }
        expected += ["T 1.2.840.10008.1.2.4.90", "T 1.2.840.10008.1.2.1", "T 1.2.840.10008.1.2"]
        #expect(outline == expected)
        #expect(decoded.allDocumentRequests.count == 8)
        try ConformanceOutput.write(name: "rad75-request-two-studies-two-series.xml", bytes: encoded)

        let rad69 = try Self.twoByTwo.encode(addressing: .request(action: Transaction.rad69.requestAction))
        #expect(try RetrieveImagingDocumentSetRequest.decode(rad69).request == Self.twoByTwo)
        try ConformanceOutput.write(name: "rad69-request-two-studies-two-series.xml", bytes: rad69)
    }

    @Test func readsAnEnvelopeWithDefaultNamespacesAndWithoutHomeCommunityId() throws {
        // RAD-69 may leave HomeCommunityId out (RAD TF-3 4.69.4.1.2); the prefixes are the sender's business.
        let xml = """
            <Envelope xmlns="http://www.w3.org/2003/05/soap-envelope">
              <Header><Action xmlns="http://www.w3.org/2005/08/addressing">urn:ihe:rad:2009:RetrieveImagingDocumentSet</Action></Header>
              <Body>
                <RetrieveImagingDocumentSetRequest xmlns="urn:ihe:rad:xdsi-b:2009">
                  <StudyRequest studyInstanceUID=" 1.2.3 ">
                    <SeriesRequest seriesInstanceUID="1.2.3.4">
                      <DocumentRequest xmlns="urn:ihe:iti:xds-b:2007">
                        <RepositoryUniqueId>1.2.3.9</RepositoryUniqueId>
                        <DocumentUniqueId>1.2.3.4.5</DocumentUniqueId>
                      </DocumentRequest>
                    </SeriesRequest>
                  </StudyRequest>
                  <TransferSyntaxUIDList><TransferSyntaxUID>1.2.840.10008.1.2.1</TransferSyntaxUID></TransferSyntaxUIDList>
                </RetrieveImagingDocumentSetRequest>
              </Body>
            </Envelope>
            """
        let (header, request) = try RetrieveImagingDocumentSetRequest.decode(Array(xml.utf8))
        #expect(header?.addressing.action == Transaction.rad69.requestAction)
        #expect(request.studies.map(\.studyInstanceUID) == [StudyInstanceUID("1.2.3")])
        #expect(request.allDocumentRequests.map(\.homeCommunityID) == [nil])
        #expect(request.allDocumentRequests.map(\.documentUniqueID) == [DocumentUniqueID("1.2.3.4.5")])
        #expect(request.transferSyntaxUIDs == [.explicitVRLittleEndian])
    }

    static func request(
        studies: String,
        transferSyntaxes: String? = "<xdsi:TransferSyntaxUID>1.2.840.10008.1.2.1</xdsi:TransferSyntaxUID>"
    )
        -> String
    {
        let list = transferSyntaxes.map { "<xdsi:TransferSyntaxUIDList>\($0)</xdsi:TransferSyntaxUIDList>" } ?? ""
        return """
            <xdsi:RetrieveImagingDocumentSetRequest xmlns:xdsi="urn:ihe:rad:xdsi-b:2009" xmlns:xdsb="urn:ihe:iti:xds-b:2007">\
            \(studies)\(list)</xdsi:RetrieveImagingDocumentSetRequest>
            """
    }

    static let document =
        "<xdsb:DocumentRequest><xdsb:RepositoryUniqueId>1.2</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>1.2.3</xdsb:DocumentUniqueId></xdsb:DocumentRequest>"

    static let refusals: [(label: String, body: String, code: BindingError.Code)] = [
        ("no StudyRequest", request(studies: ""), .missing),
        (
            "StudyRequest without UID",
            request(
                studies:
                    #"<xdsi:StudyRequest><xdsi:SeriesRequest seriesInstanceUID="1.2">\#(document)</xdsi:SeriesRequest></xdsi:StudyRequest>"#
            ), .missing
        ),
        (
            "StudyRequest with an empty UID",
            request(
                studies:
                    #"<xdsi:StudyRequest studyInstanceUID=" "><xdsi:SeriesRequest seriesInstanceUID="1.2">\#(document)</xdsi:SeriesRequest></xdsi:StudyRequest>"#
            ), .missing
        ),
        (
            "StudyRequest without SeriesRequest", request(studies: #"<xdsi:StudyRequest studyInstanceUID="1.1"/>"#),
            .missing
        ),
        (
            "SeriesRequest without UID",
            request(
                studies:
                    #"<xdsi:StudyRequest studyInstanceUID="1.1"><xdsi:SeriesRequest>\#(document)</xdsi:SeriesRequest></xdsi:StudyRequest>"#
            ), .missing
        ),
        (
            "SeriesRequest without DocumentRequest",
            request(
                studies:
                    #"<xdsi:StudyRequest studyInstanceUID="1.1"><xdsi:SeriesRequest seriesInstanceUID="1.2"/></xdsi:StudyRequest>"#
            ), .missing
        ),
        (
            "no TransferSyntaxUIDList",
            request(
                studies:
                    #"<xdsi:StudyRequest studyInstanceUID="1.1"><xdsi:SeriesRequest seriesInstanceUID="1.2">\#(document)</xdsi:SeriesRequest></xdsi:StudyRequest>"#,
                transferSyntaxes: nil
            ), .missing
        ),
        (
            "empty TransferSyntaxUIDList",
            request(
                studies:
                    #"<xdsi:StudyRequest studyInstanceUID="1.1"><xdsi:SeriesRequest seriesInstanceUID="1.2">\#(document)</xdsi:SeriesRequest></xdsi:StudyRequest>"#,
                transferSyntaxes: ""
            ), .missing
        ),
        (
            "empty TransferSyntaxUID",
            request(
                studies:
                    #"<xdsi:StudyRequest studyInstanceUID="1.1"><xdsi:SeriesRequest seriesInstanceUID="1.2">\#(document)</xdsi:SeriesRequest></xdsi:StudyRequest>"#,
                transferSyntaxes: "<xdsi:TransferSyntaxUID/>"
            ), .missing
        ),
        (
            "DocumentRequest directly in a StudyRequest",
            request(studies: #"<xdsi:StudyRequest studyInstanceUID="1.1">\#(document)</xdsi:StudyRequest>"#),
            .unexpected
        ),
        (
            "DocumentRequest in the XDS-I namespace",
            request(
                studies:
                    #"<xdsi:StudyRequest studyInstanceUID="1.1"><xdsi:SeriesRequest seriesInstanceUID="1.2"><xdsi:DocumentRequest/></xdsi:SeriesRequest></xdsi:StudyRequest>"#
            ), .unexpected
        ),
        (
            "two TransferSyntaxUIDLists",
            request(
                studies:
                    #"<xdsi:StudyRequest studyInstanceUID="1.1"><xdsi:SeriesRequest seriesInstanceUID="1.2">\#(document)</xdsi:SeriesRequest></xdsi:StudyRequest><xdsi:TransferSyntaxUIDList><xdsi:TransferSyntaxUID>1.2</xdsi:TransferSyntaxUID></xdsi:TransferSyntaxUIDList>"#
            ), .unexpected
        ),
        (
            "an ITI-39 body",
            #"<xdsb:RetrieveDocumentSetRequest xmlns:xdsb="urn:ihe:iti:xds-b:2007">\#(document)</xdsb:RetrieveDocumentSetRequest>"#,
            .unsupportedMessage
        ),
    ]

    @Test(arguments: refusals.indices)
    func refusedRequests(index: Int) {
        let (label, body, code) = Self.refusals[index]
        #expect(throws: BindingError(code, ""), "\(label)") {
            try RetrieveImagingDocumentSetRequest.decode(Array(body.utf8))
        }
    }

    @Test func theValidRequestOfTheRefusalTableIsAccepted() throws {
        // The refusals differ from this by one defect each.
        let valid = Self.request(
            studies:
                #"<xdsi:StudyRequest studyInstanceUID="1.1"><xdsi:SeriesRequest seriesInstanceUID="1.2">\#(Self.document)</xdsi:SeriesRequest></xdsi:StudyRequest>"#
        )
        let request = try RetrieveImagingDocumentSetRequest.decode(Array(valid.utf8)).request
        #expect(request.allDocumentRequests.count == 1)
    }

    @Test func writingAnIncompleteRequestIsRefused() {
        let documents = Self.twoByTwo.studies[0].series[0].documents
        let cases: [RetrieveImagingDocumentSetRequest] = [
            RetrieveImagingDocumentSetRequest(studies: [], transferSyntaxUIDs: [.explicitVRLittleEndian]),
            RetrieveImagingDocumentSetRequest(studies: Self.twoByTwo.studies, transferSyntaxUIDs: []),
            RetrieveImagingDocumentSetRequest(
                studies: [StudyRequest(studyInstanceUID: StudyInstanceUID("1.2"), series: [])],
                transferSyntaxUIDs: [.explicitVRLittleEndian]
            ),
            RetrieveImagingDocumentSetRequest(
                studies: [
                    StudyRequest(
                        studyInstanceUID: StudyInstanceUID("1.2"),
                        series: [
                            SeriesRequest(seriesInstanceUID: SeriesInstanceUID("1.2.3"), documents: documents),
                            SeriesRequest(seriesInstanceUID: SeriesInstanceUID("1.2.4"), documents: []),
                        ]
                    )
                ],
                transferSyntaxUIDs: [.explicitVRLittleEndian]
            ),
        ]
        for request in cases {
            var writer = XMLWriter()
            #expect(throws: BindingError(.missing, "")) { try request.write(into: &writer) }
        }
    }
}
