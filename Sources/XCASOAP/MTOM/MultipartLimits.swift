/// Limits that bound what a multipart body can make the reader hold or do. Every limit is configurable; the
/// defaults suit MTOM SOAP traffic (a SOAP root part plus binary attachments streamed through).
public struct MultipartLimits: Sendable, Hashable {
    /// Bytes of preamble accepted before the first boundary delimiter (default 64 KiB). MTOM senders send none.
    public var maxPreambleSize: Int
    /// Bytes of one part's header block: transport padding after the delimiter, the header lines and the blank line
    /// (default 16 KiB).
    public var maxHeaderBlockSize: Int
    /// Header fields in one part (default 64).
    public var maxHeadersPerPart: Int
    /// Parts in one message (default 100_000: a RAD-75 study can be thousands of instances).
    public var maxParts: Int
    /// Body bytes of any one part, nil for no limit (the default: attachments are streamed, not held).
    public var maxPartSize: Int?
    /// Body bytes of the root part, which ``MTOMReader`` collects into memory (default 64 MiB). Parts that arrive
    /// before the root, which the reader must hold until the root has been read, count against it too.
    public var maxRootPartSize: Int

    public init(
        maxPreambleSize: Int = 64 * 1024,
        maxHeaderBlockSize: Int = 16 * 1024,
        maxHeadersPerPart: Int = 64,
        maxParts: Int = 100_000,
        maxPartSize: Int? = nil,
        maxRootPartSize: Int = 64 * 1024 * 1024
    ) {
        self.maxPreambleSize = maxPreambleSize
        self.maxHeaderBlockSize = maxHeaderBlockSize
        self.maxHeadersPerPart = maxHeadersPerPart
        self.maxParts = maxParts
        self.maxPartSize = maxPartSize
        self.maxRootPartSize = maxRootPartSize
    }

    /// The documented defaults.
    public static let `default` = MultipartLimits()
}
