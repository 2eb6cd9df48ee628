/// A small JSON writer that appends UTF-8 bytes straight into one buffer: no Foundation, no intermediate values, no
/// dictionaries. It writes the one-line JSON of an AuditEvent on the request path, at thousands of events a second.
///
/// Commas are placed by the writer (a single "a value was written last" flag is enough for any nesting, because a
/// comma is only ever needed between two values at the same level). Strings are escaped as RFC 8259 §7 requires:
/// `"` and `\` with a backslash, every control character below U+0020 as `\u00XX`; everything else — Swift strings
/// are always valid UTF-8 — is copied as it is, so non-ASCII text stays readable. Keys are static ASCII strings
/// that need no escaping (the writer does not check them).
struct JSONWriter {
    private(set) var bytes: [UInt8]
    /// Whether the last thing written was a value (the next value or key at this level needs a comma first).
    private var afterValue = false

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    // MARK: Structure

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        afterValue = false
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        afterValue = true
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        afterValue = false
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        afterValue = true
    }

    /// `"key":`; the value follows.
    mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterValue = false
    }

    // MARK: Values

    mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.makeContiguousUTF8()
        _ = value.utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
        afterValue = true
    }

    /// A string known to need no escaping (a constant of this module).
    mutating func string(_ value: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        afterValue = true
    }

    /// A string of bytes known to be ASCII that needs no escaping (base64, a formatted timestamp).
    mutating func string(asciiBytes value: [UInt8]) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: value)
        bytes.append(UInt8(ascii: "\""))
        afterValue = true
    }

    mutating func integer(_ value: Int) {
        separate()
        // A decimal integer is a small string: no allocation.
        bytes.append(contentsOf: String(value).utf8)
        afterValue = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        let literal: StaticString = value ? "true" : "false"
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        afterValue = true
    }

    // MARK: Fields

    mutating func field(_ key: StaticString, _ value: String) {
        self.key(key)
        string(value)
    }

    mutating func field(_ key: StaticString, _ value: StaticString) {
        self.key(key)
        string(value)
    }

    /// The field only when `value` is present and not empty (FHIR strings may not be empty).
    mutating func field(_ key: StaticString, ifPresent value: String?) {
        guard let value, !value.isEmpty else { return }
        field(key, value)
    }

    mutating func field(_ key: StaticString, _ value: Bool) {
        self.key(key)
        bool(value)
    }

    // MARK: Private

    private mutating func separate() {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
    }

    /// Copies runs of bytes that need nothing in one go; escapes `"`, `\` and C0 controls.
    private mutating func appendEscaped(_ input: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index])) }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            default:
                // U+0000…U+001F: \u00XX.
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(UInt8(ascii: "u"))
                bytes.append(UInt8(ascii: "0"))
                bytes.append(UInt8(ascii: "0"))
                bytes.append(UInt8(ascii: "0") + (byte >> 4))
                bytes.append(Self.hexDigit(byte & 0x0F))
            }
            index += 1
            runStart = index
        }
        if runStart < count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<count])) }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
