/// A DICOM data set: data elements in ascending tag order (DICOM PS3.5 §7.1). Setters replace an element with the
/// same tag and keep the order; string values are padded to even length with the VR's padding byte.
public struct DICOMDataSet: Hashable, Sendable {
    public private(set) var elements: [DICOMElement]

    public init(_ elements: [DICOMElement] = []) {
        self.elements = elements.sorted { $0.tag < $1.tag }
    }

    public subscript(tag: DICOMTag) -> DICOMElement? {
        elements.first { $0.tag == tag }
    }

    /// Inserts `element` in tag order, replacing an element with the same tag.
    public mutating func set(_ element: DICOMElement) {
        if let index = elements.firstIndex(where: { $0.tag >= element.tag }) {
            if elements[index].tag == element.tag {
                elements[index] = element
            } else {
                elements.insert(element, at: index)
            }
        } else {
            elements.append(element)
        }
    }

    public mutating func remove(_ tag: DICOMTag) {
        elements.removeAll { $0.tag == tag }
    }

    // MARK: Setters

    /// A string value (several values joined with `\`), with the VR of the data dictionary.
    public mutating func set(_ tag: DICOMTag, _ values: String...) {
        set(tag, DICOMDictionary.vr(of: tag), values)
    }

    public mutating func set(_ tag: DICOMTag, _ vr: DICOMVR, _ values: [String]) {
        set(tag, vr, bytes: Array(values.joined(separator: "\\").utf8))
    }

    /// Raw value bytes, padded to even length.
    public mutating func set(_ tag: DICOMTag, _ vr: DICOMVR, bytes: [UInt8]) {
        var bytes = bytes
        if bytes.count % 2 == 1 { bytes.append(vr.paddingByte) }
        set(DICOMElement(tag: tag, vr: vr, value: .bytes(bytes)))
    }

    /// An unsigned short (US) value, little endian.
    public mutating func set(_ tag: DICOMTag, uint16 value: UInt16) {
        set(tag, .US, bytes: [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)])
    }

    /// An unsigned long (UL) value, little endian.
    public mutating func set(_ tag: DICOMTag, uint32 value: UInt32) {
        set(tag, .UL, bytes: (0..<4).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) })
    }

    /// A sequence (SQ) of items; `undefinedLength` chooses the Explicit VR encoding (PS3.5 §7.5.2).
    public mutating func set(_ tag: DICOMTag, items: [DICOMDataSet], undefinedLength: Bool = false) {
        set(DICOMElement(tag: tag, vr: .SQ, value: .sequence(items), undefinedLength: undefinedLength))
    }

    // MARK: Getters

    /// The value of a string element without padding; `nil` when absent.
    public func string(_ tag: DICOMTag) -> String? {
        self[tag]?.string
    }

    /// The first value of a US element; `nil` when absent or too short.
    public func uint16(_ tag: DICOMTag) -> UInt16? {
        guard let bytes = self[tag]?.bytes, bytes.count >= 2 else { return nil }
        return UInt16(bytes[0]) | UInt16(bytes[1]) << 8
    }

    /// The first value of a UL element; `nil` when absent or too short.
    public func uint32(_ tag: DICOMTag) -> UInt32? {
        guard let bytes = self[tag]?.bytes, bytes.count >= 4 else { return nil }
        return (0..<4).reduce(0) { $0 | UInt32(bytes[$1]) << ($1 * 8) }
    }

    /// The items of a sequence; empty when absent.
    public func items(_ tag: DICOMTag) -> [DICOMDataSet] {
        self[tag]?.items ?? []
    }
}
