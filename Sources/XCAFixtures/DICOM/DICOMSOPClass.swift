/// The storage SOP classes of the fixture instances (DICOM PS3.4 Table B.5-1).
public enum DICOMSOPClass: String, Hashable, Sendable, CaseIterable {
    case ctImage = "1.2.840.10008.5.1.4.1.1.2"
    case mrImage = "1.2.840.10008.5.1.4.1.1.4"
    case computedRadiographyImage = "1.2.840.10008.5.1.4.1.1.1"
    case digitalXRayImageForPresentation = "1.2.840.10008.5.1.4.1.1.1.1"
    case digitalMammographyImageForPresentation = "1.2.840.10008.5.1.4.1.1.1.2"
    case ultrasoundImage = "1.2.840.10008.5.1.4.1.1.6.1"
    /// Key Object Selection Document: the XDS-I.b imaging manifest (RAD TF-3 4.68.4.1.2.2 (≈)).
    case keyObjectSelectionDocument = "1.2.840.10008.5.1.4.1.1.88.59"

    /// The Modality (0008,0060) of instances of this class.
    public var modality: String {
        switch self {
        case .ctImage: "CT"
        case .mrImage: "MR"
        case .computedRadiographyImage: "CR"
        case .digitalXRayImageForPresentation: "DX"
        case .digitalMammographyImageForPresentation: "MG"
        case .ultrasoundImage: "US"
        case .keyObjectSelectionDocument: "KO"
        }
    }

    /// The image storage class for a modality code (`CT`, `MR`, `CR`, `DX`, `MG`, `US`).
    public init?(imageModality: String) {
        guard
            let match = Self.allCases.first(where: { $0.modality == imageModality && $0 != .keyObjectSelectionDocument }
            )
        else { return nil }
        self = match
    }
}
