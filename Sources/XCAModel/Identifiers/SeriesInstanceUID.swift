/// A DICOM Series Instance UID (0020,000E); the xdsi:SeriesRequest/@seriesInstanceUID of RAD-69/RAD-75.
public struct SeriesInstanceUID: DICOMUIDIdentifier, CustomStringConvertible {
    public static let attributeName = "Series Instance UID"

    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}
