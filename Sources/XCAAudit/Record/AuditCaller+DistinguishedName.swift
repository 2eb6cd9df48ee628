extension AuditCaller {
    /// The attribute type and value pairs of an RFC 4514 distinguished name string, in order: RDNs split at
    /// unescaped `,` (and multi-valued RDNs at `+`), backslash escapes (`\,`, `\+`, `\"`, `\\`, `\XX` hex) undone.
    /// Types are upper-cased (`cn` → `CN`). Malformed parts are skipped.
    static func attributes(ofDistinguishedName name: String) -> [(type: String, value: String)] {
        var result: [(type: String, value: String)] = []
        var type: [UInt8] = []
        var value: [UInt8] = []
        var inValue = false
        var bytes = Array(name.utf8)[...]
        func finish() {
            if inValue, !type.isEmpty {
                let typeText = String(decoding: type, as: UTF8.self).trimmingSpaces.uppercased()
                let valueText = String(decoding: value, as: UTF8.self).trimmingSpaces
                result.append((typeText, valueText))
            }
            type.removeAll(keepingCapacity: true)
            value.removeAll(keepingCapacity: true)
            inValue = false
        }
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "\\"):
                guard let next = bytes.popFirst() else { break }
                if let high = Self.hexValue(next), let following = bytes.first, let low = Self.hexValue(following) {
                    bytes.removeFirst()
                    if inValue { value.append(high << 4 | low) } else { type.append(high << 4 | low) }
                } else if inValue {
                    value.append(next)
                } else {
                    type.append(next)
                }
            case UInt8(ascii: ","), UInt8(ascii: "+"):
                finish()
            case UInt8(ascii: "=") where !inValue:
                inValue = true
            default:
                if inValue { value.append(byte) } else { type.append(byte) }
            }
        }
        finish()
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    /// Without leading and trailing spaces.
    var trimmingSpaces: String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 }) else { return "" }
        let last = utf8.lastIndex(where: { $0 != 0x20 }) ?? first
        return String(self[first...last])
    }
}
