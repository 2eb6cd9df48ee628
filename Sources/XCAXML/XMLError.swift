/// The one error of XCAXML: what went wrong, where (line and column of the input, 1-based, 0 when unknown).
///
/// Messages describe the structure of the problem, never the content of the document, so that no patient data
/// leaks into logs or faults.
public struct XMLError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem; equality of errors is equality of codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The input is not well-formed XML (libxml2's own diagnosis is in the message).
        public static let malformed = Code("malformed")
        /// A document type declaration was present. DTDs are never loaded or processed, so they are refused
        /// outright: no external entity (XXE), no entity expansion (billion laughs, quadratic blow-up).
        public static let doctypeForbidden = Code("doctypeForbidden")
        /// An entity reference other than the five predefined ones and character references.
        public static let entityForbidden = Code("entityForbidden")
        /// The document is larger than `XMLLimits.maxDocumentSize`.
        public static let documentTooLarge = Code("documentTooLarge")
        /// Elements nest deeper than `XMLLimits.maxDepth`.
        public static let tooDeep = Code("tooDeep")
        /// An element has more attributes than `XMLLimits.maxAttributesPerElement`.
        public static let tooManyAttributes = Code("tooManyAttributes")
        /// An attribute value is longer than `XMLLimits.maxAttributeLength`.
        public static let attributeTooLong = Code("attributeTooLong")
        /// A text node is longer than `XMLLimits.maxTextLength`.
        public static let textTooLong = Code("textTooLong")
        /// A name is longer than `XMLLimits.maxNameLength`.
        public static let nameTooLong = Code("nameTooLong")
        /// The writer was given a character XML 1.0 cannot carry (C0 controls other than tab, LF, CR; U+FFFE;
        /// U+FFFF).
        public static let invalidCharacter = Code("invalidCharacter")
        /// The writer was given bytes that are not UTF-8.
        public static let invalidUTF8 = Code("invalidUTF8")
        /// The writer was given something that is not an XML name.
        public static let invalidName = Code("invalidName")
        /// The reader or writer was used out of order (an attribute after content, an end without a start, a
        /// read of an element's text when the reader is not on an element).
        public static let misuse = Code("misuse")
        /// The document does not have the structure the caller expects (an element where text was expected).
        public static let unexpectedContent = Code("unexpectedContent")
    }

    public let code: Code
    public let message: String
    /// 1-based line of the input where the problem was found; 0 when not known (writer errors).
    public let line: Int
    /// 1-based column; 0 when not known.
    public let column: Int
    public let fileID: StaticString
    public let sourceLine: UInt

    public init(
        _ code: Code,
        _ message: String,
        line: Int = 0,
        column: Int = 0,
        fileID: StaticString = #fileID,
        sourceLine: UInt = #line
    ) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.fileID = fileID
        self.sourceLine = sourceLine
    }

    public var description: String {
        line > 0 ? "XML \(code) at line \(line), column \(column): \(message)" : "XML \(code): \(message)"
    }
}

extension XMLError: Equatable {
    public static func == (lhs: XMLError, rhs: XMLError) -> Bool { lhs.code == rhs.code }
}
