import NIOCore
import XCAModel
import XCASOAP
import XCAXML

/// The retrieve requests (ITI-39's RetrieveDocumentSetRequest, RAD-69/75's RetrieveImagingDocumentSetRequest):
/// each reads itself from a body element, and decodes the same way from an envelope or a bare body.
public protocol RetrieveRequestDecodable: Sendable {
    /// Reads the request from the reader positioned on its body element, leaving it on the element's end.
    static func read(from reader: XMLStreamReader) throws -> Self
}

extension RetrieveRequestDecodable {
    /// Decodes a request: a SOAP 1.2 envelope (its header returned) or the bare body document (header nil).
    ///
    /// - Parameter envelope: how the envelope is read (limits, understood headers, whether wsa:Action is required).
    /// - Throws: ``SOAPFault`` for XML that is malformed or over a limit and for envelope problems (the fault to
    ///   answer with); ``BindingError`` for a body without the required structure (answer with its `soapFault`).
    public static func decode(
        _ bytes: [UInt8],
        envelope: SOAPEnvelopeReader = SOAPEnvelopeReader()
    ) throws -> (header: SOAPEnvelopeHeader?, request: Self) {
        let decoded = try bytes.withUnsafeBytes { raw in
            try RetrieveCoding.decode(raw, envelope: envelope, body: read(from:))
        }
        return (decoded.header, decoded.body)
    }

    /// Decodes a request from the readable bytes of `buffer` (the root part of an MTOM message) without copying.
    public static func decode(
        _ buffer: ByteBuffer,
        envelope: SOAPEnvelopeReader = SOAPEnvelopeReader()
    ) throws -> (header: SOAPEnvelopeHeader?, request: Self) {
        let decoded = try buffer.withUnsafeReadableBytes { raw in
            try RetrieveCoding.decode(raw, envelope: envelope, body: read(from:))
        }
        return (decoded.header, decoded.body)
    }
}

extension RetrieveDocumentSetRequest: RetrieveRequestDecodable {}
extension RetrieveImagingDocumentSetRequest: RetrieveRequestDecodable {}
