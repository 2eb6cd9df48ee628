/// Finds where values sit in a JSON document without building it: the fixture PARS stores each AuditEvent of a
/// batch Bundle as the bytes the client sent (`entry[i].resource`), rather than parsing and re-serialising it. Only
/// structure is scanned (strings with their escapes, nesting); the document is assumed well-formed — the caller
/// has decoded it already — and a malformed one yields no spans.
enum FHIRJSONSpans {
    /// The byte range of `entry[i].resource` of the top-level object, for each element of its `entry` array (nil
    /// for an element without `resource`); empty when there is no such array.
    static func bundleResources(_ bytes: [UInt8]) -> [Range<Int>?] {
        let scanner = Scanner(bytes: bytes)
        guard let entries = scanner.member("entry", ofObjectAt: scanner.skipSpace(0)),
            bytes[entries.lowerBound] == UInt8(ascii: "[")
        else { return [] }
        var spans: [Range<Int>?] = []
        var index = scanner.skipSpace(entries.lowerBound + 1)
        guard index < bytes.count else { return [] }
        if bytes[index] == UInt8(ascii: "]") { return [] }
        while index < bytes.count {
            guard let end = scanner.valueEnd(index) else { return [] }
            spans.append(bytes[index] == UInt8(ascii: "{") ? scanner.member("resource", ofObjectAt: index) : nil)
            index = scanner.skipSpace(end)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { break }
            index = scanner.skipSpace(index + 1)
        }
        return spans
    }

    struct Scanner {
        let bytes: [UInt8]

        func skipSpace(_ start: Int) -> Int {
            var index = start
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += 1
            }
            return index
        }

        /// The end (exclusive) of the value starting at `start`.
        func valueEnd(_ start: Int) -> Int? {
            guard start < bytes.count else { return nil }
            switch bytes[start] {
            case UInt8(ascii: "\""):
                var index = start + 1
                while index < bytes.count {
                    switch bytes[index] {
                    case UInt8(ascii: "\\"): index += 2
                    case UInt8(ascii: "\""): return index + 1
                    default: index += 1
                    }
                }
                return nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                var index = start
                while index < bytes.count {
                    switch bytes[index] {
                    case UInt8(ascii: "\""):
                        guard let end = valueEnd(index) else { return nil }
                        index = end
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 { return index + 1 }
                    default:
                        break
                    }
                    index += 1
                }
                return nil
            default:
                // A number, true, false or null: up to the next delimiter.
                var index = start
                while index < bytes.count, !",}] \n\r\t".utf8.contains(bytes[index]) { index += 1 }
                return index
            }
        }

        /// The value range of member `key` of the object starting at `start` (its first occurrence).
        func member(_ key: String, ofObjectAt start: Int) -> Range<Int>? {
            guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else { return nil }
            let quoted = Array("\"\(key)\"".utf8)
            var index = skipSpace(start + 1)
            while index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                guard let keyEnd = valueEnd(index) else { return nil }
                let matches = bytes[index..<keyEnd].elementsEqual(quoted)
                index = skipSpace(keyEnd)
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index = skipSpace(index + 1)
                guard let valueEnd = valueEnd(index) else { return nil }
                if matches { return index..<valueEnd }
                index = skipSpace(valueEnd)
                guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { return nil }
                index = skipSpace(index + 1)
            }
            return nil
        }
    }
}
