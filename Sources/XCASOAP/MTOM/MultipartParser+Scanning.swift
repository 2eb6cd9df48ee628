import NIOCore

#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

extension MultipartParser {
    enum ScanResult: Equatable {
        /// A delimiter `[CR]LF--boundary` occupies `start..<end` of the readable bytes.
        case delimiter(start: Int, end: Int)
        /// No delimiter: the first `safeEnd` bytes are certainly not part of one; the rest may be its beginning.
        case undecided(safeEnd: Int)
    }

    /// Looks for the delimiter in the readable bytes of `buffer`: `memchr` for each LF, `memcmp` of `--boundary`
    /// after it. A CR just before the LF belongs to the delimiter. The bytes that are held back as undecided are at
    /// most `[CR]LF` + a proper prefix of `--boundary`, or a trailing CR.
    func scanForDelimiter() -> ScanResult {
        buffer.withUnsafeReadableBytes { bytes in
            dashBoundary.withUnsafeBytes { dash in
                Self.scan(bytes, for: dash)
            }
        }
    }

    static func scan(_ bytes: UnsafeRawBufferPointer, for dash: UnsafeRawBufferPointer) -> ScanResult {
        let count = bytes.count
        guard count > 0, let base = bytes.baseAddress, let dashBase = dash.baseAddress else {
            return .undecided(safeEnd: 0)
        }
        let dashCount = dash.count
        var offset = 0
        while offset < count, let hit = memchr(base + offset, Int32(MIMEGrammar.lf), count - offset) {
            let lf = base.distance(to: UnsafeRawPointer(hit))
            let start = lf > 0 && bytes[lf - 1] == MIMEGrammar.cr ? lf - 1 : lf
            let after = lf + 1
            let available = count - after
            if available >= dashCount {
                if memcmp(base + after, dashBase, dashCount) == 0 {
                    return .delimiter(start: start, end: after + dashCount)
                }
            } else if available == 0 || memcmp(base + after, dashBase, available) == 0 {
                return .undecided(safeEnd: start)
            }
            offset = after
        }
        return .undecided(safeEnd: bytes[count - 1] == MIMEGrammar.cr ? count - 1 : count)
    }

    /// Consumes header lines from `buffer` until the blank line that ends the block. Returns the parsed headers, or
    /// nil when the block continues beyond the buffer (its bytes are then kept in `headerBlock`).
    mutating func scanHeaderBlock() throws(MultipartError) -> MIMEHeaders? {
        var lineLength = headerLineLength
        var startsWithCR = headerLineStartsWithCR
        let blockEnd: Int? = buffer.withUnsafeReadableBytes { bytes in
            guard let base = bytes.baseAddress else { return nil }
            var offset = 0
            while offset < bytes.count {
                guard let hit = memchr(base + offset, Int32(MIMEGrammar.lf), bytes.count - offset) else {
                    if lineLength == 0 { startsWithCR = bytes[offset] == MIMEGrammar.cr }
                    lineLength += bytes.count - offset
                    return nil
                }
                let lf = base.distance(to: UnsafeRawPointer(hit))
                let segment = lf - offset
                let firstIsCR = lineLength > 0 ? startsWithCR : segment > 0 && bytes[offset] == MIMEGrammar.cr
                let total = lineLength + segment
                if total == 0 || (total == 1 && firstIsCR) { return lf + 1 }
                lineLength = 0
                startsWithCR = false
                offset = lf + 1
            }
            return nil
        }
        let consumed = blockEnd ?? buffer.readableBytes
        headerByteCount += consumed
        try checkHeaderBlockSize()
        guard let blockEnd else {
            headerBlock.writeImmutableBuffer(buffer)
            buffer.moveReaderIndex(forwardBy: consumed)
            headerLineLength = lineLength
            headerLineStartsWithCR = startsWithCR
            return nil
        }
        let headers: MIMEHeaders
        if headerBlock.readableBytes == 0 {
            headers = try buffer.withUnsafeReadableBytes { bytes throws(MultipartError) in
                try Self.parseHeaderBlock(
                    UnsafeRawBufferPointer(rebasing: bytes[..<blockEnd]),
                    part: partCount,
                    limits: limits
                )
            }
        } else {
            if let rest = buffer.getSlice(at: buffer.readerIndex, length: blockEnd) {
                headerBlock.writeImmutableBuffer(rest)
            }
            headers = try headerBlock.withUnsafeReadableBytes { bytes throws(MultipartError) in
                try Self.parseHeaderBlock(bytes, part: partCount, limits: limits)
            }
            headerBlock = ByteBuffer()
        }
        buffer.moveReaderIndex(forwardBy: blockEnd)
        return headers
    }

    /// Parses `name: value` lines ending in LF or CRLF, up to and including the blank line (RFC 5322 §2.2, with
    /// obsolete line folding: a line starting with SP or HTAB continues the previous field).
    static func parseHeaderBlock(
        _ bytes: UnsafeRawBufferPointer,
        part: Int,
        limits: MultipartLimits
    )
        throws(MultipartError) -> MIMEHeaders
    {
        var fields: [MIMEHeaders.Field] = []
        var name: String? = nil
        var value: [UInt8] = []

        func flush() throws(MultipartError) {
            guard let current = name else { return }
            var lower = 0
            var upper = value.count
            while lower < upper, MIMEGrammar.isWhitespace(value[lower]) { lower += 1 }
            while upper > lower, MIMEGrammar.isWhitespace(value[upper - 1]) { upper -= 1 }
            let trimmed = value[lower..<upper]
            guard trimmed.allSatisfy(MIMEGrammar.isFieldValueByte),
                let text = String(validating: trimmed, as: UTF8.self)
            else {
                throw MultipartError(
                    .malformedHeader,
                    "header '\(current)' of part \(part) has a control character or bad UTF-8"
                )
            }
            fields.append(.init(name: current, value: text))
            name = nil
            value.removeAll(keepingCapacity: true)
        }

        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != MIMEGrammar.lf { lineEnd += 1 }
            let next = lineEnd + 1
            if lineEnd > lineStart, bytes[lineEnd - 1] == MIMEGrammar.cr { lineEnd -= 1 }
            defer { lineStart = next }
            if lineEnd == lineStart { break }  // the blank line
            let line = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            if MIMEGrammar.isWhitespace(line[0]) {
                guard name != nil else {
                    throw MultipartError(.malformedHeader, "part \(part) starts its headers with a continuation line")
                }
                value.append(contentsOf: line)
                continue
            }
            try flush()
            guard let colon = line.firstIndex(of: MIMEGrammar.colon) else {
                throw MultipartError(.malformedHeader, "a header line of part \(part) has no ':'")
            }
            var nameEnd = colon
            while nameEnd > 0, MIMEGrammar.isWhitespace(line[nameEnd - 1]) { nameEnd -= 1 }
            let nameBytes = line[..<nameEnd]
            guard !nameBytes.isEmpty, nameBytes.allSatisfy(MIMEGrammar.isFieldNameByte) else {
                throw MultipartError(
                    .malformedHeader,
                    "a header name of part \(part) is empty or has invalid characters"
                )
            }
            guard fields.count < limits.maxHeadersPerPart else {
                throw MultipartError(
                    .tooManyHeaders,
                    "part \(part) has more than maxHeadersPerPart (\(limits.maxHeadersPerPart)) headers"
                )
            }
            name = String(decoding: nameBytes, as: UTF8.self)
            value.append(contentsOf: line[(colon + 1)...])
        }
        try flush()
        return MIMEHeaders(validated: fields)
    }
}
