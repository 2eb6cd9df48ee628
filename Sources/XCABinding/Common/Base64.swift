/// Base64 with the standard alphabet and padding (RFC 4648 §4), as `xs:base64Binary` carries it in
/// `xdsb:Document` when a partner sends a document inline instead of as an MTOM attachment (protocol facts §2.2).
///
/// The encoder writes no line breaks. The decoder ignores XML white space (space, tab, CR, LF) anywhere in the
/// text — partners wrap lines at 76 or 64 characters — and refuses anything else outside the alphabet, a missing
/// or misplaced `=` and data after the padding, with a ``BindingError`` `.invalidValue`. It decodes in one pass
/// over contiguous bytes and can be fed in pieces (``Decoder``), so that a document split over several text nodes
/// needs no intermediate copy. No Foundation.
package enum Base64 {
    /// The length of the encoding of `count` bytes.
    @inlinable
    package static func encodedCount(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    /// The encoding of `bytes` as ASCII bytes.
    package static func encode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        if let encoded = bytes.withContiguousStorageIfAvailable({ encode($0) }) { return encoded }
        return Array(bytes).withUnsafeBufferPointer { encode($0) }
    }

    /// The encoding of `bytes` as a String.
    package static func encodedString(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: encode(bytes), as: UTF8.self)
    }

    static func encode(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let count = encodedCount(input.count)
        return [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
            initialized = encode(input, into: output)
        }
    }

    /// Encodes `input` into `output`, which must hold at least `encodedCount(input.count)` bytes; returns how many
    /// bytes were written.
    package static func encode(
        _ input: UnsafeBufferPointer<UInt8>,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        precondition(output.count >= encodedCount(input.count), "Base64.encode: output buffer too small")
        guard let source = input.baseAddress, let target = output.baseAddress else { return 0 }
        return alphabet.withUnsafeBufferPointer { table in
            let count = input.count
            var read = 0
            var written = 0
            while read + 3 <= count {
                let value = UInt32(source[read]) << 16 | UInt32(source[read + 1]) << 8 | UInt32(source[read + 2])
                target[written] = table[Int(value >> 18)]
                target[written + 1] = table[Int(value >> 12 & 0x3F)]
                target[written + 2] = table[Int(value >> 6 & 0x3F)]
                target[written + 3] = table[Int(value & 0x3F)]
                read += 3
                written += 4
            }
            switch count - read {
            case 1:
                let value = UInt32(source[read]) << 16
                target[written] = table[Int(value >> 18)]
                target[written + 1] = table[Int(value >> 12 & 0x3F)]
                target[written + 2] = UInt8(ascii: "=")
                target[written + 3] = UInt8(ascii: "=")
                written += 4
            case 2:
                let value = UInt32(source[read]) << 16 | UInt32(source[read + 1]) << 8
                target[written] = table[Int(value >> 18)]
                target[written + 1] = table[Int(value >> 12 & 0x3F)]
                target[written + 2] = table[Int(value >> 6 & 0x3F)]
                target[written + 3] = UInt8(ascii: "=")
                written += 4
            default:
                break
            }
            return written
        }
    }

    /// Decodes base64 text given as bytes (white space ignored).
    package static func decode(_ text: some Collection<UInt8>) throws(BindingError) -> [UInt8] {
        var decoder = Decoder()
        var output: [UInt8] = []
        let failure: BindingError? =
            text.withContiguousStorageIfAvailable { buffer -> BindingError? in
                do throws(BindingError) { try decoder.decode(buffer, appendingTo: &output) } catch { return error }
                return nil
            }
            ?? {
                do throws(BindingError) {
                    try Array(text).withUnsafeBufferPointer { (buffer) throws(BindingError) in
                        try decoder.decode(buffer, appendingTo: &output)
                    }
                } catch { return error }
                return nil
            }()
        if let failure { throw failure }
        try decoder.finish()
        return output
    }

    /// Decodes base64 text (white space ignored).
    package static func decode(_ text: String) throws(BindingError) -> [UInt8] {
        var text = text
        var decoder = Decoder()
        var output: [UInt8] = []
        try decoder.decode(&text, appendingTo: &output)
        try decoder.finish()
        return output
    }

    /// An incremental decoder: feed it the pieces of one base64 text in order, then call ``finish()``.
    package struct Decoder: Sendable {
        /// Sextets of the quantum being assembled (0…3 of them).
        private var quantum: UInt32 = 0
        private var pending = 0
        private var state = State.data
        /// Whether any character other than white space has been seen.
        package private(set) var sawData = false

        private enum State: Sendable {
            /// Reading data characters.
            case data
            /// One `=` after two data characters of a quantum: one more `=` must follow.
            case awaitingSecondPad
            /// The padding is complete: only white space may follow.
            case done
        }

        package init() {}

        /// Decodes the UTF-8 of `text` (made contiguous if it is not) and appends the bytes to `output`.
        package mutating func decode(_ text: inout String, appendingTo output: inout [UInt8]) throws(BindingError) {
            text.makeContiguousUTF8()
            let failure: BindingError? =
                text.utf8.withContiguousStorageIfAvailable { buffer -> BindingError? in
                    do throws(BindingError) { try decode(buffer, appendingTo: &output) } catch { return error }
                    return nil
                } ?? nil
            if let failure { throw failure }
        }

        /// Decodes `input` and appends the bytes to `output`.
        package mutating func decode(
            _ input: UnsafeBufferPointer<UInt8>,
            appendingTo output: inout [UInt8]
        )
            throws(BindingError)
        {
            guard !input.isEmpty else { return }
            let start = output.count
            let room = (pending + input.count) / 4 * 3 + 3
            // Appending zeros grows the array geometrically (reserveCapacity would not, fed many pieces).
            output.append(contentsOf: repeatElement(0, count: room))
            var written = 0
            var failure: BindingError?
            output.withUnsafeMutableBufferPointer { buffer in
                guard let target = buffer.baseAddress else { return }
                do throws(BindingError) {
                    written = try decode(input, into: target + start)
                } catch {
                    failure = error
                }
            }
            output.removeLast(room - written)
            if let failure { throw failure }
        }

        /// Checks that the text ended on a quantum boundary (with its padding complete).
        package func finish() throws(BindingError) {
            switch state {
            case .data where pending == 0, .done: return
            case .data: throw BindingError(.invalidValue, "the base64 text ends inside a quantum (padding missing)")
            case .awaitingSecondPad: throw BindingError(.invalidValue, "the base64 text ends after a single '='")
            }
        }

        /// The loop: four characters at a time while they are all in the alphabet, one at a time otherwise.
        private mutating func decode(
            _ input: UnsafeBufferPointer<UInt8>,
            into target: UnsafeMutablePointer<UInt8>
        )
            throws(BindingError) -> Int
        {
            guard let source = input.baseAddress else { return 0 }
            return try Base64.decodeTable.withUnsafeBufferPointer { (table) throws(BindingError) -> Int in
                try decode(source, count: input.count, table: table, into: target)
            }
        }

        private mutating func decode(
            _ source: UnsafePointer<UInt8>,
            count: Int,
            table: UnsafeBufferPointer<UInt8>,
            into target: UnsafeMutablePointer<UInt8>
        ) throws(BindingError) -> Int {
            var read = 0
            var written = 0
            while read < count {
                if pending == 0, state == .data {
                    // The hot loop: whole quanta of alphabet characters, state in registers.
                    var fastRead = read
                    var fastWritten = written
                    while fastRead + 4 <= count {
                        let a = table[Int(source[fastRead])]
                        let b = table[Int(source[fastRead + 1])]
                        let c = table[Int(source[fastRead + 2])]
                        let d = table[Int(source[fastRead + 3])]
                        guard a | b | c | d < 64 else { break }
                        let value = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                        target[fastWritten] = UInt8(truncatingIfNeeded: value >> 16)
                        target[fastWritten + 1] = UInt8(truncatingIfNeeded: value >> 8)
                        target[fastWritten + 2] = UInt8(truncatingIfNeeded: value)
                        fastWritten += 3
                        fastRead += 4
                    }
                    if fastRead != read {
                        sawData = true
                        read = fastRead
                        written = fastWritten
                        if read == count { break }
                    }
                }
                let value = table[Int(source[read])]
                read += 1
                switch value {
                case 0..<64:
                    guard state == .data else {
                        throw BindingError(.invalidValue, "the base64 text has data after its padding")
                    }
                    sawData = true
                    quantum = quantum << 6 | UInt32(value)
                    pending += 1
                    if pending == 4 {
                        target[written] = UInt8(truncatingIfNeeded: quantum >> 16)
                        target[written + 1] = UInt8(truncatingIfNeeded: quantum >> 8)
                        target[written + 2] = UInt8(truncatingIfNeeded: quantum)
                        written += 3
                        pending = 0
                        quantum = 0
                    }
                case Base64.space:
                    continue
                case Base64.pad:
                    sawData = true
                    switch (state, pending) {
                    case (.data, 3):  // xxx= : two bytes
                        let value = quantum << 6
                        target[written] = UInt8(truncatingIfNeeded: value >> 16)
                        target[written + 1] = UInt8(truncatingIfNeeded: value >> 8)
                        written += 2
                        state = .done
                    case (.data, 2):  // xx= : one more '=' must follow
                        state = .awaitingSecondPad
                    case (.awaitingSecondPad, _):  // xx== : one byte
                        target[written] = UInt8(truncatingIfNeeded: quantum >> 4)
                        written += 1
                        state = .done
                    default:
                        throw BindingError(.invalidValue, "the base64 text has a misplaced '='")
                    }
                    if state == .done {
                        pending = 0
                        quantum = 0
                    }
                default:
                    throw BindingError(.invalidValue, "the base64 text contains a character outside the alphabet")
                }
            }
            return written
        }
    }

    // MARK: Tables

    private static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8
    )

    /// Marks in ``decodeTable`` besides the sextet values 0…63.
    private static let space: UInt8 = 0x40
    private static let pad: UInt8 = 0x41
    private static let invalid: UInt8 = 0xFF

    /// Byte → sextet value, ``space`` for XML white space, ``pad`` for `=`, ``invalid`` for anything else.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        for byte in [0x20, 0x09, 0x0D, 0x0A] as [UInt8] { table[Int(byte)] = space }
        table[Int(UInt8(ascii: "="))] = pad
        return table
    }()
}
