import NIOCore
import XCABinding
import XCAModel
import XCASOAP
import XCATransport
import XCAXML

/// Reads one retrieve answer — `xdsb:RetrieveDocumentSetResponse` of ITI-39 (ITI TF-2 3.39.4.2), RAD-69 or RAD-75
/// (RAD TF-3 4.69.4.2, 4.75.4.2), plain SOAP or MTOM — and streams each document it carries into the output that
/// `open` gives for it, chunk by chunk as the attachments arrive (bounded memory: a study can be gigabytes).
/// Inline base64 documents (which partners also send) are written the same way.
enum RetrieveAnswerReader {
    /// What one answer delivered.
    struct Result: Sendable {
        /// The root part: status, RegistryErrors, DocumentResponses.
        var response: RetrieveDocumentSetResponse
        /// The documents written completely, in arrival order.
        var delivered: [DeliveredDocument]
        /// Documents the root announced whose attachment never came (or that broke off).
        var missing: [DocumentResponse]
        /// Why reading stopped before the end of the answer, if it did (the delivered documents are complete).
        var interruption: XCAClientError?
    }

    /// Progress as the answer streams.
    enum Event {
        case bytes(Int)
        case delivered(DeliveredDocument)
    }

    static let limits = MultipartLimits(maxRootPartSize: 64 << 20)

    /// - Parameters:
    ///   - wants: whether a document of the root is to be written (one the caller asked for); others are skipped.
    ///   - open: the output for a wanted document, called when its bytes begin.
    ///   - rootArrived: called once the root part has been read and decoded.
    /// - Throws: before the root has been read, everything (the gateway's SOAP Fault, an HTTP status, a malformed
    ///   answer, a broken connection); after it, only a failure to write an output
    ///   (``XCAClientError/Code/output``). Other failures after the root end the reading and are reported as
    ///   ``Result/interruption``.
    static func read(
        _ answer: CommunityHTTPResponse,
        host: String,
        rootArrived: () -> Void,
        wants: (DocumentResponse) -> Bool,
        open: (DocumentResponse) throws(XCAClientError) -> any DocumentOutput,
        events: (Event) -> Void
    ) async throws -> Result {
        let contentType = try XCAClient.soapContentType(of: answer, host: host)
        let body = MTOMBodyStream(answer.body)
        var reader = try MTOMReader(contentType: contentType, body: body, limits: limits)
        let root = try await reader.readRootPart()
        let response = try decodeRoot(root.body)
        rootArrived()

        var result = Result(response: response, delivered: [], missing: [])
        // The wanted documents whose attachment is still to come, by Content-ID, in the root's order.
        var pending: [ContentID: DocumentResponse] = [:]
        var order: [ContentID] = []
        var named: Set<ContentID> = []
        // A document announced twice is written once.
        var taken: Set<DocumentUniqueID> = []
        func take(_ document: DocumentResponse) -> Bool {
            wants(document) && taken.insert(document.documentUniqueID).inserted
        }
        for document in response.documents {
            switch document.content {
            case .inline(let bytes):
                guard take(document) else { continue }
                let output = try open(document)
                try output.write(ByteBuffer(bytes: bytes))
                events(.bytes(bytes.count))
                let delivered = try output.finish(document)
                result.delivered.append(delivered)
                events(.delivered(delivered))
            case .attachment(let value):
                guard let contentID = try? ContentID(value), named.insert(contentID).inserted else {
                    throw XCAClientError(
                        .malformedAnswer,
                        "the answer from \(host) names an invalid or repeated attachment"
                    )
                }
                if take(document) {
                    pending[contentID] = document
                    order.append(contentID)
                }
            }
        }
        if contentType.type == "multipart" {
            var current: (any DocumentOutput)?
            do {
                while let header = try await reader.nextAttachment() {
                    guard let document = pending[header.contentID] else {
                        continue  // not referenced, or not wanted: nextAttachment() skips its body
                    }
                    let output = try open(document)
                    current = output
                    while let chunk = try await reader.nextAttachmentChunk() {
                        try output.write(chunk)
                        events(.bytes(chunk.readableBytes))
                    }
                    current = nil
                    let delivered = try output.finish(document)
                    pending[header.contentID] = nil
                    result.delivered.append(delivered)
                    events(.delivered(delivered))
                }
                try await body.drain()
            } catch let error as XCAClientError where error.code == .output {
                current?.abandon()
                throw error
            } catch {
                current?.abandon()
                result.interruption = XCAClientError.translating(error, host: host)
            }
        }
        result.missing = order.compactMap { pending[$0] }
        return result
    }

    /// A community's SOAP Fault, carried out of the envelope reader so that it is not mistaken for one the reader
    /// raises about the envelope itself.
    private struct GatewayFault: Error {
        let fault: SOAPFault
    }

    /// Decodes the root part: a SOAP 1.2 envelope (or, leniently, the bare body element) holding
    /// `xdsb:RetrieveDocumentSetResponse` or `env:Fault` (thrown as the ``SOAPFault`` it is).
    static func decodeRoot(_ root: ByteBuffer) throws -> RetrieveDocumentSetResponse {
        do {
            return try root.withUnsafeReadableBytes { raw in
                try XMLStreamReader.withReader(over: raw, limits: .retrieveResponse) { reader in
                    guard try reader.nextStartElement() else {
                        throw BindingError(.missing, "the answer's SOAP part is empty")
                    }
                    if reader.localName == "Envelope" {
                        let envelope = SOAPEnvelopeReader(limits: .retrieveResponse, requiresAction: false)
                        return try envelope.read(from: reader) { _, body in try readBody(body) }.body
                    }
                    let response = try readBody(reader)
                    while try reader.next() != nil {}
                    return response
                }
            }
        } catch let error as GatewayFault {
            throw error.fault
        } catch let refused as SOAPFault {
            throw BindingError(.unsupportedMessage, "the answer's envelope cannot be read: \(refused.reason)")
        }
    }

    private static func readBody(_ reader: XMLStreamReader) throws -> RetrieveDocumentSetResponse {
        if reader.isStartElement("Fault", namespace: "http://www.w3.org/2003/05/soap-envelope") {
            throw GatewayFault(fault: try SOAPFault.read(from: reader))
        }
        return try RetrieveDocumentSetResponse.read(from: reader)
    }
}
