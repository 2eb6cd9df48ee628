/// Looks at the prolog of a document — everything before the document element — and tells whether it holds a
/// document type declaration. DOCTYPE can only appear there, so this is exact, and it costs only the prolog's
/// length. The reader refuses such documents before libxml2 sees a byte of them.
enum XMLProlog {
    enum Finding: Equatable {
        case clean
        /// Offset of the `<!DOCTYPE` in the input.
        case doctype(offset: Int)
    }

    static func scan(_ bytes: UnsafeRawBufferPointer) -> Finding {
        let count = bytes.count
        var index = 0
        // A UTF-8 byte order mark.
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "<"), index + 1 < count else { return .clean }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "?") {
                // XML declaration or processing instruction: skip to "?>".
                guard let end = find(bytes, from: index + 2, UInt8(ascii: "?"), UInt8(ascii: ">")) else { return .clean }
                index = end + 2
            } else if next == UInt8(ascii: "!") {
                if matches(bytes, at: index, "<!--") {
                    guard let end = findComment(bytes, from: index + 4) else { return .clean }
                    index = end
                } else if matchesCaseInsensitive(bytes, at: index, "<!DOCTYPE") {
                    return .doctype(offset: index)
                } else {
                    return .clean  // malformed: libxml2 will say so
                }
            } else {
                return .clean  // the document element
            }
        }
        return .clean
    }

    private static func find(_ bytes: UnsafeRawBufferPointer, from start: Int, _ a: UInt8, _ b: UInt8) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == a && bytes[index + 1] == b { return index }
            index += 1
        }
        return nil
    }

    /// Index just after the "-->" that ends a comment.
    private static func findComment(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while index + 2 < bytes.count {
            if bytes[index] == UInt8(ascii: "-") && bytes[index + 1] == UInt8(ascii: "-")
                && bytes[index + 2] == UInt8(ascii: ">")
            {
                return index + 3
            }
            index += 1
        }
        return nil
    }

    private static func matches(_ bytes: UnsafeRawBufferPointer, at offset: Int, _ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard offset + length <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for i in 0..<length where bytes[offset + i] != pointer[i] { return false }
        return true
    }

    private static func matchesCaseInsensitive(
        _ bytes: UnsafeRawBufferPointer,
        at offset: Int,
        _ literal: StaticString
    ) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard offset + length <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for i in 0..<length where bytes[offset + i] | 0x20 != pointer[i] | 0x20 { return false }
        return true
    }
}
