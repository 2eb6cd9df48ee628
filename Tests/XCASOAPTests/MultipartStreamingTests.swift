import NIOCore
import Testing

@testable import XCASOAP

/// A synthetic MTOM package generated on the fly: a small root part, then `attachmentCount` attachments of
/// `attachmentSize` bytes each, cut from a periodic pattern of tricky binary data. Body chunks are zero-copy slices
/// of one 2-period buffer, so gigabytes stream through with a few MiB of memory.
struct SyntheticPackage: Sequence, AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    typealias Failure = Never

    let writer: MTOMWriter
    let attachmentIDs: [ContentID]
    let attachmentSize: Int
    let chunkSize: Int
    let period: Int
    /// The pattern written twice, so any `period`-long window is one contiguous slice.
    let pattern: ByteBuffer

    init(attachmentCount: Int, attachmentSize: Int, chunkSize: Int) throws {
        writer = try MTOMWriter(action: "urn:ihe:rad:2009:RetrieveImagingDocumentSetResponse")
        attachmentIDs = try (0..<attachmentCount).map { try ContentID("instance\($0)@example.org") }
        self.attachmentSize = attachmentSize
        self.chunkSize = chunkSize
        period = (1 << 20) + 13
        let block = trickyBody(count: period, boundary: writer.multipart.boundary, seed: 42)
        pattern = ByteBuffer(testBytes: block + block)
    }

    var rootBody: ByteBuffer {
        ByteBuffer(
            string: "<Envelope>"
                + attachmentIDs.map { "<xop:Include href=\"\(XOPInclude(contentID: $0).href)\"/>" }.joined()
                + "</Envelope>"
        )
    }

    /// Where attachment `index` starts in the pattern, so that parts differ.
    func patternOffset(attachment index: Int) -> Int { (index * 7919) % period }

    /// Feeds the bytes attachment `index` must contain to `hasher`, in period-sized slices (independent of chunking).
    func expectedHash(attachment index: Int) -> Int {
        var hasher = Hasher()
        var offset = 0
        while offset < attachmentSize {
            let length = Swift.min(period, attachmentSize - offset)
            let slice =
                pattern.getSlice(at: (patternOffset(attachment: index) + offset) % period, length: length)
                ?? ByteBuffer()
            slice.withUnsafeReadableBytes { hasher.combine(bytes: $0) }
            offset += length
        }
        return hasher.finalize()
    }

    struct Iterator: IteratorProtocol {
        let package: SyntheticPackage
        /// -1: root head and body; 0..<count: attachments; count: close; beyond: done.
        var part = -1
        var offset = -1  // -1: the part's head is next

        mutating func next() -> ByteBuffer? {
            let count = package.attachmentIDs.count
            if part == -1 {
                part = 0
                var head = package.writer.rootPartHead()
                head.writeImmutableBuffer(package.rootBody)
                return head
            }
            if part == count {
                part += 1
                return package.writer.close()
            }
            guard part < count else { return nil }
            if offset == -1 {
                offset = 0
                return package.writer.attachmentHead(contentID: package.attachmentIDs[part], contentType: .octetStream)
            }
            let length = Swift.min(package.chunkSize, package.attachmentSize - offset)
            let start = (package.patternOffset(attachment: part) + offset) % package.period
            let chunk = package.pattern.getSlice(at: start, length: length) ?? ByteBuffer()
            offset += length
            if offset == package.attachmentSize {
                part += 1
                offset = -1
            }
            return chunk
        }

    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var inner: Iterator
        mutating func next() async -> ByteBuffer? { inner.next() }
    }

    func makeIterator() -> Iterator { Iterator(package: self) }
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(inner: Iterator(package: self)) }
}

@Suite("Streaming a gigabyte in bounded memory")
struct MultipartStreamingTests {
    static let gibibyte = 1 << 30

    @Test("MultipartParser: 1 GiB of attachments, O(boundary) bytes held")
    func parser() throws {
        let package = try SyntheticPackage(attachmentCount: 4, attachmentSize: Self.gibibyte / 4, chunkSize: 65_537)
        var parser = try MultipartParser(contentType: package.writer.contentType)
        var hashers: [Hasher] = []
        var sizes: [Int] = []
        var maxBuffered = 0
        var ended = false
        for chunk in package {
            parser.append(chunk)
            while let event = try parser.next() {
                switch event {
                case .partHeaders:
                    hashers.append(Hasher())
                    sizes.append(0)
                case .bodyChunk(let body):
                    sizes[sizes.count - 1] += body.readableBytes
                    body.withUnsafeReadableBytes { hashers[hashers.count - 1].combine(bytes: $0) }
                case .partEnd:
                    break
                case .end:
                    ended = true
                }
            }
            maxBuffered = max(maxBuffered, parser.bufferedByteCount)
        }
        parser.finish()
        #expect(try parser.next() == nil)
        #expect(ended)
        #expect(maxBuffered <= package.writer.multipart.boundary.utf8.count + 3)
        #expect(sizes.count == 5)
        #expect(sizes.dropFirst().reduce(0, +) == Self.gibibyte)
        #expect(Array(sizes.dropFirst()) == Array(repeating: package.attachmentSize, count: 4))
        for index in 0..<4 {
            #expect(hashers[index + 1].finalize() == package.expectedHash(attachment: index), "attachment \(index)")
        }
    }

    /// While it hands out slices of an upstream chunk the reader holds the rest of that chunk, so the bound here is
    /// one upstream chunk (4 KiB) plus the held-back tail: nothing accumulates across chunks or parts.
    @Test("MTOMReader: 1 GiB of attachments pulled through, one chunk + O(boundary) bytes held")
    func reader() async throws {
        let chunkSize = 4099
        let package = try SyntheticPackage(attachmentCount: 4, attachmentSize: Self.gibibyte / 4, chunkSize: chunkSize)
        var reader = try MTOMReader(contentType: package.writer.contentType, body: package)
        let root = try await reader.readRootPart()
        #expect(root.body == package.rootBody)
        var maxBuffered = 0
        var total = 0
        var index = 0
        while let attachment = try await reader.nextAttachment() {
            #expect(attachment.contentID == package.attachmentIDs[index])
            var hasher = Hasher()
            var size = 0
            while let chunk = try await reader.nextAttachmentChunk() {
                size += chunk.readableBytes
                chunk.withUnsafeReadableBytes { hasher.combine(bytes: $0) }
                maxBuffered = max(maxBuffered, reader.bufferedByteCount)
            }
            #expect(size == package.attachmentSize)
            #expect(hasher.finalize() == package.expectedHash(attachment: index), "attachment \(index)")
            total += size
            index += 1
        }
        #expect(index == 4)
        #expect(total == Self.gibibyte)
        #expect(maxBuffered <= chunkSize + package.writer.multipart.boundary.utf8.count + 3)
        for href in MultipartMTOMReaderTests.hrefs(in: root.body.text) {
            #expect(throws: Never.self) { try XOPInclude.resolve(href: href, in: reader.attachmentContentIDs) }
        }
    }
}
