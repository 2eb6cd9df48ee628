import XCAModel

extension HomeCommunityID {
    /// The value two homeCommunityIds are compared by when routing: the `urn:oid:` prefix is case-insensitive
    /// (RFC 8141), so it is written in lower case; the rest is kept as sent.
    var routingKey: String {
        let utf8 = rawValue.utf8
        guard utf8.count >= 8 else { return rawValue }
        let prefixEnd = utf8.index(utf8.startIndex, offsetBy: 8)
        var isLowercase = true
        for (byte, expected) in zip(utf8[..<prefixEnd], "urn:oid:".utf8) {
            if byte == expected { continue }
            guard expected >= UInt8(ascii: "a"), byte | 0x20 == expected else { return rawValue }
            isLowercase = false
        }
        return isLowercase ? rawValue : "urn:oid:" + rawValue[prefixEnd...]
    }
}
