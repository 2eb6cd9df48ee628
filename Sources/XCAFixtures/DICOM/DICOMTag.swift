/// A DICOM data element tag (group, element) (DICOM PS3.5 §7.1). Ordered as data sets must be: ascending group,
/// then ascending element.
public struct DICOMTag: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let group: UInt16
    public let element: UInt16

    public init(_ group: UInt16, _ element: UInt16) {
        self.group = group
        self.element = element
    }

    public static func < (lhs: DICOMTag, rhs: DICOMTag) -> Bool {
        (lhs.group, lhs.element) < (rhs.group, rhs.element)
    }

    /// `(GGGG,EEEE)` in upper-case hexadecimal.
    public var description: String {
        "(\(Self.hex(group)),\(Self.hex(element)))"
    }

    private static func hex(_ value: UInt16) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - text.count) + text
    }

    /// Item (FFFE,E000), Item Delimitation (FFFE,E00D), Sequence Delimitation (FFFE,E0DD) (PS3.5 §7.5).
    static let item = DICOMTag(0xFFFE, 0xE000)
    static let itemDelimitation = DICOMTag(0xFFFE, 0xE00D)
    static let sequenceDelimitation = DICOMTag(0xFFFE, 0xE0DD)
}
