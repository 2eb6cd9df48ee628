/// A DICOM Transfer Syntax UID (0002,0010); listed in preference order in xdsi:TransferSyntaxUIDList (RAD TF-3 4.69.4.1.2 (≈)).
public struct TransferSyntaxUID: DICOMUIDIdentifier, CustomStringConvertible {
    public static let attributeName = "Transfer Syntax UID"

    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}

extension TransferSyntaxUID {
    /// Implicit VR Little Endian, the DICOM default transfer syntax (PS3.5 §10.1).
    public static let implicitVRLittleEndian = TransferSyntaxUID(rawValue: "1.2.840.10008.1.2")
    /// Explicit VR Little Endian (PS3.5 §A.2).
    public static let explicitVRLittleEndian = TransferSyntaxUID(rawValue: "1.2.840.10008.1.2.1")
}
