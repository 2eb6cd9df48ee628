/// Boundary checks shared by the parser, the writer and the Content-Type builders (RFC 2046 §5.1.1).
enum MultipartBoundary {
    /// RFC 2046 §5.1.1 limits a boundary to 70 characters.
    static let maxStrictLength = 70
    /// Readers accept longer boundaries (some stacks exceed 70); this bounds the bytes the parser must retain.
    static let maxLenientLength = 256

    /// Strict (writing): 1...70 `bchars` (`DIGIT / ALPHA / '()+_,-./:=? ` and space), not ending in a space.
    /// Lenient (reading): 1...256 visible US-ASCII characters or spaces, not ending in a space.
    static func validate(_ boundary: String, strict: Bool) throws(MultipartError) {
        let bytes = boundary.utf8
        let maxLength = strict ? maxStrictLength : maxLenientLength
        guard !bytes.isEmpty, bytes.count <= maxLength else {
            throw MultipartError(
                .invalidBoundary,
                "a boundary must have 1 to \(maxLength) characters, not \(bytes.count)"
            )
        }
        guard bytes.last != MIMEGrammar.space else {
            throw MultipartError(.invalidBoundary, "a boundary must not end with a space")
        }
        let valid = strict ? bytes.allSatisfy(isBChar) : bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }
        guard valid else {
            throw MultipartError(.invalidBoundary, "the boundary contains a character RFC 2046 does not allow")
        }
    }

    /// RFC 2046 §5.1.1 `bchars`.
    static func isBChar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x27, 0x28, 0x29, 0x2B, 0x5F, 0x2C, 0x2D, 0x2E, 0x2F, 0x3A, 0x3D, 0x3F, 0x20: true
        default: false
        }
    }
}
