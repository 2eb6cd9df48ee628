import NIOCore
import XCABinding
import XCAModel
import XCASOAP
import XCAXML

extension RetrieveLegReader {
    /// A community's SOAP Fault, carried out of the envelope reader so it is not mistaken for one the reader raises
    /// about the envelope itself.
    private struct CommunityFault: Error {
        let fault: SOAPFault
    }

    /// Decodes the root part: a SOAP 1.2 envelope (or, leniently, the bare body element) holding
    /// `xdsb:RetrieveDocumentSetResponse` (ITI TF-2 3.39.4.2; RAD TF-3 4.69.4.2, 4.75.4.2) or `env:Fault`. Partners'
    /// quirks are normalised as ``RetrieveDocumentSetResponse/read(from:)`` does; a DocumentResponse without
    /// HomeCommunityId gets `community`'s.
    ///
    /// - Throws: the community's ``SOAPFault``; ``RetrieveRelayError/Code/malformed`` for anything unreadable
    ///   (not XML, over the XML limits, not a SOAP 1.2 envelope, a header block it must understand, the wrong
    ///   body, a DocumentResponse without its required children).
    static func decodeRoot(_ root: ByteBuffer, community: HomeCommunityID) throws -> RetrieveDocumentSetResponse {
        var response: RetrieveDocumentSetResponse
        do {
            response = try root.withUnsafeReadableBytes { raw in
                try XMLStreamReader.withReader(over: raw, limits: .retrieveResponse) { reader in
                    guard try reader.nextStartElement() else {
                        throw RetrieveRelayError(.malformed, "the answer's root part is empty")
                    }
                    if reader.localName == "Envelope" {
                        let envelope = SOAPEnvelopeReader(limits: .retrieveResponse, requiresAction: false)
                        return try envelope.read(from: reader) { _, body in try readBody(body) }.body
                    }
                    let response = try readBody(reader)
                    while let node = try reader.next() {
                        guard node == .endElement else {
                            throw RetrieveRelayError(.malformed, "the answer's root part has content after its element")
                        }
                    }
                    return response
                }
            }
        } catch let error as CommunityFault {
            throw error.fault
        } catch let fault as SOAPFault {
            // Raised by the envelope reader about the envelope (VersionMismatch, MustUnderstand, malformed XML).
            throw RetrieveRelayError(.malformed, "the answer's root part: \(fault.reason)")
        } catch {
            throw RetrieveRelayError.translating(error)
        }
        for index in response.documents.indices where response.documents[index].homeCommunityID == nil {
            response.documents[index].homeCommunityID = community
        }
        return response
    }

    private static func readBody(_ reader: XMLStreamReader) throws -> RetrieveDocumentSetResponse {
        if reader.isStartElement("Fault", namespace: "http://www.w3.org/2003/05/soap-envelope") {
            throw CommunityFault(fault: try SOAPFault.read(from: reader))
        }
        return try RetrieveDocumentSetResponse.read(from: reader)
    }
}
