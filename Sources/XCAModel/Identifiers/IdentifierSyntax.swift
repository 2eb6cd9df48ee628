/// Byte-level syntax checks shared by the identifier types. Messages never contain the checked value.
enum IdentifierSyntax {
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")

    /// The outcome of scanning a dotted-decimal string (OID, DICOM UID).
    struct DottedDecimal {
        var problem: String?
        var componentCount = 0
        /// The value of the first component when it is short enough to matter (first OID arc), else `Int.max`.
        var firstComponent = 0
    }

    /// Digits and dots, no empty component, no leading zero in a multi-digit component.
    static func scanDottedDecimal(_ bytes: Substring.UTF8View) -> DottedDecimal {
        var result = DottedDecimal()
        if bytes.isEmpty {
            result.problem = "is empty"
            return result
        }
        var length = 0
        var leadingZero = false
        var first = 0
        for byte in bytes {
            if byte == dot {
                if length == 0 {
                    result.problem = "has an empty component"
                    return result
                }
                result.componentCount += 1
                length = 0
            } else if byte >= zero && byte <= nine {
                if length == 0 {
                    leadingZero = byte == zero
                } else if leadingZero {
                    result.problem = "has a component with a leading zero"
                    return result
                }
                if result.componentCount == 0 {
                    first = first > 9 ? Int.max : first * 10 + Int(byte - zero)
                }
                length += 1
            } else {
                result.problem = "contains a character other than digits and dots"
                return result
            }
        }
        if length == 0 {
            result.problem = "has an empty component"
            return result
        }
        result.componentCount += 1
        result.firstComponent = first
        return result
    }

    /// ISO/IEC 9834-1 object identifier in dotted decimal form: at least two arcs, the first 0, 1 or 2.
    static func oidProblem(_ value: Substring, maximumLength: Int? = nil) -> String? {
        let bytes = value.utf8
        if let maximumLength, bytes.count > maximumLength {
            return "is longer than \(maximumLength) characters"
        }
        let scan = scanDottedDecimal(bytes)
        if let problem = scan.problem { return problem }
        if scan.componentCount < 2 { return "has fewer than two arcs" }
        if scan.firstComponent > 2 { return "has a first arc other than 0, 1 or 2" }
        return nil
    }

    /// `true` when `value` starts with `prefix` compared ASCII case-insensitively (`prefix` must be lower case).
    static func hasPrefixIgnoringCase(_ value: String, _ prefix: StaticString) -> Bool {
        let bytes = value.utf8
        guard bytes.count >= prefix.utf8CodeUnitCount else { return false }
        var index = bytes.startIndex
        let pointer = prefix.utf8Start
        for offset in 0..<prefix.utf8CodeUnitCount {
            var byte = bytes[index]
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte |= 0x20 }
            if byte != pointer[offset] { return false }
            index = bytes.index(after: index)
        }
        return true
    }

    /// RFC 4122 text form `8-4-4-4-12` hexadecimal digits, either case.
    static func uuidProblem(_ value: Substring) -> String? {
        let bytes = value.utf8
        guard bytes.count == 36 else { return "is not a UUID of 36 characters" }
        for (offset, byte) in bytes.enumerated() {
            switch offset {
            case 8, 13, 18, 23:
                if byte != UInt8(ascii: "-") { return "is not a UUID (hyphens misplaced)" }
            default:
                if !isHexDigit(byte) { return "is not a UUID (non-hexadecimal character)" }
            }
        }
        return nil
    }

    @inline(__always)
    static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= zero && byte <= nine) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }
}
