import XCASOAP
import XCAXML

/// The one error of XCABinding: a message whose XML is fine but whose ebRS / XDS.b / XDS-I.b structure is not
/// what the transaction requires (a missing required element, a bad attribute value, the wrong body element).
/// The gateway answers it with a SOAP Sender fault (``soapFault``); messages say what is wrong and where, never
/// the content.
public struct BindingError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A required element or attribute is absent.
        public static let missing = Code("missing")
        /// An element that does not belong where it was found.
        public static let unexpected = Code("unexpected")
        /// An attribute or text value that cannot be read (a number that is not one, an unknown enumeration).
        public static let invalidValue = Code("invalidValue")
        /// The body element is not a message of this transaction (or of any the gateway serves).
        public static let unsupportedMessage = Code("unsupportedMessage")
        /// The XML underneath was refused (see the wrapped XMLError).
        public static let xml = Code("xml")
    }

    public let code: Code
    public let message: String
    public let line: Int
    public let fileID: StaticString
    public let sourceLine: UInt

    public init(_ code: Code, _ message: String, line: Int = 0, fileID: StaticString = #fileID, sourceLine: UInt = #line)
    {
        self.code = code
        self.message = message
        self.line = line
        self.fileID = fileID
        self.sourceLine = sourceLine
    }

    init(_ error: XMLError) {
        self.init(.xml, error.description, line: error.line)
    }

    public var description: String {
        line > 0 ? "\(code) at line \(line): \(message)" : "\(code): \(message)"
    }

    /// The SOAP fault that answers a request with this problem.
    public var soapFault: SOAPFault {
        SOAPFault(code: .sender, reason: "the message does not have the structure the transaction requires: \(description)")
    }
}

extension BindingError: Equatable {
    public static func == (lhs: BindingError, rhs: BindingError) -> Bool { lhs.code == rhs.code }
}

extension XMLStreamReader {
    /// A binding error at the current line.
    func bindingError(_ code: BindingError.Code, _ message: String, fileID: StaticString = #fileID, sourceLine: UInt = #line)
        -> BindingError
    {
        BindingError(code, message, line: line, fileID: fileID, sourceLine: sourceLine)
    }
}
