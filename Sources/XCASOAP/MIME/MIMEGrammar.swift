/// Byte classes of the MIME and HTTP header grammars (RFC 2045 §5.1, RFC 7230 §3.2.6, RFC 5322 §3.2).
enum MIMEGrammar {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D
    static let slash: UInt8 = 0x2F
    static let dash: UInt8 = 0x2D

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// RFC 2045 §5.1 `token`: any US-ASCII printable except SPACE and `tspecials` `()<>@,;:\"/[]?=`.
    /// (Slightly wider than RFC 7230's `tchar`, which also excludes `{}`; the wider set is what MIME parsers accept.)
    @inline(__always)
    static func isToken(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21, 0x23...0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x30...0x39, 0x41...0x5A, 0x5E...0x7E: true
        default: false
        }
    }

    /// RFC 7230 §3.2.6 `tchar`: the stricter set used to decide whether a value can be written unquoted.
    @inline(__always)
    static func isStrictToken(_ byte: UInt8) -> Bool {
        byte != 0x7B && byte != 0x7D && isToken(byte)
    }

    /// RFC 5322 §3.6.8 `ftext`: printable US-ASCII except the colon, the characters of a header field name.
    @inline(__always)
    static func isFieldNameByte(_ byte: UInt8) -> Bool { byte >= 0x21 && byte <= 0x7E && byte != colon }

    /// A byte allowed inside a header field value or a quoted-string: HTAB, SP, VCHAR and obs-text (UTF-8 bytes).
    /// Everything else (NUL, CR, LF, the other C0 controls, DEL) is rejected, which also rules out header injection.
    @inline(__always)
    static func isFieldValueByte(_ byte: UInt8) -> Bool { byte == tab || (byte >= 0x20 && byte != 0x7F) }

    static func isToken(_ string: String) -> Bool {
        !string.utf8.isEmpty && string.utf8.allSatisfy(isToken)
    }

    static func isFieldValue(_ string: String) -> Bool { string.utf8.allSatisfy(isFieldValueByte) }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// ASCII lower-casing (MIME type and parameter names are case-insensitive ASCII tokens).
    static func asciiLowercased(_ string: String) -> String {
        if !string.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { return string }
        return String(decoding: string.utf8.map(lowercased), as: UTF8.self)
    }

    /// Case-insensitive ASCII comparison without allocating.
    static func equalsIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.count == rhs.utf8.count && zip(lhs.utf8, rhs.utf8).allSatisfy { lowercased($0) == lowercased($1) }
    }

    /// Strips SP, HTAB, CR and LF from both ends.
    static func trimmed(_ string: Substring) -> Substring {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = string.firstIndex(where: { !isBlank($0) }),
            let last = string.lastIndex(where: { !isBlank($0) })
        else { return string[string.endIndex...] }
        return string[first...last]
    }

    /// Appends `value` to `output` as a token when it is one, else as an RFC 7230 §3.2.6 quoted-string
    /// (`"` and `\` escaped with a backslash).
    static func appendTokenOrQuoted(_ value: String, to output: inout String) {
        if !value.utf8.isEmpty && value.utf8.allSatisfy(isStrictToken) {
            output += value
            return
        }
        output += "\""
        for character in value.unicodeScalars {
            if character == "\"" || character == "\\" { output += "\\" }
            output.unicodeScalars.append(character)
        }
        output += "\""
    }
}
