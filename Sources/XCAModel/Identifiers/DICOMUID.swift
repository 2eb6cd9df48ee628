/// The DICOM unique identifier rules (DICOM PS3.5 §9.1): at most 64 characters, digits and dots only, no empty
/// component, no leading zero in a multi-digit component.
public enum DICOMUID {
    public static let maximumLength = 64

    /// `nil` when `value` follows the UID rules; otherwise a short reason that does not repeat the value.
    public static func validationProblem(of value: Substring) -> String? {
        if value.utf8.count > maximumLength { return "is longer than \(maximumLength) characters" }
        return IdentifierSyntax.scanDottedDecimal(value.utf8).problem
    }
}

/// An identifier that follows the DICOM UID rules. Conforming types only name themselves for messages.
public protocol DICOMUIDIdentifier: IHEIdentifier {
    /// The attribute name used in validation messages, e.g. "Study Instance UID".
    static var attributeName: String { get }
}

extension DICOMUIDIdentifier {
    public var validationProblem: String? {
        DICOMUID.validationProblem(of: rawValue[...]).map { "\(Self.attributeName) \($0)" }
    }

    public var description: String { rawValue }
}
