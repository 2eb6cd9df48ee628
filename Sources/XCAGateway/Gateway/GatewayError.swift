/// The gateway's own error: a code, a message fit for operators (never patient data), and where it was raised.
/// Equality is on the code only.
package struct GatewayError: Error, Hashable, Sendable, CustomStringConvertible {
    package struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        package let rawValue: String
        package init(rawValue: String) { self.rawValue = rawValue }
        package var description: String { rawValue }

        /// A community answered with an HTTP status that carries no SOAP message (502, 503, 404…).
        package static let httpStatus = Code(rawValue: "httpStatus")
        /// A community answered with a body that is neither SOAP nor MTOM.
        package static let notSOAP = Code(rawValue: "notSOAP")
        /// A community has no endpoint for the transaction.
        package static let noEndpoint = Code(rawValue: "noEndpoint")
        /// The gateway's configuration cannot be used.
        package static let configuration = Code(rawValue: "configuration")
    }

    package let code: Code
    package let message: String
    package let file: String
    package let line: Int

    package init(_ code: Code, _ message: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
    }

    package var description: String { "\(code): \(message)" }

    package static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    package func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
