import XCAModel
import XCAXML

extension DocumentRequest {
    /// Reads `xdsb:DocumentRequest` (ITI TF-2 3.39.4.1.2; XDS.b_DocumentRepository.xsd RetrieveDocumentSetRequestType;
    /// also the children of `xdsi:SeriesRequest`, RAD TF-3 4.69.4.1.2): HomeCommunityId (optional here — whether
    /// it is required is the transaction's validation, which reports XDSMissingHomeCommunityId), RepositoryUniqueId
    /// and DocumentUniqueId. The lower-case `homeCommunityId` some partners write is accepted. The reader is on the
    /// element's start and is left on its end.
    static func read(from reader: XMLStreamReader) throws -> DocumentRequest {
        var home: String?
        var repository: String?
        var document: String?
        try RetrieveCoding.forEachChild(of: reader) {
            guard RetrieveCoding.isIn("urn:ihe:iti:xds-b:2007", reader) else {
                try reader.skipElement()
                return
            }
            switch reader.localName {
            case "HomeCommunityId", "homeCommunityId":
                try RetrieveCoding.readOnce(reader, into: &home, parent: "DocumentRequest")
            case "RepositoryUniqueId": try RetrieveCoding.readOnce(reader, into: &repository, parent: "DocumentRequest")
            case "DocumentUniqueId": try RetrieveCoding.readOnce(reader, into: &document, parent: "DocumentRequest")
            default: try RetrieveCoding.skipUnknown(reader, in: "DocumentRequest", own: ["urn:ihe:iti:xds-b:2007"])
            }
        }
        guard let repository else {
            throw reader.bindingError(.missing, "a DocumentRequest has no RepositoryUniqueId")
        }
        guard let document else { throw reader.bindingError(.missing, "a DocumentRequest has no DocumentUniqueId") }
        return DocumentRequest(
            homeCommunityID: home.map(HomeCommunityID.init(rawValue:)),
            repositoryUniqueID: RepositoryUniqueID(rawValue: repository),
            documentUniqueID: DocumentUniqueID(rawValue: document)
        )
    }

    /// Writes `xdsb:DocumentRequest` with its children in schema order.
    func write(into writer: inout XMLWriter) throws(XMLError) {
        try writer.startElement("DocumentRequest", namespace: Namespace.xdsb, prefix: "xdsb")
        if let homeCommunityID {
            try RetrieveCoding.writeElement(
                "HomeCommunityId",
                namespace: Namespace.xdsb,
                prefix: "xdsb",
                text: homeCommunityID.rawValue,
                into: &writer
            )
        }
        try RetrieveCoding.writeElement(
            "RepositoryUniqueId",
            namespace: Namespace.xdsb,
            prefix: "xdsb",
            text: repositoryUniqueID.rawValue,
            into: &writer
        )
        try RetrieveCoding.writeElement(
            "DocumentUniqueId",
            namespace: Namespace.xdsb,
            prefix: "xdsb",
            text: documentUniqueID.rawValue,
            into: &writer
        )
        try writer.endElement()
    }
}
