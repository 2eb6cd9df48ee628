import NIOCore

#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// An incremental, synchronous `multipart/*` parser (RFC 2046 §5.1, used by MTOM as `multipart/related`, RFC 2387).
///
/// Feed it the body chunk by chunk with ``append(_:)``, call ``finish()`` when the input ends, and pull events with
/// ``next()`` until it returns nil (it needs more input) or ``MultipartEvent/end``:
///
///     var parser = try MultipartParser(boundary: contentType.boundary ?? "", limits: .default)
///     for chunk in chunks {
///         parser.append(chunk)
///         while let event = try parser.next() { … }
///     }
///     parser.finish()
///     while let event = try parser.next() { … }
///
/// Body bytes come out as zero-copy slices of the appended buffers: the delimiter `CRLF--boundary` is found with
/// `memchr` for the LF and `memcmp` for `--boundary`, so a chunk of binary data usually yields one slice. Only the
/// few bytes that could still be the start of a delimiter split across two chunks (at most the boundary length + 3)
/// are held back, copied into a small buffer; ``bufferedByteCount`` shows what the parser holds.
///
/// Accepted beyond the letter of RFC 2046, because real messages have them: a body that begins directly with
/// `--boundary` (no CRLF), a preamble and an epilogue, transport padding (spaces, tabs) after a delimiter, and bare
/// LF instead of CRLF in delimiters and header lines (a CR before the LF is part of the delimiter when present).
/// A delimiter followed by anything but padding and a line break, or `--`, is ``MultipartError/Code/malformedDelimiter``
/// rather than body data: writers choose boundaries that never occur in their parts.
///
/// After an error every later call of ``next()`` throws the same error.
public struct MultipartParser: Sendable {
    /// The boundary, without the leading `--`.
    public let boundary: String
    public let limits: MultipartLimits

    enum State: Equatable {
        /// Before the first delimiter; `atStart` while nothing has been read (the body may open with `--boundary`).
        case preamble(atStart: Bool)
        /// Just after `--boundary`: `--` (close), or transport padding and a line break. `padded` once padding was seen.
        case delimiterLine(padded: Bool)
        case headers
        case body
        /// After the close delimiter: the rest is epilogue.
        case done
    }

    /// `--` + boundary.
    let dashBoundary: [UInt8]
    /// The bytes being parsed: an appended chunk (zero-copy), or a small carry of undecided bytes.
    var buffer = ByteBuffer()
    /// Chunks appended but not yet reached.
    var pending = CircularBuffer<ByteBuffer>()
    var pendingByteCount = 0
    var inputEnded = false
    var state = State.preamble(atStart: true)
    var failure: MultipartError?

    /// Parts whose headers have begun (1-based number of the current part).
    public private(set) var partCount = 0
    var partByteCount = 0
    var preambleByteCount = 0
    /// Bytes of the current header block so far (padding, lines, blank line).
    var headerByteCount = 0
    /// Header bytes of the current part already consumed from earlier chunks.
    var headerBlock = ByteBuffer()
    /// Length of the unterminated header line at the end of `headerBlock`, and whether it starts with CR.
    var headerLineLength = 0
    var headerLineStartsWithCR = false

    /// Parses a body delimited by `boundary` (the `boundary` parameter, without `--`). Boundaries of up to 256
    /// visible ASCII characters are accepted (RFC 2046 allows 70; some stacks send longer ones).
    public init(boundary: String, limits: MultipartLimits = .default) throws(MultipartError) {
        try MultipartBoundary.validate(boundary, strict: false)
        self.boundary = boundary
        self.limits = limits
        self.dashBoundary = [MIMEGrammar.dash, MIMEGrammar.dash] + Array(boundary.utf8)
    }

    /// Parses a body of type `contentType`, which must be `multipart/*` with a `boundary` parameter.
    public init(contentType: MIMEContentType, limits: MultipartLimits = .default) throws(MultipartError) {
        guard contentType.type == "multipart" else {
            throw MultipartError(.unsupportedMediaType, "'\(contentType.mediaType)' is not a multipart type")
        }
        guard let boundary = contentType.boundary else {
            throw MultipartError(.missingBoundary, "the multipart Content-Type has no boundary parameter")
        }
        try self.init(boundary: boundary, limits: limits)
    }

    /// Bytes the parser holds: appended chunks not yet parsed, the undecided tail and the current part's header
    /// bytes. Once ``next()`` has returned nil this is at most the boundary length + 3 while inside a body.
    public var bufferedByteCount: Int { buffer.readableBytes + pendingByteCount + headerBlock.readableBytes }

    /// True once the close delimiter has been read (``MultipartEvent/end`` was returned).
    public var isComplete: Bool { state == .done }

    /// Queues the next chunk of the body. The chunk is not copied; after the close delimiter input is discarded.
    public mutating func append(_ chunk: ByteBuffer) {
        guard chunk.readableBytes > 0, !inputEnded, state != .done else { return }
        if buffer.readableBytes == 0 && pending.isEmpty {
            buffer = chunk
        } else {
            pending.append(chunk)
            pendingByteCount += chunk.readableBytes
        }
    }

    /// Marks the end of the input: from now on ``next()`` reports a truncated body instead of asking for more.
    /// Chunks appended afterwards are ignored.
    public mutating func finish() {
        inputEnded = true
    }

    /// The next event, or nil when more input is needed (or after ``MultipartEvent/end``).
    public mutating func next() throws(MultipartError) -> MultipartEvent? {
        if let failure { throw failure }
        do {
            return try step()
        } catch {
            failure = error
            buffer = ByteBuffer()
            pending.removeAll()
            pendingByteCount = 0
            headerBlock = ByteBuffer()
            throw error
        }
    }

    private mutating func step() throws(MultipartError) -> MultipartEvent? {
        while true {
            switch state {
            case .preamble(let atStart):
                if atStart {
                    if fill(atLeast: dashBoundary.count) {
                        if bufferHasPrefix(dashBoundary.count) {
                            buffer.moveReaderIndex(forwardBy: dashBoundary.count)
                            enterDelimiterLine()
                            continue
                        }
                    } else if buffer.readableBytes == 0 || bufferHasPrefix(buffer.readableBytes) {
                        return try needMore()
                    }
                    state = .preamble(atStart: false)
                    continue
                }
                guard loadBuffer() else { return try needMore() }
                switch scanForDelimiter() {
                case .delimiter(let start, let end):
                    try countPreamble(start)
                    buffer.moveReaderIndex(forwardBy: end)
                    enterDelimiterLine()
                case .undecided(let safeEnd):
                    if safeEnd > 0 {
                        try countPreamble(safeEnd)
                        buffer.moveReaderIndex(forwardBy: safeEnd)
                    } else if !fill(atLeast: dashBoundary.count + 2) {
                        return try needMore()
                    }
                }

            case .delimiterLine(let padded):
                guard loadBuffer() else { return try needMore() }
                switch firstByte() {
                case MIMEGrammar.space, MIMEGrammar.tab:
                    let count = whitespaceRunLength()
                    headerByteCount += count
                    try checkHeaderBlockSize()
                    buffer.moveReaderIndex(forwardBy: count)
                    state = .delimiterLine(padded: true)
                case MIMEGrammar.lf:
                    buffer.moveReaderIndex(forwardBy: 1)
                    try beginPart(lineBreakBytes: 1)
                case MIMEGrammar.cr:
                    guard fill(atLeast: 2) else { return try needMore() }
                    guard secondByte() == MIMEGrammar.lf else {
                        throw MultipartError(
                            .malformedDelimiter,
                            "a CR without LF follows the delimiter \(delimiterName)"
                        )
                    }
                    buffer.moveReaderIndex(forwardBy: 2)
                    try beginPart(lineBreakBytes: 2)
                case MIMEGrammar.dash where !padded:
                    guard fill(atLeast: 2) else { return try needMore() }
                    guard secondByte() == MIMEGrammar.dash else {
                        throw MultipartError(
                            .malformedDelimiter,
                            "the delimiter \(delimiterName) is followed by '-' and text"
                        )
                    }
                    guard partCount > 0 else {
                        throw MultipartError(.noParts, "the close delimiter comes before any part")
                    }
                    state = .done
                    discardInput()
                    return .end
                default:
                    throw MultipartError(
                        .malformedDelimiter,
                        "the delimiter \(delimiterName) is followed by text instead of a line break or '--'"
                    )
                }

            case .headers:
                guard loadBuffer() else { return try needMore() }
                if let headers = try scanHeaderBlock() {
                    state = .body
                    partByteCount = 0
                    return .partHeaders(headers)
                }

            case .body:
                guard loadBuffer() else { return try needMore() }
                switch scanForDelimiter() {
                case .delimiter(let start, let end):
                    if start > 0 { return .bodyChunk(try takeBody(start)) }
                    buffer.moveReaderIndex(forwardBy: end)
                    enterDelimiterLine()
                    return .partEnd
                case .undecided(let safeEnd):
                    if safeEnd > 0 { return .bodyChunk(try takeBody(safeEnd)) }
                    if !fill(atLeast: dashBoundary.count + 2) { return try needMore() }
                }

            case .done:
                discardInput()
                return nil
            }
        }
    }

    // MARK: State changes

    private var delimiterName: String { partCount == 0 ? "before part 1" : "after part \(partCount)" }

    private mutating func enterDelimiterLine() {
        headerByteCount = 0
        state = .delimiterLine(padded: false)
    }

    private mutating func beginPart(lineBreakBytes: Int) throws(MultipartError) {
        guard partCount < limits.maxParts else {
            throw MultipartError(.tooManyParts, "the message has more than maxParts (\(limits.maxParts)) parts")
        }
        partCount += 1
        headerByteCount += lineBreakBytes
        try checkHeaderBlockSize()
        headerBlock.clear()
        headerLineLength = 0
        headerLineStartsWithCR = false
        state = .headers
    }

    private mutating func countPreamble(_ count: Int) throws(MultipartError) {
        preambleByteCount += count
        guard preambleByteCount <= limits.maxPreambleSize else {
            throw MultipartError(
                .preambleTooLarge,
                "more than maxPreambleSize (\(limits.maxPreambleSize)) bytes before the first delimiter"
            )
        }
    }

    func checkHeaderBlockSize() throws(MultipartError) {
        guard headerByteCount <= limits.maxHeaderBlockSize else {
            throw MultipartError(
                .headerBlockTooLarge,
                "the headers of part \(max(partCount, 1)) exceed maxHeaderBlockSize (\(limits.maxHeaderBlockSize)) bytes"
            )
        }
    }

    private mutating func takeBody(_ count: Int) throws(MultipartError) -> ByteBuffer {
        partByteCount += count
        if let maxPartSize = limits.maxPartSize, partByteCount > maxPartSize {
            throw MultipartError(.partTooLarge, "part \(partCount) exceeds maxPartSize (\(maxPartSize)) bytes")
        }
        guard let slice = buffer.readSlice(length: count) else {
            preconditionFailure("MultipartParser: body slice beyond the readable bytes")
        }
        return slice
    }

    /// Input ended or is needed: throws if the input has ended before the close delimiter, else returns nil after
    /// copying a small undecided tail out of the (possibly large) chunk it came from, so that chunk can be freed.
    private mutating func needMore() throws(MultipartError) -> MultipartEvent? {
        guard inputEnded else {
            if buffer.readableBytes > 0 {
                var compact = ByteBufferAllocator().buffer(capacity: buffer.readableBytes)
                compact.writeImmutableBuffer(buffer)
                buffer = compact
            }
            return nil
        }
        switch state {
        case .preamble:
            throw MultipartError(.noParts, "the input ended before the first boundary delimiter")
        case .delimiterLine:
            throw MultipartError(.truncated, "the input ended in the delimiter line \(delimiterName)")
        case .headers:
            throw MultipartError(.truncated, "the input ended in the headers of part \(partCount)")
        case .body:
            throw MultipartError(
                .truncated,
                "the input ended in the body of part \(partCount), before the close delimiter"
            )
        case .done:
            return nil
        }
    }

    private mutating func discardInput() {
        buffer = ByteBuffer()
        pending.removeAll()
        pendingByteCount = 0
    }

    // MARK: Input buffer

    /// Makes `buffer` non-empty if any input is queued. Returns false when there is nothing to parse.
    private mutating func loadBuffer() -> Bool {
        if buffer.readableBytes > 0 { return true }
        guard let next = pending.popFirst() else { return false }
        pendingByteCount -= next.readableBytes
        buffer = next
        return true
    }

    /// Makes `buffer` hold at least `count` contiguous bytes, moving only the missing bytes out of the queued chunks
    /// into a fresh small buffer (never a whole chunk). Returns false when the queued input is not enough.
    mutating func fill(atLeast count: Int) -> Bool {
        while buffer.readableBytes < count {
            guard var head = pending.popFirst() else { return false }
            pendingByteCount -= head.readableBytes
            if buffer.readableBytes == 0 {
                buffer = head
                continue
            }
            let take = min(count - buffer.readableBytes, head.readableBytes)
            var joined = ByteBufferAllocator().buffer(capacity: buffer.readableBytes + take)
            joined.writeImmutableBuffer(buffer)
            if let moved = head.readSlice(length: take) { joined.writeImmutableBuffer(moved) }
            buffer = joined
            if head.readableBytes > 0 {
                pending.prepend(head)
                pendingByteCount += head.readableBytes
            }
        }
        return true
    }

    private func firstByte() -> UInt8 { buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) ?? 0 }
    private func secondByte() -> UInt8 { buffer.getInteger(at: buffer.readerIndex + 1, as: UInt8.self) ?? 0 }

    /// Whether the first `count` readable bytes equal the first `count` bytes of `--boundary`.
    private func bufferHasPrefix(_ count: Int) -> Bool {
        guard count <= buffer.readableBytes, count <= dashBoundary.count else { return false }
        return buffer.withUnsafeReadableBytes { bytes in
            dashBoundary.withUnsafeBytes { dash in
                guard count > 0, let lhs = bytes.baseAddress, let rhs = dash.baseAddress else { return true }
                return memcmp(lhs, rhs, count) == 0
            }
        }
    }

    private func whitespaceRunLength() -> Int {
        buffer.withUnsafeReadableBytes { bytes in
            var count = 0
            while count < bytes.count, MIMEGrammar.isWhitespace(bytes[count]) { count += 1 }
            return count
        }
    }
}
