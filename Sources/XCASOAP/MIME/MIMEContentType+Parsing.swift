extension MIMEContentType {
    /// Parses a `Content-Type` value: `type/subtype *( OWS ";" OWS name "=" ( token / quoted-string ) )`
    /// (RFC 7231 §3.1.1.1, RFC 2045 §5.1).
    ///
    /// Tolerated, because real senders produce them: whitespace around `/`, `;` and `=`, empty parameters (`;;`, a
    /// trailing `;`), and unquoted values that contain `tspecials` such as `/`, `<`, `>`, `@` or `:` (for example
    /// `type=application/xop+xml`, `start=<root@host>`). Rejected with ``MultipartError/Code/malformedContentType``:
    /// a missing type or subtype, a parameter without `=` or without a value, an unterminated quoted-string, a bad
    /// escape, text after a quoted value, control characters. A repeated name (case-insensitive) is
    /// ``MultipartError/Code/duplicateParameter``.
    public init(parsing text: String) throws(MultipartError) {
        var text = text
        let result: Result<MIMEContentType, MultipartError> = text.withUTF8 { bytes in
            var parser = ContentTypeParser(bytes: bytes)
            return Result { () throws(MultipartError) in try parser.parse() }
        }
        self = try result.get()
    }
}

/// A cursor over the UTF-8 bytes of a Content-Type value.
private struct ContentTypeParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }

    mutating func skipWhitespace() {
        while index < bytes.count, MIMEGrammar.isWhitespace(bytes[index]) { index += 1 }
    }

    mutating func token() -> Range<Int> {
        let start = index
        while index < bytes.count, MIMEGrammar.isToken(bytes[index]) { index += 1 }
        return start..<index
    }

    func string(_ range: Range<Int>, lowercased: Bool = false) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        return lowercased
            ? String(decoding: slice.lazy.map(MIMEGrammar.lowercased), as: UTF8.self)
            : String(decoding: slice, as: UTF8.self)
    }

    mutating func parse() throws(MultipartError) -> MIMEContentType {
        skipWhitespace()
        let type = token()
        guard !type.isEmpty else { throw MultipartError(.malformedContentType, "the media type is missing") }
        skipWhitespace()
        guard !atEnd, bytes[index] == MIMEGrammar.slash else {
            throw MultipartError(.malformedContentType, "the media type has no '/subtype'")
        }
        index += 1
        skipWhitespace()
        let subtype = token()
        guard !subtype.isEmpty else { throw MultipartError(.malformedContentType, "the media subtype is missing") }

        var parameters: [MIMEContentType.Parameter] = []
        while true {
            skipWhitespace()
            if atEnd { break }
            guard bytes[index] == MIMEGrammar.semicolon else {
                throw MultipartError(
                    .malformedContentType,
                    "expected ';' before parameter \(parameters.count + 1), found another character"
                )
            }
            index += 1
            skipWhitespace()
            if atEnd || bytes[index] == MIMEGrammar.semicolon { continue }
            let number = parameters.count + 1
            let nameRange = token()
            guard !nameRange.isEmpty else {
                throw MultipartError(.malformedContentType, "parameter \(number) has no name")
            }
            let name = string(nameRange, lowercased: true)
            skipWhitespace()
            guard !atEnd, bytes[index] == MIMEGrammar.equals else {
                throw MultipartError(.malformedContentType, "parameter '\(name)' has no '='")
            }
            index += 1
            skipWhitespace()
            let value: String
            if !atEnd, bytes[index] == MIMEGrammar.quote {
                value = try quotedString(name: name)
            } else {
                value = try unquotedValue(name: name)
            }
            try MIMEContentType.append(.init(name: name, value: value), to: &parameters)
        }
        return MIMEContentType(
            validatedType: string(type, lowercased: true),
            subtype: string(subtype, lowercased: true),
            parameters: parameters
        )
    }

    /// A token, leniently widened to every visible character except `;`, `"` and `\`.
    mutating func unquotedValue(name: String) throws(MultipartError) -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == MIMEGrammar.semicolon || MIMEGrammar.isWhitespace(byte) { break }
            guard byte > MIMEGrammar.space, byte != 0x7F, byte != MIMEGrammar.quote, byte != MIMEGrammar.backslash
            else {
                throw MultipartError(.malformedContentType, "parameter '\(name)' has a character a token cannot hold")
            }
            index += 1
        }
        guard index > start else { throw MultipartError(.malformedContentType, "parameter '\(name)' has no value") }
        return string(start..<index)
    }

    /// RFC 7230 §3.2.6 quoted-string; `index` is on the opening quote.
    mutating func quotedString(name: String) throws(MultipartError) -> String {
        index += 1
        let start = index
        var unescaped: [UInt8]? = nil  // only allocated when the value contains a quoted-pair
        while index < bytes.count {
            let byte = bytes[index]
            if byte == MIMEGrammar.quote {
                let value = unescaped.map { String(decoding: $0, as: UTF8.self) } ?? string(start..<index)
                index += 1
                return value
            }
            if byte == MIMEGrammar.backslash {
                guard index + 1 < bytes.count, MIMEGrammar.isFieldValueByte(bytes[index + 1]) else {
                    throw MultipartError(.malformedContentType, "parameter '\(name)' has a bad '\\' escape")
                }
                if unescaped == nil { unescaped = Array(bytes[start..<index]) }
                unescaped?.append(bytes[index + 1])
                index += 2
                continue
            }
            guard MIMEGrammar.isFieldValueByte(byte) else {
                throw MultipartError(.malformedContentType, "parameter '\(name)' holds a control character")
            }
            unescaped?.append(byte)
            index += 1
        }
        throw MultipartError(.malformedContentType, "parameter '\(name)' has an unterminated quoted-string")
    }
}
