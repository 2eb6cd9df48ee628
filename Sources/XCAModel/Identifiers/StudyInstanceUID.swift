/// A DICOM Study Instance UID (0020,000D); the xdsi:StudyRequest/@studyInstanceUID of RAD-69/RAD-75.
public struct StudyInstanceUID: DICOMUIDIdentifier, CustomStringConvertible {
    public static let attributeName = "Study Instance UID"

    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}
