/// Caps on what the reader accepts, so that hostile input costs bounded time and memory.
///
/// Defaults are sized for the gateway's traffic: a merged ITI-38 response of 10,000 entries is about 40 MB, an
/// ebRIM attribute is a few hundred bytes, and registry objects nest about 8 levels inside a SOAP envelope.
public struct XMLLimits: Sendable, Hashable {
    /// Largest document accepted, in bytes. Default 128 MiB.
    public var maxDocumentSize: Int
    /// Deepest element nesting accepted (the document element is depth 1). Default 256.
    public var maxDepth: Int
    /// Most attributes on one element (namespace declarations not counted). Default 256.
    public var maxAttributesPerElement: Int
    /// Longest attribute value, in bytes of UTF-8. Default 64 KiB.
    public var maxAttributeLength: Int
    /// Longest text node, in bytes of UTF-8. Default 10,000,000 bytes (libxml2's own ceiling without
    /// XML_PARSE_HUGE); a larger value switches XML_PARSE_HUGE on, which is safe here because DTDs are refused.
    public var maxTextLength: Int
    /// Longest element or attribute name, in bytes. Default 1,024.
    public var maxNameLength: Int

    public init(
        maxDocumentSize: Int = 128 << 20,
        maxDepth: Int = 256,
        maxAttributesPerElement: Int = 256,
        maxAttributeLength: Int = 64 << 10,
        maxTextLength: Int = 10_000_000,
        maxNameLength: Int = 1_024
    ) {
        self.maxDocumentSize = maxDocumentSize
        self.maxDepth = maxDepth
        self.maxAttributesPerElement = maxAttributesPerElement
        self.maxAttributeLength = maxAttributeLength
        self.maxTextLength = maxTextLength
        self.maxNameLength = maxNameLength
    }

    /// The defaults described above.
    public static let `default` = XMLLimits()

    /// libxml2 refuses text nodes over 10,000,000 bytes unless XML_PARSE_HUGE is set.
    static let libxml2TextCeiling = 10_000_000
}
