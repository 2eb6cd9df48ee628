import NIOCore
import Testing
import XCABinding
import XCAModel
import XCASOAP

/// MTOM bodies as the gateway writes them — an ITI-39 and a RAD-75 response with DICOM attachments — written for
/// the conformance step (reconstituted per XOP 1.0, then validate-soap) and read back through the MTOM reader.
@Suite("Conformance: MTOM bodies")
struct ConformanceMTOMTests {
    static func instance(_ index: Int, size: Int) -> [UInt8] {
        // A DICOM Part-10 preamble and prefix, then bytes that include CR, LF and '-' (boundary look-alikes).
        var bytes = [UInt8](repeating: 0, count: 128) + Array("DICM".utf8)
        bytes.reserveCapacity(size)
        while bytes.count < size { bytes.append(UInt8(truncatingIfNeeded: bytes.count &* 31 &+ index)) }
        return bytes
    }

    static func response(documents: Int, home: String) -> RetrieveDocumentSetResponse {
        RetrieveDocumentSetResponse(
            status: .success,
            documents: (1...documents).map { index in
                DocumentResponse(
                    homeCommunityID: HomeCommunityID(rawValue: home),
                    repositoryUniqueID: RepositoryUniqueID(rawValue: "1.2.826.0.1.3680043.10.1001.1"),
                    documentUniqueID: DocumentUniqueID(rawValue: "1.2.826.0.1.3680043.10.1001.3.7.\(index)"),
                    mimeType: "application/dicom",
                    content: .attachment(contentID: "instance-\(index)@gateway.example.nhs.uk")
                )
            }
        )
    }

    @Test(arguments: [(Transaction.iti39, 2), (Transaction.rad75, 5)])
    func mtomResponseIsWrittenAndReadsBack(_ transaction: Transaction, _ documents: Int) async throws {
        let response = Self.response(documents: documents, home: "urn:oid:1.2.826.0.1.3680043.10.1001")
        let request = AddressingHeaders.request(action: transaction.requestAction)
        let root = try response.encode(addressing: request.response(action: transaction.responseAction))
        let writer = try MTOMWriter(action: transaction.responseAction)
        var attachments: [MTOMAttachment] = []
        for (index, document) in response.documents.enumerated() {
            guard case .attachment(let contentID) = document.content else { continue }
            attachments.append(
                try MTOMAttachment(
                    contentID: ContentID(contentID),
                    contentType: MIMEContentType(parsing: "application/dicom"),
                    body: ByteBuffer(bytes: Self.instance(index, size: 3_000 + 977 * index))
                )
            )
        }
        let message = writer.message(root: ByteBuffer(bytes: root), attachments: attachments)
        try ConformanceOutput.write(name: "\(transaction.rawValue.lowercased())-response-mtom.multipart", bytes: Array(buffer: message))

        let read = try await MTOMMessage.read(contentType: writer.contentType, body: message)
        let (_, decoded) = try RetrieveDocumentSetResponse.decode(read.root.body)
        #expect(decoded == response)
        #expect(read.attachments.count == documents)
        for (index, document) in decoded.documents.enumerated() {
            guard case .attachment(let contentID) = document.content else {
                Issue.record("document \(index) is not an attachment")
                continue
            }
            let part = try read.attachment(for: XOPInclude(contentID: ContentID(contentID)))
            #expect(Array(buffer: part.body) == Self.instance(index, size: 3_000 + 977 * index))
        }
    }
}
