import NIOCore

/// Reads an MTOM package (SOAP 1.2 MTOM §3, XOP 1.0 §4.1, RFC 2387 `multipart/related`) from a stream of
/// `ByteBuffer`s: first the root part (the SOAP envelope) into memory, then the attachments one by one, each body
/// streamed in chunks.
///
///     var reader = try MTOMReader(contentType: MIMEContentType(parsing: contentTypeHeader), body: request.body)
///     let root = try await reader.readRootPart()             // the XOP document (SOAP envelope)
///     while let attachment = try await reader.nextAttachment() {
///         while let chunk = try await reader.nextAttachmentChunk() { try await forward(chunk) }
///     }
///
/// The reader pulls the next upstream chunk only when the caller asks for more than the parser already holds, so the
/// consumer's pace is the back-pressure; nothing runs in the background. It is meant for one task (its methods run
/// on the caller's isolation). A body that is not multipart (a plain `application/soap+xml` message) is read as a
/// root part without attachments.
///
/// The root part is the one whose Content-ID the `start` parameter names, else the first part. Parts that arrive
/// before it are held in memory (counted against ``MultipartLimits/maxRootPartSize``) and returned first by
/// ``nextAttachment()``. Attachments must carry a unique Content-ID and a `binary`, `8bit` or `7bit`
/// Content-Transfer-Encoding (bodies are passed through unchanged).
///
/// After the close delimiter the reader pulls nothing more: an epilogue, and the end of the upstream sequence, are
/// left to the caller (an HTTP server should still drain or close the request body).
public struct MTOMReader<Body: AsyncSequence> where Body.Element == ByteBuffer {
    /// The Content-Type of the whole body (the HTTP header).
    public let contentType: MIMEContentType
    public let limits: MultipartLimits

    private enum Phase {
        case start
        case betweenAttachments
        case inAttachment
        case inHeldAttachment(ByteBuffer?)
        case finished
    }

    private var upstream: Body.AsyncIterator
    private var upstreamEnded = false
    /// nil for a body that is not multipart.
    private var parser: MultipartParser?
    private var phase = Phase.start
    /// Parts that came before the root part, oldest first.
    private var heldAttachments: [MTOMAttachment] = []
    /// Content-IDs of all parts so far (root included), to reject duplicates.
    private var partContentIDs: Set<ContentID> = []
    /// The Content-IDs of the attachments returned or held so far: what `xop:Include` hrefs may name.
    public private(set) var attachmentContentIDs: Set<ContentID> = []

    /// Reads `body`, whose Content-Type is `contentType`. `multipart/related` needs a `boundary`
    /// (``MultipartError/Code/missingBoundary``); other `multipart/*` types are
    /// ``MultipartError/Code/unsupportedMediaType``; any other type is a single root part.
    public init(contentType: MIMEContentType, body: Body, limits: MultipartLimits = .default) throws(MultipartError) {
        self.contentType = contentType
        self.limits = limits
        self.upstream = body.makeAsyncIterator()
        if contentType.type == "multipart" {
            guard contentType.subtype == "related" else {
                throw MultipartError(
                    .unsupportedMediaType,
                    "MTOM uses multipart/related, not '\(contentType.mediaType)'"
                )
            }
            parser = try MultipartParser(contentType: contentType, limits: limits)
        }
    }

    /// Bytes the multipart parser holds (see ``MultipartParser/bufferedByteCount``); 0 for a non-multipart body.
    /// The reader appends an upstream chunk only once the parser has used up the previous one, so this stays below
    /// one upstream chunk plus the boundary length + 3, however large the parts are.
    public var bufferedByteCount: Int { parser?.bufferedByteCount ?? 0 }

    /// Reads the root part into memory, up to ``MultipartLimits/maxRootPartSize`` bytes
    /// (``MultipartError/Code/rootPartTooLarge``). Call once, before ``nextAttachment()``.
    public nonisolated(nonsending) mutating func readRootPart() async throws -> MTOMPart {
        guard case .start = phase else {
            throw MultipartError(.readOutOfOrder, "readRootPart() is called once, before nextAttachment()")
        }
        guard parser != nil else { return try await readSinglePart() }
        let start = contentType.start.map(ContentID.normalise)
        var budget = limits.maxRootPartSize
        while true {
            switch try await nextEvent() {
            case .partHeaders(let headers):
                let contentID = try headers.contentID
                if start == nil || contentID?.value == start {
                    if let contentID { try register(contentID) }
                    try Self.checkTransferEncoding(headers, part: "the root part")
                    let type = try headers.contentType ?? .mimeDefault
                    let body = try await collectBody(budget: budget)
                    phase = .betweenAttachments
                    return MTOMPart(headers: headers, contentType: type, contentID: contentID, body: body)
                }
                let header = try attachmentHeader(headers)
                let body = try await collectBody(budget: budget)
                budget -= body.readableBytes
                heldAttachments.append(MTOMAttachment(header: header, body: body))
            case .end:
                phase = .finished
                throw MultipartError(.rootPartNotFound, "no part has the Content-ID that the start parameter names")
            case .bodyChunk, .partEnd:
                throw Self.outOfSequence()
            }
        }
    }

    /// The headers of the next attachment, or nil after the last. Any unread body of the previous attachment is
    /// skipped; if the root part has not been read it is read and dropped.
    public nonisolated(nonsending) mutating func nextAttachment() async throws -> MTOMAttachmentHeader? {
        switch phase {
        case .start:
            _ = try await readRootPart()
        case .inAttachment:
            skipping: while true {
                switch try await nextEvent() {
                case .bodyChunk: continue skipping
                case .partEnd: break skipping
                case .partHeaders, .end: throw Self.outOfSequence()
                }
            }
        case .inHeldAttachment, .betweenAttachments:
            break
        case .finished:
            return nil
        }
        phase = .betweenAttachments
        if !heldAttachments.isEmpty {
            let held = heldAttachments.removeFirst()
            phase = .inHeldAttachment(held.body)
            return held.header
        }
        guard parser != nil else {
            phase = .finished
            return nil
        }
        switch try await nextEvent() {
        case .partHeaders(let headers):
            let header = try attachmentHeader(headers)
            phase = .inAttachment
            return header
        case .end:
            phase = .finished
            return nil
        case .bodyChunk, .partEnd:
            throw Self.outOfSequence()
        }
    }

    /// The next chunk of the current attachment's body (a zero-copy slice of the input, never empty), or nil at the
    /// end of the attachment.
    public nonisolated(nonsending) mutating func nextAttachmentChunk() async throws -> ByteBuffer? {
        switch phase {
        case .inAttachment:
            switch try await nextEvent() {
            case .bodyChunk(let chunk):
                return chunk
            case .partEnd:
                phase = .betweenAttachments
                return nil
            case .partHeaders, .end:
                throw Self.outOfSequence()
            }
        case .inHeldAttachment(let body):
            phase = .inHeldAttachment(nil)
            guard let body, body.readableBytes > 0 else {
                phase = .betweenAttachments
                return nil
            }
            return body
        case .start, .betweenAttachments, .finished:
            return nil
        }
    }

    // MARK: Internals

    private nonisolated(nonsending) mutating func nextEvent() async throws -> MultipartEvent {
        while true {
            if let event = try parser?.next() { return event }
            guard !upstreamEnded else {
                throw MultipartError(.truncated, "the input ended before the close delimiter")
            }
            if let chunk = try await upstream.next(isolation: #isolation) {
                parser?.append(chunk)
            } else {
                upstreamEnded = true
                parser?.finish()
            }
        }
    }

    private nonisolated(nonsending) mutating func readSinglePart() async throws -> MTOMPart {
        phase = .finished
        var body = ByteBuffer()
        while let chunk = try await upstream.next(isolation: #isolation) {
            guard body.readableBytes + chunk.readableBytes <= limits.maxRootPartSize else {
                throw MultipartError(
                    .rootPartTooLarge,
                    "the SOAP body exceeds maxRootPartSize (\(limits.maxRootPartSize)) bytes"
                )
            }
            if body.readableBytes == 0 {
                body = ByteBufferAllocator().buffer(capacity: chunk.readableBytes)
            }
            body.writeImmutableBuffer(chunk)
        }
        upstreamEnded = true
        let headers = MIMEHeaders(validated: [.init(name: "Content-Type", value: contentType.description)])
        return MTOMPart(headers: headers, contentType: contentType, contentID: nil, body: body)
    }

    /// Collects the current part's body into one buffer of at most `budget` bytes.
    private nonisolated(nonsending) mutating func collectBody(budget: Int) async throws -> ByteBuffer {
        var body = ByteBuffer()
        while true {
            switch try await nextEvent() {
            case .bodyChunk(let chunk):
                guard body.readableBytes + chunk.readableBytes <= budget else {
                    throw MultipartError(
                        .rootPartTooLarge,
                        "the root part (with any parts before it) exceeds maxRootPartSize (\(limits.maxRootPartSize)) bytes"
                    )
                }
                if body.readableBytes == 0 {
                    body = ByteBufferAllocator().buffer(capacity: chunk.readableBytes)
                }
                body.writeImmutableBuffer(chunk)
            case .partEnd:
                return body
            case .partHeaders, .end:
                throw Self.outOfSequence()
            }
        }
    }

    private mutating func attachmentHeader(_ headers: MIMEHeaders) throws(MultipartError) -> MTOMAttachmentHeader {
        let number = parser?.partCount ?? 0
        guard let contentID = try headers.contentID else {
            throw MultipartError(.missingContentID, "part \(number) is an attachment without a Content-ID")
        }
        try register(contentID)
        try Self.checkTransferEncoding(headers, part: "part \(number)")
        let type = try headers.contentType ?? .mimeDefault
        attachmentContentIDs.insert(contentID)
        return MTOMAttachmentHeader(contentID: contentID, contentType: type, headers: headers)
    }

    private mutating func register(_ contentID: ContentID) throws(MultipartError) {
        guard partContentIDs.insert(contentID).inserted else {
            throw MultipartError(.duplicateContentID, "two parts carry the Content-ID '\(contentID)'")
        }
    }

    private static func checkTransferEncoding(_ headers: MIMEHeaders, part: String) throws(MultipartError) {
        switch headers.contentTransferEncoding {
        case nil, "binary", "8bit", "7bit":
            return
        default:
            throw MultipartError(
                .unsupportedTransferEncoding,
                "\(part) uses a Content-Transfer-Encoding other than binary, 8bit or 7bit"
            )
        }
    }

    private static func outOfSequence() -> MultipartError {
        MultipartError(.malformedDelimiter, "the multipart parser reported events out of sequence")
    }
}

extension MTOMReader: Sendable where Body.AsyncIterator: Sendable {}
