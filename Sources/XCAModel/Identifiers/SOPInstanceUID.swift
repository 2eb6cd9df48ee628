/// A DICOM SOP Instance UID (0008,0018); in RAD-69/RAD-75 it is the DocumentUniqueId of a DocumentRequest.
public struct SOPInstanceUID: DICOMUIDIdentifier, CustomStringConvertible {
    public static let attributeName = "SOP Instance UID"

    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}

extension SOPInstanceUID {
    /// The SOP Instance UID a RAD-69/RAD-75 DocumentRequest carries as its DocumentUniqueId.
    public init(_ documentUniqueID: DocumentUniqueID) { self.init(rawValue: documentUniqueID.rawValue) }
}
