import NIOCore
import XCAModel

/// A document collected into memory, refused past `limit` bytes (an imaging manifest is kilobytes).
final class MemoryDocumentOutput: DocumentOutput {
    private var bytes: [UInt8] = []
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    func write(_ chunk: ByteBuffer) throws(XCAClientError) {
        guard bytes.count + chunk.readableBytes <= limit else {
            throw XCAClientError(
                .malformedAnswer,
                "a document is larger than \(limit) bytes, the most the client reads into memory"
            )
        }
        bytes.append(contentsOf: chunk.readableBytesView)
    }

    func finish(_ document: DocumentResponse) throws(XCAClientError) -> DeliveredDocument {
        DeliveredDocument(document: document, size: bytes.count, bytes: bytes)
    }

    func abandon() {
        bytes = []
    }
}
