#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Random (version 4) UUIDs in lowercase text form, as FHIR ids and transaction ids (RFC 9562 §5.4).
enum AuditUUID {
    /// A fresh UUID from the system's cryptographic random source, `8-4-4-4-12` lowercase hexadecimal. The random
    /// bytes are fetched 4 KiB at a time (one `getrandom` for 256 UUIDs, instead of two per UUID).
    static func random() -> String {
        var generator = pool.withLock { $0.take() }
        return random(using: &generator)
    }

    private static let pool = Mutex(RandomPool())

    static func random(using generator: inout some RandomNumberGenerator) -> String {
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var at = 0
            for index in 0..<16 {
                var byte = UInt8(truncatingIfNeeded: (index < 8 ? high : low) >> (UInt64(index % 8) * 8))
                if index == 6 { byte = (byte & 0x0F) | 0x40 }  // version 4
                if index == 8 { byte = (byte & 0x3F) | 0x80 }  // RFC 9562 variant
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    buffer[at] = UInt8(ascii: "-")
                    at += 1
                }
                buffer[at] = hexDigit(byte >> 4)
                buffer[at + 1] = hexDigit(byte & 0x0F)
                at += 2
            }
            return at
        }
    }

    /// The UUID in `text` (`urn:uuid:` prefix optional, either case), lowercased; nil when it is not one.
    static func normalised(_ text: String) -> String? {
        var utf8 = Substring(text).utf8
        let prefix = "urn:uuid:".utf8
        if utf8.count == 45 {
            guard zip(utf8.prefix(9), prefix).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) else { return nil }
            utf8 = utf8.dropFirst(9)
        }
        guard utf8.count == 36 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(36)
        for (offset, byte) in utf8.enumerated() {
            switch offset {
            case 8, 13, 18, 23:
                guard byte == UInt8(ascii: "-") else { return nil }
                result.append(byte)
            default:
                let lower = byte | 0x20
                guard (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f"))
                else { return nil }
                result.append(byte >= UInt8(ascii: "A") ? lower : byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// 128 random bits, handed out as a generator.
    struct Bits: RandomNumberGenerator {
        var words: (UInt64, UInt64)
        var taken = 0

        mutating func next() -> UInt64 {
            defer { taken += 1 }
            return taken % 2 == 0 ? words.0 : words.1
        }
    }

    /// System randomness fetched in bulk.
    struct RandomPool: ~Copyable {
        private var words = [UInt64](repeating: 0, count: 512)
        private var index = 512

        mutating func take() -> Bits {
            if index + 2 > words.count { refill() }
            defer { index += 2 }
            return Bits(words: (words[index], words[index + 1]))
        }

        private mutating func refill() {
            #if canImport(Glibc) || canImport(Darwin)
            words.withUnsafeMutableBytes { buffer in
                if let base = buffer.baseAddress { arc4random_buf(base, buffer.count) }
            }
            #else
            var generator = SystemRandomNumberGenerator()
            for offset in words.indices { words[offset] = generator.next() }
            #endif
            index = 0
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
