/// One data element of a DICOM data set: a tag, a VR and either value bytes (already padded to even length) or the
/// items of a sequence (DICOM PS3.5 §7.1, §7.5).
public struct DICOMElement: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case bytes([UInt8])
        case sequence([DICOMDataSet])
    }

    public var tag: DICOMTag
    public var vr: DICOMVR
    public var value: Value
    /// For sequences in Explicit VR: written with undefined length (0xFFFFFFFF, items and sequence closed by
    /// delimitation items) instead of explicit lengths. Implicit VR output always uses undefined length so that a
    /// reader without a data dictionary still recognises the sequence (PS3.5 §7.5.1).
    public var undefinedLength: Bool

    public init(tag: DICOMTag, vr: DICOMVR, value: Value, undefinedLength: Bool = false) {
        self.tag = tag
        self.vr = vr
        self.value = value
        self.undefinedLength = undefinedLength
    }

    /// The value bytes (empty for a sequence).
    public var bytes: [UInt8] {
        if case .bytes(let bytes) = value { bytes } else { [] }
    }

    /// The items of a sequence (empty for other values).
    public var items: [DICOMDataSet] {
        if case .sequence(let items) = value { items } else { [] }
    }

    /// The value as text without its trailing padding (spaces and NULs), and without leading spaces for the VRs
    /// whose leading spaces are insignificant.
    public var string: String {
        var bytes = self.bytes[...]
        while let last = bytes.last, last == 0 || last == UInt8(ascii: " ") { bytes = bytes.dropLast() }
        switch vr {
        case .LT, .ST, .UT, .UR, .UC: break
        default: while let first = bytes.first, first == UInt8(ascii: " ") { bytes = bytes.dropFirst() }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
