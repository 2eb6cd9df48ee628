import XCAModel

/// The two uncompressed transfer syntaxes the fixtures offer for every instance (DICOM PS3.5 §10.1, §A.1, §A.2).
public enum DICOMEncoding: Hashable, Sendable, CaseIterable {
    /// 1.2.840.10008.1.2.1: each element carries its VR.
    case explicitVRLittleEndian
    /// 1.2.840.10008.1.2, the DICOM default: no VR on the wire.
    case implicitVRLittleEndian

    public init?(transferSyntax: TransferSyntaxUID) {
        switch transferSyntax {
        case .explicitVRLittleEndian: self = .explicitVRLittleEndian
        case .implicitVRLittleEndian: self = .implicitVRLittleEndian
        default: return nil
        }
    }

    public var transferSyntax: TransferSyntaxUID {
        switch self {
        case .explicitVRLittleEndian: .explicitVRLittleEndian
        case .implicitVRLittleEndian: .implicitVRLittleEndian
        }
    }
}
