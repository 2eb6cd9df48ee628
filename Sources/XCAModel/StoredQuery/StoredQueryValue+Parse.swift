extension StoredQueryValue {
    /// Parses one `rim:Value` text. Accepts `'text'` (with `''` for a quote inside), numbers (`-`? digits), and
    /// `( element , element … )` lists, with whitespace around every token. Anything else — unterminated quotes,
    /// bare words, empty or nested lists, trailing text — is a `ModelError` with code `malformedStoredQueryValue`
    /// whose message gives a byte offset, never the value.
    public static func parse(_ text: String) -> Result<StoredQueryValue, ModelError> {
        var parser = Parser(bytes: Array(text.utf8))
        return parser.parse()
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0

        private static let quote = UInt8(ascii: "'")

        mutating func parse() -> Result<StoredQueryValue, ModelError> {
            skipWhitespace()
            guard position < bytes.count else { return .failure(error("empty value")) }
            let value: StoredQueryValue
            if bytes[position] == UInt8(ascii: "(") {
                position += 1
                var elements: [Element] = []
                while true {
                    skipWhitespace()
                    if elements.isEmpty, position < bytes.count, bytes[position] == UInt8(ascii: ")") {
                        return .failure(error("empty list"))
                    }
                    switch element() {
                    case .success(let element): elements.append(element)
                    case .failure(let failure): return .failure(failure)
                    }
                    skipWhitespace()
                    guard position < bytes.count else { return .failure(error("list is not closed")) }
                    let separator = bytes[position]
                    position += 1
                    if separator == UInt8(ascii: ")") { break }
                    if separator != UInt8(ascii: ",") {
                        return .failure(error("expected , or ) in list", at: position - 1))
                    }
                }
                value = .list(elements)
            } else {
                switch element() {
                case .success(let element): value = .single(element)
                case .failure(let failure): return .failure(failure)
                }
            }
            skipWhitespace()
            guard position == bytes.count else { return .failure(error("unexpected text after the value")) }
            return .success(value)
        }

        private mutating func element() -> Result<Element, ModelError> {
            guard position < bytes.count else { return .failure(error("missing element")) }
            let first = bytes[position]
            if first == Self.quote {
                position += 1
                var content: [UInt8] = []
                while position < bytes.count {
                    let byte = bytes[position]
                    position += 1
                    if byte == Self.quote {
                        if position < bytes.count, bytes[position] == Self.quote {
                            content.append(Self.quote)
                            position += 1
                        } else {
                            return .success(.string(String(decoding: content, as: UTF8.self)))
                        }
                    } else {
                        content.append(byte)
                    }
                }
                return .failure(error("unterminated quoted string"))
            }
            let start = position
            if first == UInt8(ascii: "-") { position += 1 }
            let digitsStart = position
            while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
                position += 1
            }
            guard position > digitsStart else {
                return .failure(error("expected a quoted string or a number", at: start))
            }
            return .success(.number(String(decoding: bytes[start..<position], as: UTF8.self)))
        }

        private mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): position += 1
                default: return
                }
            }
        }

        private func error(_ reason: String, at offset: Int? = nil) -> ModelError {
            ModelError(.malformedStoredQueryValue, "stored query value: \(reason) (offset \(offset ?? position))")
        }
    }
}
