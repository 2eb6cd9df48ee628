extension XMLWriter {
    /// Byte classes for the escaping scan: 0 copy, 1 escape in text and attributes, 2 escape in attributes only,
    /// 3 never allowed (C0 controls), 4 start of a multi-byte UTF-8 sequence.
    private static let byteClass: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for byte in 0..<0x20 { table[byte] = 3 }
        table[0x09] = 2
        table[0x0A] = 2
        table[0x0D] = 1
        table[Int(UInt8(ascii: "&"))] = 1
        table[Int(UInt8(ascii: "<"))] = 1
        table[Int(UInt8(ascii: ">"))] = 1
        table[Int(UInt8(ascii: "\""))] = 2
        for byte in 0x80..<0x100 { table[byte] = 4 }
        return table
    }()

    /// An attribute straight from a parser (name checked, value well-formed UTF-8): ` name="escaped value"`.
    mutating func appendParsedAttribute(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: name)
        bytes.append(UInt8(ascii: "="))
        bytes.append(UInt8(ascii: "\""))
        // Cannot throw: without validation only C0 controls are refused, and a parser never yields them.
        try? appendEscaped(value, attribute: true, validate: false)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `input` escaped for text (`attribute` false) or a double-quoted attribute value. Refuses C0
    /// controls other than tab, LF and CR, U+FFFE and U+FFFF, and (when `validate`) anything not UTF-8.
    mutating func appendEscaped(_ input: UnsafeBufferPointer<UInt8>, attribute: Bool, validate: Bool) throws(XMLError) {
        let count = input.count
        var runStart = 0
        var index = 0
        try Self.byteClass.withUnsafeBufferPointer { (table) throws(XMLError) in
            while index < count {
                let byte = input[index]
                let kind = table[Int(byte)]
                if kind == 0 || (kind == 2 && !attribute) {
                    index += 1
                    continue
                }
                if kind == 4 {
                    let length = try Self.sequenceLength(input, at: index, validate: validate)
                    index += length
                    continue
                }
                if kind == 3 {
                    throw XMLError(.invalidCharacter, "control character U+\(hex(byte)) cannot appear in XML 1.0")
                }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index])) }
                switch byte {
                case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
                case 0x09: bytes.append(contentsOf: "&#x9;".utf8)
                case 0x0A: bytes.append(contentsOf: "&#xA;".utf8)
                default: bytes.append(contentsOf: "&#xD;".utf8)
                }
                index += 1
                runStart = index
            }
        }
        if runStart < count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<count])) }
    }

    /// Length of the UTF-8 sequence starting at `index` (RFC 3629: no overlong forms, no surrogates, at most
    /// U+10FFFF), refusing U+FFFE and U+FFFF, which XML 1.0 excludes.
    private static func sequenceLength(_ input: UnsafeBufferPointer<UInt8>, at index: Int, validate: Bool) throws(
        XMLError
    ) -> Int {
        let lead = input[index]
        let remaining = input.count - index
        func continuation(_ offset: Int) -> UInt8? {
            guard offset < remaining else { return nil }
            let byte = input[index + offset]
            return byte & 0xC0 == 0x80 ? byte : nil
        }
        let invalid = XMLError(.invalidUTF8, "the text is not valid UTF-8")
        switch lead {
        case 0xC2...0xDF:
            if validate, continuation(1) == nil { throw invalid }
            return 2
        case 0xE0...0xEF:
            if validate {
                guard let second = continuation(1), continuation(2) != nil else { throw invalid }
                if lead == 0xE0 && second < 0xA0 { throw invalid }  // overlong
                if lead == 0xED && second > 0x9F { throw invalid }  // surrogate
            }
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
            if lead == 0xEF, remaining >= 3, input[index + 1] == 0xBF, input[index + 2] >= 0xBE {
                throw XMLError(.invalidCharacter, "U+FFFE and U+FFFF cannot appear in XML 1.0")
            }
            return 3
        case 0xF0...0xF4:
            if validate {
                guard let second = continuation(1), continuation(2) != nil, continuation(3) != nil else {
                    throw invalid
                }
                if lead == 0xF0 && second < 0x90 { throw invalid }  // overlong
                if lead == 0xF4 && second > 0x8F { throw invalid }  // above U+10FFFF
            }
            return 4
        default:
            // Continuation byte without a lead, C0/C1 overlong leads, F5–FF: never valid. A String cannot hold
            // these, so this is reached only for raw input.
            throw invalid
        }
    }

    /// A light check that `name` can be an XML name: not empty, no markup characters or whitespace, not starting
    /// with a digit, '-' or '.'. Names come from the gateway's own code or from a parsed document.
    static func checkName(_ name: String) throws(XMLError) {
        var name = name
        name.makeContiguousUTF8()
        let problem = name.utf8.withContiguousStorageIfAvailable { buffer -> XMLError? in
            do throws(XMLError) { try checkName(buffer) } catch { return error }
            return nil
        } ?? nil
        if let problem { throw problem }
    }

    static func checkName(_ name: UnsafeBufferPointer<UInt8>) throws(XMLError) {
        guard let first = name.first else { throw XMLError(.invalidName, "an XML name cannot be empty") }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: ".") || (0x30...0x39).contains(first) {
            throw XMLError(.invalidName, "an XML name cannot start with a digit, '-' or '.'")
        }
        for byte in name {
            switch byte {
            case 0..<0x21, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\""),
                UInt8(ascii: "'"), UInt8(ascii: "="), UInt8(ascii: "/"):
                throw XMLError(.invalidName, "an XML name cannot contain markup characters or whitespace")
            default: continue
            }
        }
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return "00" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
}
