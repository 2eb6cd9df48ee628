/// Deterministic `urn:uuid:` identifiers for the sub-objects (classifications, external identifiers) the model builds,
/// so that building the same DocumentEntry twice gives the same XML. RFC 9562 version 8 (custom) layout; the 128 bits
/// are two FNV-1a 64-bit hashes of the parent id and a discriminator. Not for security.
enum DerivedUUID {
    static func make(_ parent: String, _ discriminator: String, _ index: Int = 0) -> String {
        var high: UInt64 = 0xcbf2_9ce4_8422_2325
        var low: UInt64 = 0x6c62_272e_07bb_0142
        func mix(_ byte: UInt8) {
            high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            low = low &+ (high >> 29)
        }
        for byte in parent.utf8 { mix(byte) }
        mix(0)
        for byte in discriminator.utf8 { mix(byte) }
        mix(0)
        var remaining = UInt(index)
        repeat {
            mix(UInt8(truncatingIfNeeded: remaining))
            remaining >>= 8
        } while remaining != 0
        high = (high & ~0xf000) | 0x8000  // version 8
        low = (low & ~(0b11 << 62)) | (0b10 << 62)  // RFC 4122 variant
        return "urn:uuid:" + hex(high >> 32, 8) + "-" + hex(high >> 16, 4) + "-" + hex(high, 4) + "-"
            + hex(low >> 48, 4) + "-" + hex(low, 12)
    }

    private static func hex(_ value: UInt64, _ digits: Int) -> String {
        let alphabet: [UInt8] = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: 0, count: digits)
        var rest = value
        for position in stride(from: digits - 1, through: 0, by: -1) {
            bytes[position] = alphabet[Int(rest & 0xf)]
            rest >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
