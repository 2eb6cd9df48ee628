import XCAModel
import XCAXML

extension DocumentResponse {
    /// Reads `xdsb:DocumentResponse` (ITI TF-2 3.39.4.2.2; RAD TF-3 4.69.4.2.2): HomeCommunityId (optional; the
    /// lower-case `homeCommunityId` is accepted), RepositoryUniqueId, DocumentUniqueId, NewRepositoryUniqueId and
    /// NewDocumentUniqueId (On-Demand Documents), mimeType and Document. The reader is on the element's start and
    /// is left on its end.
    ///
    /// - Throws: ``BindingError`` `.missing` without RepositoryUniqueId, DocumentUniqueId, mimeType or Document;
    ///   what ``DocumentContent`` reading throws; `.unexpected` for a repeated or unknown XDS.b child.
    static func read(from reader: XMLStreamReader) throws -> DocumentResponse {
        var home: String?
        var repository: String?
        var document: String?
        var newRepository: String?
        var newDocument: String?
        var mimeType: String?
        var content: DocumentContent?
        try RetrieveCoding.forEachChild(of: reader) {
            guard RetrieveCoding.isIn("urn:ihe:iti:xds-b:2007", reader) else {
                try reader.skipElement()
                return
            }
            let parent = "DocumentResponse"
            switch reader.localName {
            case "HomeCommunityId", "homeCommunityId": try RetrieveCoding.readOnce(reader, into: &home, parent: parent)
            case "RepositoryUniqueId": try RetrieveCoding.readOnce(reader, into: &repository, parent: parent)
            case "DocumentUniqueId": try RetrieveCoding.readOnce(reader, into: &document, parent: parent)
            case "NewRepositoryUniqueId": try RetrieveCoding.readOnce(reader, into: &newRepository, parent: parent)
            case "NewDocumentUniqueId": try RetrieveCoding.readOnce(reader, into: &newDocument, parent: parent)
            case "mimeType": try RetrieveCoding.readOnce(reader, into: &mimeType, parent: parent)
            case "Document":
                guard content == nil else {
                    throw reader.bindingError(.unexpected, "a DocumentResponse has two Documents")
                }
                content = try DocumentContent.read(from: reader)
            default: try RetrieveCoding.skipUnknown(reader, in: parent, own: ["urn:ihe:iti:xds-b:2007"])
            }
        }
        guard let repository else {
            throw reader.bindingError(.missing, "a DocumentResponse has no RepositoryUniqueId")
        }
        guard let document else { throw reader.bindingError(.missing, "a DocumentResponse has no DocumentUniqueId") }
        guard let mimeType else { throw reader.bindingError(.missing, "a DocumentResponse has no mimeType") }
        guard let content else { throw reader.bindingError(.missing, "a DocumentResponse has no Document") }
        return DocumentResponse(
            homeCommunityID: home.map(HomeCommunityID.init(rawValue:)),
            repositoryUniqueID: RepositoryUniqueID(rawValue: repository),
            documentUniqueID: DocumentUniqueID(rawValue: document),
            mimeType: mimeType,
            content: content,
            newRepositoryUniqueID: newRepository.map(RepositoryUniqueID.init(rawValue:)),
            newDocumentUniqueID: newDocument.map(DocumentUniqueID.init(rawValue:))
        )
    }

    /// Writes `xdsb:DocumentResponse` with its children in schema order.
    func write(into writer: inout XMLWriter) throws(XMLError) {
        try writer.startElement("DocumentResponse", namespace: Namespace.xdsb, prefix: "xdsb")
        func element(_ name: String, _ text: String?, into writer: inout XMLWriter) throws(XMLError) {
            guard let text else { return }
            try RetrieveCoding.writeElement(name, namespace: Namespace.xdsb, prefix: "xdsb", text: text, into: &writer)
        }
        try element("HomeCommunityId", homeCommunityID?.rawValue, into: &writer)
        try element("RepositoryUniqueId", repositoryUniqueID.rawValue, into: &writer)
        try element("DocumentUniqueId", documentUniqueID.rawValue, into: &writer)
        try element("NewRepositoryUniqueId", newRepositoryUniqueID?.rawValue, into: &writer)
        try element("NewDocumentUniqueId", newDocumentUniqueID?.rawValue, into: &writer)
        try element("mimeType", mimeType, into: &writer)
        try content.write(into: &writer)
        try writer.endElement()
    }
}
