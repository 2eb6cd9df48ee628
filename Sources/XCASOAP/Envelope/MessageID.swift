/// WS-Addressing message identifiers: `urn:uuid:` + a random (version 4) UUID.
public enum MessageID {
    /// A fresh `urn:uuid:…` from the system's cryptographic random source.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    public static func random(using generator: inout some RandomNumberGenerator) -> String {
        var high = generator.next() as UInt64
        var low = generator.next() as UInt64
        // Version 4 (byte 6's high nibble) and the RFC 4122 variant (byte 8's top bits), bytes in little-endian order.
        high = (high & ~(0xF0 << 48)) | (0x40 << 48)
        low = (low & ~0xC0) | 0x80
        return String(unsafeUninitializedCapacity: 45) { text in
            let prefix: StaticString = "urn:uuid:"
            var at = 0
            for index in 0..<prefix.utf8CodeUnitCount {
                text[at] = prefix.utf8Start[index]
                at += 1
            }
            for index in 0..<16 {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    text[at] = UInt8(ascii: "-")
                    at += 1
                }
                let word = index < 8 ? high : low
                let byte = UInt8(truncatingIfNeeded: word >> (UInt64(index % 8) * 8))
                text[at] = hexDigit(byte >> 4)
                text[at + 1] = hexDigit(byte & 0x0F)
                at += 2
            }
            return at
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
