import NIOCore
import XCAModel
import XCASOAP
import XCAXML

/// `xdsi:RetrieveImagingDocumentSetRequest`: the body of RAD-69 Retrieve Imaging Document Set (RAD TF-3 4.69.4.1.2)
/// and of RAD-75 Cross Gateway Retrieve Imaging Document Set (RAD TF-3 4.75.4.1.2), which share it
/// (XDSI.b_ImagingDocumentSource.xsd RetrieveImagingDocumentSetRequestType):
///
/// ```
/// xdsi:RetrieveImagingDocumentSetRequest
///   xdsi:StudyRequest @studyInstanceUID (1..n)
///     xdsi:SeriesRequest @seriesInstanceUID (1..n)
///       xdsb:DocumentRequest (1..n)
///   xdsi:TransferSyntaxUIDList
///     xdsi:TransferSyntaxUID (1..n)
/// ```
extension RetrieveImagingDocumentSetRequest {
    /// Reads the request; the reader is on `xdsi:RetrieveImagingDocumentSetRequest` and is left on its end.
    ///
    /// - Throws: ``BindingError`` `.unsupportedMessage` when the reader is on another element; `.missing` when a
    ///   level of the structure above is empty or absent, or a study or series has no UID attribute (or a
    ///   DocumentRequest lacks RepositoryUniqueId or DocumentUniqueId); `.unexpected` for an element of the
    ///   XDS-I.b or XDS.b namespace the schema does not have there; `XMLError` from the reader.
    public static func read(from reader: XMLStreamReader) throws -> RetrieveImagingDocumentSetRequest {
        guard reader.isStartElement("RetrieveImagingDocumentSetRequest", namespace: "urn:ihe:rad:xdsi-b:2009") else {
            throw RetrieveCoding.unsupported(reader, expected: "xdsi:RetrieveImagingDocumentSetRequest")
        }
        var studies: [StudyRequest] = []
        var transferSyntaxes: [TransferSyntaxUID]?
        try RetrieveCoding.forEachChild(of: reader) {
            guard RetrieveCoding.isIn("urn:ihe:rad:xdsi-b:2009", reader) else {
                try reader.skipElement()
                return
            }
            switch reader.localName {
            case "StudyRequest":
                studies.append(try readStudy(from: reader))
            case "TransferSyntaxUIDList":
                guard transferSyntaxes == nil else {
                    throw reader.bindingError(.unexpected, "more than one TransferSyntaxUIDList")
                }
                transferSyntaxes = try readTransferSyntaxes(from: reader)
            default:
                try RetrieveCoding.skipUnknown(reader, in: "RetrieveImagingDocumentSetRequest", own: ownNamespaces)
            }
        }
        guard !studies.isEmpty else {
            throw reader.bindingError(.missing, "the RetrieveImagingDocumentSetRequest has no StudyRequest")
        }
        guard let transferSyntaxes else {
            throw reader.bindingError(.missing, "the RetrieveImagingDocumentSetRequest has no TransferSyntaxUIDList")
        }
        return RetrieveImagingDocumentSetRequest(studies: studies, transferSyntaxUIDs: transferSyntaxes)
    }

    /// Writes `xdsi:RetrieveImagingDocumentSetRequest` in schema order.
    ///
    /// - Throws: ``BindingError`` `.missing` when a level the schema requires at least once is empty;
    ///   `XMLError` for a value XML cannot carry.
    public func write(into writer: inout XMLWriter) throws {
        guard !studies.isEmpty else {
            throw BindingError(.missing, "a RetrieveImagingDocumentSetRequest needs at least one StudyRequest")
        }
        guard !transferSyntaxUIDs.isEmpty else {
            throw BindingError(.missing, "a RetrieveImagingDocumentSetRequest needs at least one TransferSyntaxUID")
        }
        try writer.startElement("RetrieveImagingDocumentSetRequest", namespace: Namespace.xdsi, prefix: "xdsi")
        try writer.declareNamespace(prefix: "xdsb", uri: Namespace.xdsb)
        for study in studies {
            guard !study.series.isEmpty else {
                throw BindingError(.missing, "a StudyRequest needs at least one SeriesRequest")
            }
            try writer.startElement("StudyRequest", namespace: Namespace.xdsi, prefix: "xdsi")
            try writer.attribute("studyInstanceUID", study.studyInstanceUID.rawValue)
            for series in study.series {
                guard !series.documents.isEmpty else {
                    throw BindingError(.missing, "a SeriesRequest needs at least one DocumentRequest")
                }
                try writer.startElement("SeriesRequest", namespace: Namespace.xdsi, prefix: "xdsi")
                try writer.attribute("seriesInstanceUID", series.seriesInstanceUID.rawValue)
                for document in series.documents { try document.write(into: &writer) }
                try writer.endElement()
            }
            try writer.endElement()
        }
        try writer.startElement("TransferSyntaxUIDList", namespace: Namespace.xdsi, prefix: "xdsi")
        for transferSyntax in transferSyntaxUIDs {
            try RetrieveCoding.writeElement(
                "TransferSyntaxUID",
                namespace: Namespace.xdsi,
                prefix: "xdsi",
                text: transferSyntax.rawValue,
                into: &writer
            )
        }
        try writer.endElement()
        try writer.endElement()
    }

    /// A SOAP 1.2 envelope carrying this request: `addressing` (for RAD-75
    /// `AddressingHeaders.request(action: Transaction.rad75.requestAction, to:)`, for RAD-69 `.rad69`) and
    /// `extraHeaders` (kept header blocks such as the WS-Security header) in the header.
    public func encode(addressing: AddressingHeaders, extraHeaders: [[UInt8]] = []) throws -> [UInt8] {
        let instances = studies.reduce(0) { $0 + $1.series.reduce(0) { $0 + $1.documents.count } }
        return try SOAPEnvelopeWriter.write(addressing, extraHeaders: extraHeaders, capacity: 2_048 + instances * 400) {
            writer in
            try write(into: &writer)
        }
    }

    // MARK: Private

    private static let ownNamespaces: [StaticString] = ["urn:ihe:rad:xdsi-b:2009", "urn:ihe:iti:xds-b:2007"]

    /// `xdsi:StudyRequest` (RAD TF-3 4.69.4.1.2): @studyInstanceUID and its SeriesRequests.
    private static func readStudy(from reader: XMLStreamReader) throws -> StudyRequest {
        guard let uid = attributeValue("studyInstanceUID", reader) else {
            throw reader.bindingError(.missing, "a StudyRequest has no studyInstanceUID")
        }
        var series: [SeriesRequest] = []
        try RetrieveCoding.forEachChild(of: reader) {
            if RetrieveCoding.isIn("urn:ihe:rad:xdsi-b:2009", reader), reader.localName == "SeriesRequest" {
                series.append(try readSeries(from: reader))
            } else {
                try RetrieveCoding.skipUnknown(reader, in: "StudyRequest", own: ownNamespaces)
            }
        }
        guard !series.isEmpty else { throw reader.bindingError(.missing, "a StudyRequest has no SeriesRequest") }
        return StudyRequest(studyInstanceUID: StudyInstanceUID(rawValue: uid), series: series)
    }

    /// `xdsi:SeriesRequest` (an extension of xdsb:RetrieveDocumentSetRequestType): @seriesInstanceUID and its
    /// `xdsb:DocumentRequest`s, whose DocumentUniqueId is a SOP Instance UID.
    private static func readSeries(from reader: XMLStreamReader) throws -> SeriesRequest {
        guard let uid = attributeValue("seriesInstanceUID", reader) else {
            throw reader.bindingError(.missing, "a SeriesRequest has no seriesInstanceUID")
        }
        var documents: [DocumentRequest] = []
        try RetrieveCoding.forEachChild(of: reader) {
            if RetrieveCoding.isIn("urn:ihe:iti:xds-b:2007", reader), reader.localName == "DocumentRequest" {
                documents.append(try DocumentRequest.read(from: reader))
            } else {
                try RetrieveCoding.skipUnknown(reader, in: "SeriesRequest", own: ownNamespaces)
            }
        }
        guard !documents.isEmpty else { throw reader.bindingError(.missing, "a SeriesRequest has no DocumentRequest") }
        return SeriesRequest(seriesInstanceUID: SeriesInstanceUID(rawValue: uid), documents: documents)
    }

    /// `xdsi:TransferSyntaxUIDList`: the TransferSyntaxUIDs in order of preference.
    private static func readTransferSyntaxes(from reader: XMLStreamReader) throws -> [TransferSyntaxUID] {
        var uids: [TransferSyntaxUID] = []
        try RetrieveCoding.forEachChild(of: reader) {
            if RetrieveCoding.isIn("urn:ihe:rad:xdsi-b:2009", reader), reader.localName == "TransferSyntaxUID" {
                guard let value = try RetrieveCoding.readValue(reader) else {
                    throw reader.bindingError(.missing, "a TransferSyntaxUID is empty")
                }
                uids.append(TransferSyntaxUID(rawValue: value))
            } else {
                try RetrieveCoding.skipUnknown(reader, in: "TransferSyntaxUIDList", own: ownNamespaces)
            }
        }
        guard !uids.isEmpty else { throw reader.bindingError(.missing, "the TransferSyntaxUIDList is empty") }
        return uids
    }

    /// An unqualified attribute, trimmed; nil when absent or empty.
    private static func attributeValue(_ name: String, _ reader: XMLStreamReader) -> String? {
        guard let value = reader.attribute(name)?.trimmedXMLSpace, !value.isEmpty else { return nil }
        return value
    }
}
