import NIOCore
import XCAModel

/// Where the bytes of one retrieved document go as they stream: a file (``FileDocumentOutput``) or memory
/// (``MemoryDocumentOutput``, for manifests the client reads itself). Used by the one task reading the answer.
protocol DocumentOutput: AnyObject {
    /// Appends a chunk of the document.
    func write(_ chunk: ByteBuffer) throws(XCAClientError)
    /// Completes the document.
    func finish(_ document: DocumentResponse) throws(XCAClientError) -> DeliveredDocument
    /// Drops what was written (the answer broke off mid-document).
    func abandon()
}

/// One document an answer delivered completely.
public struct DeliveredDocument: Sendable, Hashable {
    /// The DocumentResponse that announced it (HomeCommunityId, RepositoryUniqueId, DocumentUniqueId, mimeType).
    public var document: DocumentResponse
    /// Its size in bytes.
    public var size: Int
    /// The file it was written to; nil for a document kept in memory.
    public var path: String?
    /// The bytes of a document kept in memory; nil for one written to a file.
    public var bytes: [UInt8]?

    public init(document: DocumentResponse, size: Int, path: String? = nil, bytes: [UInt8]? = nil) {
        self.document = document
        self.size = size
        self.path = path
        self.bytes = bytes
    }
}
