/// A small JSON writer that appends UTF-8 bytes straight into one buffer: no Foundation, no intermediate values, no
/// dictionaries. It writes the one-line JSON of an AuditEvent on the request path, at thousands of events a second.
///
/// Commas are placed by the writer (a single "a value was written last" flag is enough for any nesting, because a
/// comma is only ever needed between two values at the same level). Strings are escaped as RFC 8259 §7 requires:
/// `"` and `\` with a backslash, every control character below U+0020 as `\u00XX`; everything else — Swift strings
/// are always valid UTF-8 — is copied as it is, so non-ASCII text stays readable. Keys are static ASCII strings
/// that need no escaping (the writer does not check them).
package struct JSONWriter: ~Copyable {
    /// The output, `count` bytes of `capacity`: a buffer of its own, so that appending a byte is a store and not
    /// an array's uniqueness check (the writer is non-copyable, so the buffer has exactly one owner).
    private var base: UnsafeMutablePointer<UInt8>
    /// Bytes written so far (a position for ranges of the output).
    package private(set) var count = 0
    private var capacity: Int
    /// Whether the last thing written was a value (the next value or key at this level needs a comma first).
    private var afterValue = false

    package init(capacity: Int) {
        self.capacity = max(64, capacity)
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// A copy of what has been written.
    package var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// What has been written, as an array; the writer is used up.
    package consuming func finish() -> [UInt8] {
        let written = count
        let source = base
        return [UInt8](unsafeUninitializedCapacity: written) { buffer, initialized in
            if let target = buffer.baseAddress { target.update(from: source, count: written) }
            initialized = written
        }
    }

    // MARK: Structure

    package mutating func beginObject() {
        separate()
        put(UInt8(ascii: "{"))
        afterValue = false
    }

    package mutating func endObject() {
        put(UInt8(ascii: "}"))
        afterValue = true
    }

    package mutating func beginArray() {
        separate()
        put(UInt8(ascii: "["))
        afterValue = false
    }

    package mutating func endArray() {
        put(UInt8(ascii: "]"))
        afterValue = true
    }

    /// `"key":`; the value follows.
    package mutating func key(_ key: StaticString) {
        let length = key.utf8CodeUnitCount
        reserve(length + 4)
        if afterValue {
            base[count] = UInt8(ascii: ",")
            count += 1
        }
        base[count] = UInt8(ascii: "\"")
        (base + count + 1).update(from: key.utf8Start, count: length)
        base[count + 1 + length] = UInt8(ascii: "\"")
        base[count + 2 + length] = UInt8(ascii: ":")
        count += length + 3
        afterValue = false
    }

    // MARK: Values

    package mutating func string(_ value: String) {
        separate()
        put(UInt8(ascii: "\""))
        let contiguous: Void? = value.utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        if contiguous == nil {
            var copy = value
            copy.withUTF8 { appendEscaped($0) }
        }
        put(UInt8(ascii: "\""))
        afterValue = true
    }

    /// A string known to need no escaping (a constant of this module).
    package mutating func string(_ value: StaticString) {
        let length = value.utf8CodeUnitCount
        reserve(length + 3)
        if afterValue {
            base[count] = UInt8(ascii: ",")
            count += 1
        }
        base[count] = UInt8(ascii: "\"")
        (base + count + 1).update(from: value.utf8Start, count: length)
        base[count + 1 + length] = UInt8(ascii: "\"")
        count += length + 2
        afterValue = true
    }

    /// A string of bytes known to be ASCII that needs no escaping (base64, a formatted timestamp).
    package mutating func string(asciiBytes value: [UInt8]) {
        separate()
        put(UInt8(ascii: "\""))
        value.withUnsafeBufferPointer { put($0) }
        put(UInt8(ascii: "\""))
        afterValue = true
    }

    /// JSON written elsewhere by a writer like this one — one value, or several separated by commas (array
    /// elements) — inserted as the next value.
    package mutating func raw(_ json: [UInt8]) {
        guard !json.isEmpty else { return }
        separate()
        json.withUnsafeBufferPointer { put($0) }
        afterValue = true
    }

    /// Bytes this writer wrote earlier (``copy(from:)``) that end with a value, appended as they are: the writer
    /// continues as after that value.
    package mutating func append(verbatimValue bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { put($0) }
        afterValue = true
    }

    /// A copy of what was written from `start` on.
    package func copy(from start: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: base + start, count: count - start))
    }

    package mutating func integer(_ value: Int) {
        separate()
        // A decimal integer is a small string: no allocation.
        var text = String(value)
        text.withUTF8 { put($0) }
        afterValue = true
    }

    package mutating func bool(_ value: Bool) {
        separate()
        let literal: StaticString = value ? "true" : "false"
        put(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        afterValue = true
    }

    // MARK: Fields

    package mutating func field(_ key: StaticString, _ value: String) {
        self.key(key)
        string(value)
    }

    package mutating func field(_ key: StaticString, _ value: StaticString) {
        self.key(key)
        string(value)
    }

    /// The field only when `value` is present and not empty (FHIR strings may not be empty).
    package mutating func field(_ key: StaticString, ifPresent value: String?) {
        guard let value, !value.isEmpty else { return }
        field(key, value)
    }

    package mutating func field(_ key: StaticString, _ value: Bool) {
        self.key(key)
        bool(value)
    }

    // MARK: Private

    @inline(__always)
    private mutating func separate() {
        if afterValue { put(UInt8(ascii: ",")) }
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    private mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Copies runs of bytes that need nothing in one go; escapes `"`, `\` and C0 controls (at most six bytes each).
    private mutating func appendEscaped(_ input: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        let length = input.count
        while index < length {
            let byte = input[index]
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            if runStart < index { put(UnsafeBufferPointer(rebasing: input[runStart..<index])) }
            reserve(6)
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                base[count] = UInt8(ascii: "\\")
                base[count + 1] = byte
                count += 2
            default:
                // U+0000…U+001F: \u00XX.
                base[count] = UInt8(ascii: "\\")
                base[count + 1] = UInt8(ascii: "u")
                base[count + 2] = UInt8(ascii: "0")
                base[count + 3] = UInt8(ascii: "0")
                base[count + 4] = UInt8(ascii: "0") + (byte >> 4)
                base[count + 5] = Self.hexDigit(byte & 0x0F)
                count += 6
            }
            index += 1
            runStart = index
        }
        if runStart < length { put(UnsafeBufferPointer(rebasing: input[runStart..<length])) }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
