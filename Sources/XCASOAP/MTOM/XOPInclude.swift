/// An `<xop:Include href="cid:…"/>` reference from the XML of an MTOM root part to an attachment (XOP 1.0 §3.1,
/// `cid:` URLs per RFC 2392).
///
/// The href is a `cid:` URL: the Content-ID, without angle brackets, with characters a URL cannot hold
/// percent-encoded. `cid:att1%40example.org` names the part with `Content-ID: <att1@example.org>`.
public struct XOPInclude: Sendable, Hashable, CustomStringConvertible {
    /// The XOP namespace of the `Include` element (XOP 1.0 §3.1).
    public static let namespace = "http://www.w3.org/2004/08/xop/include"
    /// The local name of the element.
    public static let localName = "Include"

    /// The Content-ID of the part the include stands for.
    public let contentID: ContentID

    public init(contentID: ContentID) { self.contentID = contentID }

    /// Reads the `href` attribute; see ``contentID(fromHref:)``.
    public init(href: String) throws(MultipartError) { contentID = try Self.contentID(fromHref: href) }

    /// The `href` attribute value for this include.
    public var href: String { Self.href(forContentID: contentID) }

    public var description: String { href }

    /// The Content-ID a `cid:` URL names (RFC 2392 §2): the scheme is matched case-insensitively, surrounding
    /// whitespace is ignored, `%hh` escapes are decoded (to UTF-8) and the result is checked as a ``ContentID``.
    /// Errors: ``MultipartError/Code/invalidXOPHref`` when the href is not a `cid:` URL or names nothing,
    /// ``MultipartError/Code/malformedPercentEncoding`` for a `%` not followed by two hex digits or bytes that are not
    /// UTF-8, ``MultipartError/Code/invalidContentID`` when the decoded text cannot be a Content-ID.
    public static func contentID(fromHref href: String) throws(MultipartError) -> ContentID {
        let trimmed = MIMEGrammar.trimmed(href[...]).utf8
        guard trimmed.count > 4,
            MIMEGrammar.equalsIgnoringCase(String(decoding: trimmed.prefix(4), as: UTF8.self), "cid:")
        else {
            throw MultipartError(.invalidXOPHref, "an xop:Include href must be a non-empty 'cid:' URL (RFC 2392)")
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(trimmed.count - 4)
        var index = trimmed.index(trimmed.startIndex, offsetBy: 4)
        while index < trimmed.endIndex {
            let byte = trimmed[index]
            guard byte == 0x25 else {
                decoded.append(byte)
                index = trimmed.index(after: index)
                continue
            }
            let high = trimmed.index(after: index)
            guard high < trimmed.endIndex, let highValue = hexValue(trimmed[high]) else { throw badEscape() }
            let low = trimmed.index(after: high)
            guard low < trimmed.endIndex, let lowValue = hexValue(trimmed[low]) else { throw badEscape() }
            decoded.append(highValue << 4 | lowValue)
            index = trimmed.index(after: low)
        }
        guard let text = String(validating: decoded, as: UTF8.self) else {
            throw MultipartError(.malformedPercentEncoding, "the percent-decoded cid: URL is not UTF-8")
        }
        return try ContentID(ContentID.normalise(text))
    }

    /// `cid:` + the Content-ID with every byte outside RFC 3986 `pchar` (unreserved, sub-delims, `:` and `@`)
    /// percent-encoded, `%` included: `a b@x` → `cid:a%20b@x`.
    public static func href(forContentID contentID: ContentID) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = Array("cid:".utf8)
        output.reserveCapacity(4 + contentID.value.utf8.count)
        for byte in contentID.value.utf8 {
            if isPChar(byte) {
                output.append(byte)
            } else {
                output.append(0x25)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Checks that the include names one of `contentIDs` (the parts of the package) and returns it; else
    /// ``MultipartError/Code/unknownContentID``.
    public func resolve(in contentIDs: Set<ContentID>) throws(MultipartError) -> ContentID {
        guard contentIDs.contains(contentID) else {
            throw MultipartError(
                .unknownContentID,
                "xop:Include names cid '\(contentID)', which no part of the package carries"
            )
        }
        return contentID
    }

    /// ``contentID(fromHref:)`` then ``resolve(in:)``.
    public static func resolve(href: String, in contentIDs: Set<ContentID>) throws(MultipartError) -> ContentID {
        try XOPInclude(href: href).resolve(in: contentIDs)
    }

    private static func badEscape() -> MultipartError {
        MultipartError(.malformedPercentEncoding, "a '%' in a cid: URL is not followed by two hexadecimal digits")
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// RFC 3986 `pchar` minus `%`: ALPHA DIGIT `-._~` `!$&'()*+,;=` `:@`.
    private static func isPChar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x2D, 0x2E, 0x5F, 0x7E: true
        case 0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D: true
        case 0x3A, 0x40: true
        default: false
        }
    }
}
