import XCAModel

/// Reads DICOM Part-10 files in Explicit or Implicit VR Little Endian (DICOM PS3.10 §7.1, PS3.5 §7): enough to check
/// what the fixtures wrote and to transcode an instance between the two syntaxes. Sequences and items of defined or
/// undefined length are read; in Implicit VR a tag of the fixture dictionary gets its VR, an undefined length means
/// SQ, and anything else is UN. Every length is bounds-checked; nesting is limited.
public enum DICOMReader {
    static let maximumDepth = 16

    /// Reads a whole file, or, with `stopAtPixelData`, everything up to the value of the top-level Pixel Data
    /// element (whose offset and length are reported; `bytes` may end there).
    public static func read(_ bytes: [UInt8], stopAtPixelData: Bool = false) throws(FixtureError) -> DICOMFile {
        var cursor = Cursor(bytes: bytes)
        guard bytes.count >= 132, bytes[128..<132].elementsEqual("DICM".utf8) else {
            throw FixtureError(.invalidDICOM, "not a DICOM Part-10 file (no DICM prefix after the preamble)")
        }
        cursor.offset = 132
        var meta = DICOMDataSet()
        while cursor.offset + 4 <= bytes.count, try cursor.peekTag().group == 0x0002 {
            guard let element = try cursor.element(explicit: true, depth: 0, stopAtPixelData: false) else { break }
            meta.set(element)
        }
        guard let syntax = meta.string(.transferSyntaxUID) else {
            throw FixtureError(.invalidDICOM, "the File Meta Information has no Transfer Syntax UID")
        }
        let transferSyntax = TransferSyntaxUID(rawValue: syntax)
        guard let encoding = DICOMEncoding(transferSyntax: transferSyntax) else {
            throw FixtureError(.invalidDICOM, "unsupported transfer syntax \(syntax)")
        }
        let dataSetOffset = cursor.offset
        var dataSet = DICOMDataSet()
        while cursor.offset < bytes.count {
            guard
                let element = try cursor.element(
                    explicit: encoding == .explicitVRLittleEndian,
                    depth: 0,
                    stopAtPixelData: stopAtPixelData
                )
            else { break }
            dataSet.set(element)
        }
        return DICOMFile(
            fileMetaInformation: meta,
            dataSet: dataSet,
            transferSyntax: transferSyntax,
            pixelDataOffset: cursor.pixelDataOffset,
            pixelDataLength: cursor.pixelDataLength,
            dataSetOffset: dataSetOffset
        )
    }

    struct Cursor {
        let bytes: [UInt8]
        var offset = 0
        var pixelDataOffset: Int?
        var pixelDataLength: Int?

        func truncated() -> FixtureError {
            FixtureError(.invalidDICOM, "the DICOM file ends inside an element (offset \(offset))")
        }

        func peekTag() throws(FixtureError) -> DICOMTag {
            guard offset + 4 <= bytes.count else { throw truncated() }
            return DICOMTag(uint16(at: offset), uint16(at: offset + 2))
        }

        func uint16(at index: Int) -> UInt16 {
            UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
        }

        func uint32(at index: Int) -> UInt32 {
            UInt32(uint16(at: index)) | UInt32(uint16(at: index + 2)) << 16
        }

        mutating func readTag() throws(FixtureError) -> DICOMTag {
            let tag = try peekTag()
            offset += 4
            return tag
        }

        mutating func readUInt32() throws(FixtureError) -> UInt32 {
            guard offset + 4 <= bytes.count else { throw truncated() }
            defer { offset += 4 }
            return uint32(at: offset)
        }

        /// The next element; `nil` at the pixel data when stopping there.
        mutating func element(explicit: Bool, depth: Int, stopAtPixelData: Bool) throws(FixtureError) -> DICOMElement? {
            let tag = try readTag()
            let vr: DICOMVR
            let length: UInt32
            if explicit {
                guard offset + 2 <= bytes.count else { throw truncated() }
                guard let explicitVR = DICOMVR(bytes[offset], bytes[offset + 1]) else {
                    throw FixtureError(.invalidDICOM, "unknown VR at offset \(offset) for tag \(tag)")
                }
                vr = explicitVR
                offset += 2
                if vr.hasLongLength {
                    guard offset + 6 <= bytes.count else { throw truncated() }
                    offset += 2
                    length = try readUInt32()
                } else {
                    guard offset + 2 <= bytes.count else { throw truncated() }
                    length = UInt32(uint16(at: offset))
                    offset += 2
                }
            } else {
                length = try readUInt32()
                vr = length == DICOMWriter.undefinedLength ? .SQ : DICOMDictionary.vrs[tag] ?? .UN
            }
            if depth == 0 && tag == .pixelData && length != DICOMWriter.undefinedLength {
                pixelDataOffset = offset
                pixelDataLength = Int(length)
                if stopAtPixelData {
                    offset = bytes.count
                    return nil
                }
            }
            if vr == .SQ {
                return DICOMElement(
                    tag: tag,
                    vr: .SQ,
                    value: .sequence(try sequence(length: length, explicit: explicit, depth: depth + 1)),
                    undefinedLength: length == DICOMWriter.undefinedLength
                )
            }
            guard length != DICOMWriter.undefinedLength else {
                throw FixtureError(
                    .invalidDICOM,
                    "undefined length on a non-sequence element \(tag) (encapsulated pixel data is not supported)"
                )
            }
            guard offset + Int(length) <= bytes.count else { throw truncated() }
            defer { offset += Int(length) }
            return DICOMElement(tag: tag, vr: vr, value: .bytes(Array(bytes[offset..<offset + Int(length)])))
        }

        mutating func sequence(length: UInt32, explicit: Bool, depth: Int) throws(FixtureError) -> [DICOMDataSet] {
            guard depth <= DICOMReader.maximumDepth else {
                throw FixtureError(.invalidDICOM, "sequences nested too deeply")
            }
            let end: Int? = length == DICOMWriter.undefinedLength ? nil : offset + Int(length)
            if let end, end > bytes.count { throw truncated() }
            var items: [DICOMDataSet] = []
            while end.map({ offset < $0 }) ?? true {
                let tag = try readTag()
                let itemLength = try readUInt32()
                if tag == .sequenceDelimitation && end == nil { return items }
                guard tag == .item else {
                    throw FixtureError(.invalidDICOM, "expected an item in a sequence, found \(tag)")
                }
                var item = DICOMDataSet()
                if itemLength == DICOMWriter.undefinedLength {
                    while true {
                        if try peekTag() == .itemDelimitation {
                            offset += 4
                            _ = try readUInt32()
                            break
                        }
                        if let element = try element(explicit: explicit, depth: depth, stopAtPixelData: false) {
                            item.set(element)
                        }
                    }
                } else {
                    let itemEnd = offset + Int(itemLength)
                    guard itemEnd <= (end ?? bytes.count) else { throw truncated() }
                    while offset < itemEnd {
                        if let element = try element(explicit: explicit, depth: depth, stopAtPixelData: false) {
                            item.set(element)
                        }
                    }
                    guard offset == itemEnd else {
                        throw FixtureError(.invalidDICOM, "an item's elements overrun its length")
                    }
                }
                items.append(item)
            }
            guard offset == end else { throw FixtureError(.invalidDICOM, "a sequence's items overrun its length") }
            return items
        }
    }
}
