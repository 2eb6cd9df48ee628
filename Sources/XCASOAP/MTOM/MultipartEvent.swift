import NIOCore

/// What ``MultipartParser/next()`` reports, in this order for each part:
/// `.partHeaders`, zero or more `.bodyChunk`, `.partEnd`; after the last part `.end`.
public enum MultipartEvent: Sendable, Hashable {
    /// The header fields of a new part (RFC 2046 §5.1.1 `body-part` MIME-part-headers).
    case partHeaders(MIMEHeaders)
    /// Body bytes of the current part, never empty: a zero-copy slice of the input, as long as the input allows.
    case bodyChunk(ByteBuffer)
    /// The current part's body is complete.
    case partEnd
    /// The close delimiter `--boundary--` has been read; everything after it is epilogue and discarded.
    case end
}
