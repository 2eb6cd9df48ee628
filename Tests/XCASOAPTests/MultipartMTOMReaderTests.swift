import NIOCore
import Testing

@testable import XCASOAP

@Suite("MTOM writer and reader")
struct MultipartMTOMReaderTests {
    static let action = "urn:ihe:iti:2007:CrossGatewayRetrieveResponse"

    struct Package {
        var writer: MTOMWriter
        var root: ByteBuffer
        var attachments: [MTOMAttachment]
        var bytes: ByteBuffer
    }

    static func package(attachmentSizes: [Int] = [20_000, 0, 5_000]) throws -> Package {
        let writer = try MTOMWriter(action: action)
        var attachments: [MTOMAttachment] = []
        for (index, size) in attachmentSizes.enumerated() {
            attachments.append(
                MTOMAttachment(
                    contentID: try ContentID("doc\(index)/\(index)@example.org"),
                    contentType: index == 0 ? try MIMEContentType(parsing: "application/pdf") : .octetStream,
                    headers: try MIMEHeaders([("X-Index", "\(index)")]),
                    body: ByteBuffer(
                        testBytes: trickyBody(count: size, boundary: writer.multipart.boundary, seed: UInt64(index))
                    )
                )
            )
        }
        let includes = attachments.map {
            "<xdsb:Document><xop:Include xmlns:xop=\"\(XOPInclude.namespace)\" href=\"\(XOPInclude(contentID: $0.contentID).href)\"/></xdsb:Document>"
        }
        let root = ByteBuffer(string: "<soap:Envelope><soap:Body>\(includes.joined())</soap:Body></soap:Envelope>")
        return Package(
            writer: writer,
            root: root,
            attachments: attachments,
            bytes: writer.message(root: root, attachments: attachments)
        )
    }

    static func hrefs(in xml: String) -> [String] {
        xml.split(separator: "href=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    }

    @Test("writes the documented headers")
    func headers() throws {
        let package = try Self.package()
        let text = package.bytes.text
        let contentID = package.writer.rootContentID
        #expect(package.writer.contentType.start == contentID.headerValue)
        #expect(package.writer.contentType.action == Self.action)
        #expect(
            text.hasPrefix(
                "--\(package.writer.multipart.boundary)\r\nContent-ID: \(contentID.headerValue)\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml; action=\\\"\(Self.action)\\\"\"\r\nContent-Transfer-Encoding: binary\r\n\r\n<soap:Envelope>"
            )
        )
        #expect(
            text.contains(
                "\r\n--\(package.writer.multipart.boundary)\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <doc0/0@example.org>\r\nX-Index: 0\r\n\r\n"
            )
        )
        #expect(text.hasSuffix("\r\n--\(package.writer.multipart.boundary)--\r\n"))
    }

    @Test("reads back what the writer wrote, in any chunk size", arguments: [1, 3, 64, 4096, 65536, 1 << 20])
    func roundTrip(chunkSize: Int) async throws {
        let package = try Self.package()
        var reader = try MTOMReader(
            contentType: MIMEContentType(parsing: package.writer.contentType.description),
            body: ChunkedBody(buffer: package.bytes, chunkSize: chunkSize)
        )
        let message = try await reader.readMessage()
        #expect(message.root.body == package.root)
        #expect(message.root.contentID == package.writer.rootContentID)
        #expect(message.root.contentType == package.writer.rootContentType)
        #expect(message.root.headers.contentTransferEncoding == "binary")
        #expect(message.attachments.count == package.attachments.count)
        for (read, written) in zip(message.attachments, package.attachments) {
            #expect(read.contentID == written.contentID)
            #expect(read.contentType == written.contentType)
            #expect(read.body == written.body)
            #expect(read.headers["X-Index"] == written.headers["X-Index"])
            #expect(read.headers.contentTransferEncoding == "binary")
        }
        #expect(reader.attachmentContentIDs == Set(package.attachments.map(\.contentID)))
        for href in Self.hrefs(in: message.root.body.text) {
            let id = try XOPInclude.resolve(href: href, in: reader.attachmentContentIDs)
            #expect(try message.attachment(for: XOPInclude(contentID: id)).contentID == id)
        }
        #expect(Self.hrefs(in: message.root.body.text).count == 3)
    }

    @Test("MTOMMessage.read reads a message held in one buffer")
    func wholeMessage() async throws {
        let package = try Self.package()
        let message = try await MTOMMessage.read(contentType: package.writer.contentType, body: package.bytes)
        #expect(message.attachments.map(\.body) == package.attachments.map(\.body))
        #expect(message.attachmentContentIDs == Set(package.attachments.map(\.contentID)))
        await #expect(throws: MultipartError(.partTooLarge, "")) {
            try await MTOMMessage.read(
                contentType: package.writer.contentType,
                body: package.bytes,
                maxAttachmentBytes: 24_999
            )
        }
        #expect(
            try await MTOMMessage.read(
                contentType: package.writer.contentType,
                body: package.bytes,
                maxAttachmentBytes: 25_000
            )
            .attachments.count == 3
        )
    }

    @Test("streams attachments chunk by chunk and skips unread bodies")
    func streamsAndSkips() async throws {
        let package = try Self.package()
        var reader = try MTOMReader(
            contentType: package.writer.contentType,
            body: ChunkedBody(buffer: package.bytes, chunkSize: 1000)
        )
        _ = try await reader.readRootPart()
        let first = try #require(try await reader.nextAttachment())
        #expect(first.contentID == package.attachments[0].contentID)
        let chunk = try #require(try await reader.nextAttachmentChunk())
        #expect(chunk.readableBytes > 0 && chunk.readableBytes <= 1000)
        // Move on without reading the rest of the first attachment.
        let second = try #require(try await reader.nextAttachment())
        #expect(second.contentID == package.attachments[1].contentID)
        #expect(try await reader.nextAttachmentChunk() == nil)  // empty body
        #expect(try await reader.nextAttachmentChunk() == nil)
        let third = try #require(try await reader.nextAttachment())
        var body = ByteBuffer()
        while let chunk = try await reader.nextAttachmentChunk() { body.writeImmutableBuffer(chunk) }
        #expect(body == package.attachments[2].body)
        #expect(third.headers["x-index"] == "2")
        #expect(try await reader.nextAttachment() == nil)
        #expect(try await reader.nextAttachment() == nil)
        #expect(try await reader.nextAttachmentChunk() == nil)
    }

    @Test("nextAttachment before readRootPart drops the root; readRootPart twice is out of order")
    func ordering() async throws {
        let package = try Self.package()
        var reader = try MTOMReader(
            contentType: package.writer.contentType,
            body: ChunkedBody(buffer: package.bytes, chunkSize: 100)
        )
        #expect(try await reader.nextAttachment()?.contentID == package.attachments[0].contentID)
        await #expect(throws: MultipartError(.readOutOfOrder, "")) { try await reader.readRootPart() }
    }

    @Test("pulls upstream only as the caller reads (back-pressure)")
    func backPressure() async throws {
        let package = try Self.package(attachmentSizes: [200_000])
        let counter = PullCounter()
        var reader = try MTOMReader(
            contentType: package.writer.contentType,
            body: CountingBody(buffer: package.bytes, chunkSize: 1024, counter: counter)
        )
        let root = try await reader.readRootPart()
        let headBytes = package.writer.rootPartHead().readableBytes + root.body.readableBytes + 200
        #expect(counter.pulls <= headBytes / 1024 + 2)
        _ = try await reader.nextAttachment()
        let before = counter.pulls
        for _ in 0..<10 { _ = try await reader.nextAttachmentChunk() }
        #expect(counter.pulls - before <= 11)
        #expect(counter.pulls < package.bytes.readableBytes / 1024 / 2)
        #expect(reader.bufferedByteCount <= 1024)
    }

    @Test("runs on the caller's actor with a non-Sendable body sequence")
    @MainActor
    func onMainActor() async throws {
        let package = try Self.package(attachmentSizes: [3_000])
        let counter = PullCounter()
        var reader = try MTOMReader(
            contentType: package.writer.contentType,
            body: CountingBody(buffer: package.bytes, chunkSize: 512, counter: counter)
        )
        let message = try await reader.readMessage()
        #expect(message.attachments.map(\.body) == package.attachments.map(\.body))
        // Exactly the chunks that hold the package: the reader stops at the close delimiter.
        #expect(counter.pulls == (package.bytes.readableBytes + 511) / 512)
    }

    @Test("a plain application/soap+xml body is the root part, without attachments")
    func plainSOAP() async throws {
        let envelope = ByteBuffer(string: "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"/>")
        let type = try MIMEContentType.soap12(action: "urn:ihe:iti:2007:CrossGatewayQuery")
        var reader = try MTOMReader(contentType: type, body: ChunkedBody(buffer: envelope, chunkSize: 7))
        let root = try await reader.readRootPart()
        #expect(root.body == envelope)
        #expect(root.contentType == type)
        #expect(root.contentID == nil)
        #expect(root.headers["content-type"] == type.description)
        #expect(try await reader.nextAttachment() == nil)
        #expect(reader.bufferedByteCount == 0)

        var small = try MTOMReader(
            contentType: type,
            body: ChunkedBody(buffer: envelope, chunkSize: 7),
            limits: MultipartLimits(maxRootPartSize: 10)
        )
        await #expect(throws: MultipartError(.rootPartTooLarge, "")) { try await small.readRootPart() }
    }

    @Test("the root part is the one start names; parts before it are held and returned first")
    func rootNotFirst() async throws {
        let writer = try MultipartWriter(boundary: "b")
        var bytes = writer.partHead(
            headers: try MIMEHeaders([("Content-ID", "<att@x>"), ("Content-Type", "image/png")]),
            isFirst: true
        )
        bytes.writeString("PNG")
        var head = writer.partHead(
            headers: try MIMEHeaders([("Content-ID", "<root@x>"), ("Content-Type", "application/xop+xml")]),
            isFirst: false
        )
        bytes.writeBuffer(&head)
        bytes.writeString("<Envelope/>")
        var close = writer.close()
        bytes.writeBuffer(&close)
        let type = try MIMEContentType(
            parsing: #"multipart/related; boundary=b; type="application/xop+xml"; start="<root@x>""#
        )

        let message = try await MTOMMessage.read(contentType: type, body: bytes)
        #expect(message.root.body.text == "<Envelope/>")
        #expect(message.root.contentID?.value == "root@x")
        #expect(message.attachments.map(\.contentID.value) == ["att@x"])
        #expect(message.attachments.first?.body.text == "PNG")
        #expect(message.attachments.first?.contentType.mediaType == "image/png")

        let small = MultipartLimits(maxRootPartSize: 13)
        await #expect(throws: MultipartError(.rootPartTooLarge, "")) {
            try await MTOMMessage.read(contentType: type, body: bytes, limits: small)
        }
        let missing = try type.setting("start", to: "<other@x>")
        await #expect(throws: MultipartError(.rootPartNotFound, "")) {
            try await MTOMMessage.read(contentType: missing, body: bytes)
        }
        // Without start, the first part is the root.
        let first = try await MTOMMessage.read(contentType: type.setting("start", to: nil), body: bytes)
        #expect(first.root.body.text == "PNG")
    }

    // MARK: Errors

    static func message(
        _ parts: [(headers: [(String, String)], body: String)],
        boundary: String = "b"
    ) throws -> ByteBuffer {
        let writer = try MultipartWriter(boundary: boundary)
        var bytes = ByteBuffer()
        for (index, part) in parts.enumerated() {
            writer.writePartHead(headers: try MIMEHeaders(part.headers), isFirst: index == 0, into: &bytes)
            bytes.writeString(part.body)
        }
        writer.writeClose(into: &bytes)
        return bytes
    }

    /// `multipart/related; boundary=b; type="application/xop+xml"`.
    static let related = MIMEContentType(
        validatedType: "multipart",
        subtype: "related",
        parameters: [.init(name: "boundary", value: "b"), .init(name: "type", value: "application/xop+xml")]
    )

    @Test("root part larger than maxRootPartSize")
    func rootTooLarge() async throws {
        let bytes = try Self.message([([("Content-ID", "<r@x>")], String(repeating: "r", count: 100))])
        let fits = try await MTOMMessage.read(
            contentType: Self.related,
            body: bytes,
            limits: MultipartLimits(maxRootPartSize: 100)
        )
        #expect(fits.root.body.readableBytes == 100)
        let error = await #expect(throws: MultipartError.self) {
            try await MTOMMessage.read(
                contentType: Self.related,
                body: bytes,
                limits: MultipartLimits(maxRootPartSize: 99)
            )
        }
        #expect(error?.code == .rootPartTooLarge)
        #expect(error?.isLimitExceeded == true)
    }

    @Test("attachments need a unique Content-ID and a binary transfer encoding")
    func attachmentErrors() async throws {
        let root = (headers: [("Content-ID", "<r@x>")], body: "<E/>")
        let noID = try Self.message([root, ([("Content-Type", "a/b")], "x")])
        await #expect(throws: MultipartError(.missingContentID, "")) {
            try await MTOMMessage.read(contentType: Self.related, body: noID)
        }
        let duplicate = try Self.message([root, ([("Content-ID", "<a@x>")], "x"), ([("Content-ID", " <a@x>")], "y")])
        await #expect(throws: MultipartError(.duplicateContentID, "")) {
            try await MTOMMessage.read(contentType: Self.related, body: duplicate)
        }
        let sameAsRoot = try Self.message([root, ([("Content-ID", "<r@x>")], "x")])
        await #expect(throws: MultipartError(.duplicateContentID, "")) {
            try await MTOMMessage.read(contentType: Self.related, body: sameAsRoot)
        }
        let base64 = try Self.message([
            root, ([("Content-ID", "<a@x>"), ("Content-Transfer-Encoding", "base64")], "eA=="),
        ])
        await #expect(throws: MultipartError(.unsupportedTransferEncoding, "")) {
            try await MTOMMessage.read(contentType: Self.related, body: base64)
        }
        let badType = try Self.message([root, ([("Content-ID", "<a@x>"), ("Content-Type", "no-slash")], "x")])
        await #expect(throws: MultipartError(.malformedContentType, "")) {
            try await MTOMMessage.read(contentType: Self.related, body: badType)
        }
        let eightBit = try Self.message([
            root, ([("Content-ID", "<a@x>"), ("Content-Transfer-Encoding", "8BIT")], "x"),
        ])
        #expect(try await MTOMMessage.read(contentType: Self.related, body: eightBit).attachments.count == 1)
    }

    @Test("content types the reader refuses")
    func contentTypeErrors() throws {
        let body = ChunkedBody(buffer: ByteBuffer(), chunkSize: 1)
        #expect(throws: MultipartError(.missingBoundary, "")) {
            try MTOMReader(
                contentType: MIMEContentType(parsing: "multipart/related; type=\"application/xop+xml\""),
                body: body
            )
        }
        #expect(throws: MultipartError(.unsupportedMediaType, "")) {
            try MTOMReader(contentType: MIMEContentType(parsing: "multipart/form-data; boundary=b"), body: body)
        }
    }

    @Test("a body cut short is truncated")
    func truncated() async throws {
        let bytes = try Self.message([([("Content-ID", "<r@x>")], "<E/>"), ([("Content-ID", "<a@x>")], "attachment")])
        for cut in [10, 60, bytes.readableBytes - 12, bytes.readableBytes - 7] {
            let error = await #expect(throws: MultipartError.self) {
                try await MTOMMessage.read(
                    contentType: Self.related,
                    body: bytes.getSlice(at: 0, length: cut) ?? ByteBuffer()
                )
            }
            #expect(error?.code == .truncated, "cut at \(cut)")
        }
    }
}

/// Counts how many chunks the reader pulled.
final class PullCounter {
    var pulls = 0
}

struct CountingBody: AsyncSequence {
    typealias Element = ByteBuffer
    typealias Failure = Never
    let buffer: ByteBuffer
    let chunkSize: Int
    let counter: PullCounter

    struct AsyncIterator: AsyncIteratorProtocol {
        var inner: ChunkedBody.AsyncIterator
        let counter: PullCounter
        mutating func next() async -> ByteBuffer? {
            counter.pulls += 1
            return await inner.next()
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(inner: ChunkedBody(buffer: buffer, chunkSize: chunkSize).makeAsyncIterator(), counter: counter)
    }
}
