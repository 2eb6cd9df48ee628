/// The body of an ITI-39 Cross Gateway Retrieve: `xdsb:RetrieveDocumentSetRequest` (ITI TF-2 3.39.4.1.2).
public struct RetrieveDocumentSetRequest: Hashable, Sendable {
    public var documents: [DocumentRequest]

    public init(documents: [DocumentRequest]) {
        self.documents = documents
    }
}
