/// Deterministic 16-bit little-endian monochrome pixel data of any length, generated for any byte range without
/// generating what precedes it: the pixel data of synthetic benchmark studies. The pattern — an 8-pixel checkerboard
/// over a diagonal ramp, shifted by `seed` — is visible in a viewer and fits in 12 bits (Bits Stored 12).
struct SyntheticPixelStream: Hashable, Sendable {
    var columns: Int
    var seed: Int

    @inline(__always)
    func value(x: Int, y: Int) -> UInt16 {
        let check = ((x >> 3) ^ (y >> 3)) & 1
        return UInt16(truncatingIfNeeded: check * 1600 + ((x &+ y &+ seed) & 0x3FF) + 512)
    }

    /// Writes the bytes `[byteOffset, byteOffset + buffer.count)` of the stream into `buffer`.
    func fill(_ buffer: UnsafeMutableRawBufferPointer, from byteOffset: Int) {
        let count = buffer.count
        guard count > 0 else { return }
        var index = 0
        var pixel = byteOffset >> 1
        var x = pixel % columns
        var y = pixel / columns
        func advance() {
            pixel += 1
            x += 1
            if x == columns {
                x = 0
                y += 1
            }
        }
        if byteOffset & 1 == 1 {
            buffer[0] = UInt8(truncatingIfNeeded: value(x: x, y: y) >> 8)
            index = 1
            advance()
        }
        while index + 1 < count {
            let v = value(x: x, y: y)
            buffer[index] = UInt8(truncatingIfNeeded: v)
            buffer[index + 1] = UInt8(truncatingIfNeeded: v >> 8)
            index += 2
            advance()
        }
        if index < count {
            buffer[index] = UInt8(truncatingIfNeeded: value(x: x, y: y))
        }
    }
}
