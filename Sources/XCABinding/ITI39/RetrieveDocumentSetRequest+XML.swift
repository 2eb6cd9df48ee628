import NIOCore
import XCAModel
import XCASOAP
import XCAXML

/// `xdsb:RetrieveDocumentSetRequest`: the body of ITI-39 Cross Gateway Retrieve (ITI TF-2 3.39.4.1.2) and of ITI-43
/// Retrieve Document Set (ITI TF-2 3.43.4.1.2), XDS.b_DocumentRepository.xsd RetrieveDocumentSetRequestType.
extension RetrieveDocumentSetRequest {
    /// Reads the request; the reader is on `xdsb:RetrieveDocumentSetRequest` and is left on its end.
    ///
    /// - Throws: ``BindingError`` `.unsupportedMessage` when the reader is on another element, `.missing` when
    ///   there is no DocumentRequest or one lacks RepositoryUniqueId or DocumentUniqueId, `.unexpected` for an
    ///   element of the XDS.b namespace the schema does not have there; `XMLError` from the reader.
    public static func read(from reader: XMLStreamReader) throws -> RetrieveDocumentSetRequest {
        guard reader.isStartElement("RetrieveDocumentSetRequest", namespace: "urn:ihe:iti:xds-b:2007") else {
            throw RetrieveCoding.unsupported(reader, expected: "xdsb:RetrieveDocumentSetRequest")
        }
        var documents: [DocumentRequest] = []
        try RetrieveCoding.forEachChild(of: reader) {
            if reader.isStartElement("DocumentRequest", namespace: "urn:ihe:iti:xds-b:2007") {
                documents.append(try DocumentRequest.read(from: reader))
            } else {
                try RetrieveCoding.skipUnknown(
                    reader,
                    in: "RetrieveDocumentSetRequest",
                    own: ["urn:ihe:iti:xds-b:2007"]
                )
            }
        }
        guard !documents.isEmpty else {
            throw reader.bindingError(.missing, "the RetrieveDocumentSetRequest has no DocumentRequest")
        }
        return RetrieveDocumentSetRequest(documents: documents)
    }

    /// Writes `xdsb:RetrieveDocumentSetRequest` in schema order.
    ///
    /// - Throws: ``BindingError`` `.missing` when there is no DocumentRequest (the schema requires one);
    ///   `XMLError` for a value XML cannot carry.
    public func write(into writer: inout XMLWriter) throws {
        guard !documents.isEmpty else {
            throw BindingError(.missing, "a RetrieveDocumentSetRequest needs at least one DocumentRequest")
        }
        try writer.startElement("RetrieveDocumentSetRequest", namespace: Namespace.xdsb, prefix: "xdsb")
        for document in documents { try document.write(into: &writer) }
        try writer.endElement()
    }

    /// A SOAP 1.2 envelope carrying this request: `addressing` (for ITI-39
    /// `AddressingHeaders.request(action: Transaction.iti39.requestAction, to:)`) and `extraHeaders` (kept header
    /// blocks such as the WS-Security header with the XUA assertion) in the header.
    public func encode(addressing: AddressingHeaders, extraHeaders: [[UInt8]] = []) throws -> [UInt8] {
        try SOAPEnvelopeWriter.write(addressing, extraHeaders: extraHeaders, capacity: 1_024 + documents.count * 320) {
            writer in
            try write(into: &writer)
        }
    }
}
