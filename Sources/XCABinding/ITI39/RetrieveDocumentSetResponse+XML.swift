import NIOCore
import XCAModel
import XCASOAP
import XCAXML

/// `xdsb:RetrieveDocumentSetResponse`: the response of ITI-39 Cross Gateway Retrieve (ITI TF-2 3.39.4.2), ITI-43,
/// RAD-69 (RAD TF-3 4.69.4.2) and RAD-75 (RAD TF-3 4.75.4.2); XDS.b_DocumentRepository.xsd
/// RetrieveDocumentSetResponseType:
///
/// ```
/// xdsb:RetrieveDocumentSetResponse
///   rs:RegistryResponse @status
///     rs:RegistryErrorList (0..1)
///   xdsb:DocumentResponse (0..n)
///     HomeCommunityId?, RepositoryUniqueId, DocumentUniqueId, NewRepositoryUniqueId?, NewDocumentUniqueId?,
///     mimeType, Document (xop:Include of an MTOM part, or inline base64)
/// ```
extension RetrieveDocumentSetResponse {
    /// Reads the response; the reader is on `xdsb:RetrieveDocumentSetResponse` and is left on its end.
    ///
    /// Partners' quirks are normalised (protocol facts §2.5): the status is read leniently and, when absent or
    /// unknown, derived from the errors and documents (`ResponseStatus.derive`); `rs:RegistryErrorList` is accepted
    /// in any namespace and also directly under the response; `rs:ResponseSlotList` (the Deferred Response option)
    /// is skipped.
    ///
    /// - Throws: ``BindingError`` `.unsupportedMessage` when the reader is on another element, `.missing` without
    ///   rs:RegistryResponse, and what a DocumentResponse throws; `XMLError` from the reader.
    public static func read(from reader: XMLStreamReader) throws -> RetrieveDocumentSetResponse {
        guard reader.isStartElement("RetrieveDocumentSetResponse", namespace: "urn:ihe:iti:xds-b:2007") else {
            throw RetrieveCoding.unsupported(reader, expected: "xdsb:RetrieveDocumentSetResponse")
        }
        var sawRegistryResponse = false
        var status: ResponseStatus?
        var errors: [RegistryError] = []
        var documents: [DocumentResponse] = []
        try RetrieveCoding.forEachChild(of: reader) {
            switch reader.localName {
            case "RegistryResponse":
                guard !sawRegistryResponse else {
                    throw reader.bindingError(.unexpected, "more than one RegistryResponse")
                }
                sawRegistryResponse = true
                status = RegistryResponseCoding.status(reader.attribute("status"))
                try RetrieveCoding.forEachChild(of: reader) {
                    switch reader.localName {
                    case "RegistryErrorList": errors += try RegistryResponseCoding.readErrors(from: reader)
                    case "ResponseSlotList": try reader.skipElement()
                    default: try RetrieveCoding.skipUnknown(reader, in: "RegistryResponse", own: ownNamespaces)
                    }
                }
            case "RegistryErrorList":
                errors += try RegistryResponseCoding.readErrors(from: reader)
            case "DocumentResponse" where RetrieveCoding.isIn("urn:ihe:iti:xds-b:2007", reader):
                documents.append(try DocumentResponse.read(from: reader))
            default:
                try RetrieveCoding.skipUnknown(reader, in: "RetrieveDocumentSetResponse", own: ownNamespaces)
            }
        }
        guard sawRegistryResponse else {
            throw reader.bindingError(.missing, "the RetrieveDocumentSetResponse has no RegistryResponse")
        }
        return RetrieveDocumentSetResponse(
            status: status ?? .derive(errors: errors, hasResults: !documents.isEmpty),
            errors: errors,
            documents: documents
        )
    }

    /// Writes `xdsb:RetrieveDocumentSetResponse` in schema order: `rs:RegistryResponse` with the status and the
    /// RegistryErrorList (when there are errors), then the DocumentResponses, each Document as an `xop:Include`
    /// (attachment) or base64 text (inline).
    public func write(into writer: inout XMLWriter) throws {
        try writer.startElement("RetrieveDocumentSetResponse", namespace: Namespace.xdsb, prefix: "xdsb")
        try writer.startElement("RegistryResponse", namespace: Namespace.rs, prefix: "rs")
        try writer.attribute("status", status.rawValue)
        try RegistryResponseCoding.writeErrors(errors, into: &writer)
        try writer.endElement()
        for document in documents { try document.write(into: &writer) }
        try writer.endElement()
    }

    /// Decodes a response: a SOAP 1.2 envelope (its header returned; wsa:Action not required of partners) or the
    /// bare body document (header nil).
    ///
    /// - Parameter limits: the reader's limits; the default admits inline documents of about 190 MB.
    /// - Throws: the partner's ``SOAPFault`` when the body is an `env:Fault`; a ``SOAPFault`` for XML that is
    ///   malformed or over a limit and for envelope problems; ``BindingError`` for a body without the structure
    ///   above.
    public static func decode(
        _ bytes: [UInt8],
        limits: XMLLimits = .retrieveResponse
    ) throws -> (header: SOAPEnvelopeHeader?, response: Self) {
        let (header, response) = try bytes.withUnsafeBytes { raw in
            try RetrieveCoding.decode(raw, envelope: envelopeReader(limits), body: readBodyOrFault(from:))
        }
        return (header, response)
    }

    /// Decodes a response from the readable bytes of `buffer` (the root part of an MTOM message) without copying.
    public static func decode(
        _ buffer: ByteBuffer,
        limits: XMLLimits = .retrieveResponse
    ) throws -> (header: SOAPEnvelopeHeader?, response: Self) {
        let (header, response) = try buffer.withUnsafeReadableBytes { raw in
            try RetrieveCoding.decode(raw, envelope: envelopeReader(limits), body: readBodyOrFault(from:))
        }
        return (header, response)
    }

    /// A SOAP 1.2 envelope carrying this response — for an MTOM message, its root part: attachments appear as
    /// `xop:Include` and the MTOM writer adds their parts. `addressing`: for the response to a request with
    /// headers `request`, `request.response(action: Transaction.iti39.responseAction)` (RAD-69 and RAD-75 have
    /// their own response actions).
    public func encode(addressing: AddressingHeaders, extraHeaders: [[UInt8]] = []) throws -> [UInt8] {
        let capacity = documents.reduce(2_048) { $0 + 400 + $1.content.encodedSize } + errors.count * 300
        return try SOAPEnvelopeWriter.write(addressing, extraHeaders: extraHeaders, capacity: capacity) { writer in
            try write(into: &writer)
        }
    }

    // MARK: Private

    private static let ownNamespaces: [StaticString] = [
        "urn:ihe:iti:xds-b:2007", "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0",
    ]

    private static func envelopeReader(_ limits: XMLLimits) -> SOAPEnvelopeReader {
        SOAPEnvelopeReader(limits: limits, requiresAction: false)
    }

    /// The body: a partner's `env:Fault` is thrown as the ``SOAPFault`` it is.
    private static func readBodyOrFault(from reader: XMLStreamReader) throws -> RetrieveDocumentSetResponse {
        if reader.isStartElement("Fault", namespace: "http://www.w3.org/2003/05/soap-envelope") {
            throw try SOAPFault.read(from: reader)
        }
        return try read(from: reader)
    }
}
