/// `cid:` URLs (RFC 2392 §2): how an `xop:Include/@href` names the MIME part (by its Content-ID) that holds an
/// MTOM attachment (XOP 1.0 §3.1; protocol facts §2.2).
///
/// A `cid:` URL is the Content-ID without its angle brackets, with characters not allowed in a URL
/// percent-encoded (`%40` for `@` by some stacks, a literal `@` by others): reading percent-decodes, writing
/// encodes only what a URL cannot carry, so that receivers that do not decode still find the part.
package enum CIDURL {
    /// The Content-ID (without `cid:` and angle brackets) that `href` names. The scheme is matched
    /// case-insensitively; angle brackets a partner left around the value are dropped.
    package static func contentID(fromHref href: String) throws(BindingError) -> String {
        var bytes = Array(href.utf8)[...]
        while let first = bytes.first, isSpace(first) { bytes.removeFirst() }
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        guard bytes.count > 4, bytes.prefix(4).map({ $0 | 0x20 }) == Array("cid:".utf8) else {
            throw BindingError(.invalidValue, "xop:Include/@href is not a cid: URL (RFC 2392)")
        }
        bytes.removeFirst(4)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]),
                    let low = hexValue(bytes[index + 2])
                else {
                    throw BindingError(.invalidValue, "xop:Include/@href has a malformed percent-encoding")
                }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(byte)
                index += 1
            }
        }
        if decoded.first == UInt8(ascii: "<"), decoded.last == UInt8(ascii: ">"), decoded.count >= 2 {
            decoded = Array(decoded.dropFirst().dropLast())
        }
        guard !decoded.isEmpty else { throw BindingError(.invalidValue, "xop:Include/@href names an empty Content-ID") }
        guard let contentID = String(validating: decoded, as: UTF8.self) else {
            throw BindingError(.invalidValue, "xop:Include/@href does not decode to UTF-8")
        }
        return contentID
    }

    /// The `cid:` URL of a Content-ID (given without angle brackets): every byte outside RFC 3986 `pchar`
    /// (unreserved, sub-delims, `:` and `@`) is percent-encoded.
    package static func href(forContentID contentID: String) -> String {
        var output: [UInt8] = Array("cid:".utf8)
        output.reserveCapacity(4 + contentID.utf8.count)
        let digits: [UInt8] = Array("0123456789ABCDEF".utf8)
        for byte in contentID.utf8 {
            if isPathCharacter(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(digits[Int(byte >> 4)])
                output.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// RFC 3986 `pchar` without `pct-encoded`.
    private static func isPathCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):  // unreserved
            true
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="):  // sub-delims
            true
        case UInt8(ascii: ":"), UInt8(ascii: "@"):
            true
        default:
            false
        }
    }
}
