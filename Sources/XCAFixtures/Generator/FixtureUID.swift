import Crypto
import XCAModel

/// Deterministic identifiers for the fixture federation, derived from names so that generating twice gives the same
/// bytes. A name (a list of components, e.g. `["study", "p01", "ct-head"]`) is hashed with SHA-256; the first 128
/// bits become an RFC 9562 version 8 (custom) UUID. That UUID is used as an entryUUID (`urn:uuid:…`) or, written as
/// one unsigned decimal integer under the `2.25` arc, as an OID or DICOM UID (ITU-T X.667 / ISO/IEC 9834-8; DICOM
/// PS3.5 §B.2) — at most 43 characters, always within the 64 of a DICOM UID.
public enum FixtureUID {
    /// The UUID of `components`, as 16 bytes with the version 8 and variant bits set.
    static func uuidBytes(_ components: [String]) -> [UInt8] {
        var hasher = SHA256()
        for component in components {
            hasher.update(data: Array(component.utf8))
            hasher.update(data: [0x1F])  // unit separator: ["ab", "c"] ≠ ["a", "bc"]
        }
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80  // version 8
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 9562 variant
        return bytes
    }

    /// `2.25.<decimal>`: an OID / DICOM UID derived from `components`.
    public static func oid(_ components: String...) -> String { oid(components) }

    public static func oid(_ components: [String]) -> String {
        var value: UInt128 = 0
        for byte in uuidBytes(components) { value = value << 8 | UInt128(byte) }
        return "2.25." + String(value)
    }

    /// `urn:uuid:…` derived from `components`.
    public static func entryUUID(_ components: String...) -> EntryUUID {
        let bytes = uuidBytes(components)
        let text = [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex(bytes[$0]) }.joined(separator: "-")
        return EntryUUID(rawValue: "urn:uuid:" + text)
    }

    /// SHA-1 of `bytes` as 40 lower-case hexadecimal digits: the XDS `hash` slot (ITI TF-3 4.2.3.2.10 (≈)).
    public static func sha1Hex(_ bytes: some Sequence<UInt8>) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: Array(bytes))
        return hex(Array(hasher.finalize()))
    }

    /// Lower-case hexadecimal digits of `bytes`.
    static func hex(_ bytes: some Collection<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
