import NIOCore

/// Writes a `multipart/*` body (RFC 2046 §5.1.1) as a stream: the writer produces only the delimiters and header
/// blocks; the caller sends each part's body bytes unchanged in between, so bodies are never buffered here.
///
///     let writer = MultipartWriter.random()
///     send(writer.partHead(headers: rootHeaders, isFirst: true)); send(rootBody)
///     send(writer.partHead(headers: attachmentHeaders, isFirst: false)); for chunk in file { send(chunk) }
///     send(writer.close())
///
/// The CRLF that ends a body belongs to the following delimiter, so a body is sent exactly as it is.
public struct MultipartWriter: Sendable, Hashable {
    /// The boundary, without the leading `--`.
    public let boundary: String

    /// Uses `boundary`, which must be 1 to 70 RFC 2046 `bchars` not ending in a space. The caller must be sure no
    /// body contains `CRLF--boundary`; a random boundary (``randomBoundary()``) makes that a 2⁻¹⁹² event.
    public init(boundary: String) throws(MultipartError) {
        try MultipartBoundary.validate(boundary, strict: true)
        self.boundary = boundary
    }

    private init(unchecked boundary: String) { self.boundary = boundary }

    /// `MIMEBoundary_` + 48 hexadecimal digits (192 bits from `SystemRandomNumberGenerator`): 61 characters.
    public static func randomBoundary() -> String { "MIMEBoundary_" + RandomHex.string(byteCount: 24) }

    /// A writer with a ``randomBoundary()``.
    public static func random() -> MultipartWriter { MultipartWriter(unchecked: randomBoundary()) }

    /// The delimiter line, the header fields and the blank line that open a part: `--boundary CRLF headers CRLF`,
    /// preceded by CRLF unless the part is the first (the body then starts directly with the delimiter).
    public func partHead(headers: MIMEHeaders, isFirst: Bool) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: boundary.utf8.count + 8 + headers.count * 64)
        writePartHead(headers: headers, isFirst: isFirst, into: &buffer)
        return buffer
    }

    /// ``partHead(headers:isFirst:)`` appended to `buffer`.
    public func writePartHead(headers: MIMEHeaders, isFirst: Bool, into buffer: inout ByteBuffer) {
        if !isFirst { buffer.writeStaticString("\r\n") }
        buffer.writeStaticString("--")
        buffer.writeString(boundary)
        buffer.writeStaticString("\r\n")
        headers.write(to: &buffer)
        buffer.writeStaticString("\r\n")
    }

    /// The close delimiter after the last body: `CRLF--boundary--CRLF`.
    public func close() -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: boundary.utf8.count + 8)
        writeClose(into: &buffer)
        return buffer
    }

    /// ``close()`` appended to `buffer`.
    public func writeClose(into buffer: inout ByteBuffer) {
        buffer.writeStaticString("\r\n--")
        buffer.writeString(boundary)
        buffer.writeStaticString("--\r\n")
    }
}
