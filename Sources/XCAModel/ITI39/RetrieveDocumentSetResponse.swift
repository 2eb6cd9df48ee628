/// `xdsb:RetrieveDocumentSetResponse`: the response of ITI-39, RAD-69 and RAD-75 (ITI TF-2 3.39.4.2; RAD TF-3 4.69.4.2).
public struct RetrieveDocumentSetResponse: Hashable, Sendable {
    /// `rs:RegistryResponse/@status`.
    public var status: ResponseStatus
    /// `rs:RegistryResponse/rs:RegistryErrorList`.
    public var errors: [RegistryError]
    public var documents: [DocumentResponse]

    public init(status: ResponseStatus, errors: [RegistryError] = [], documents: [DocumentResponse] = []) {
        self.status = status
        self.errors = errors
        self.documents = documents
    }

    /// A response whose status follows from the documents and errors (`ResponseStatus.derive`).
    public init(documents: [DocumentResponse], errors: [RegistryError]) {
        self.init(status: .derive(errors: errors, hasResults: !documents.isEmpty), errors: errors, documents: documents)
    }
}
