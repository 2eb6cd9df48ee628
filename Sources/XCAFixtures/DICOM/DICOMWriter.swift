import XCAModel

/// Writes DICOM Part-10 files (DICOM PS3.10 §7.1): a 128-byte preamble, `DICM`, the File Meta Information group
/// (0002) in Explicit VR Little Endian with its group length, then the data set in the transfer syntax named there.
public enum DICOMWriter {
    /// Implementation Class UID (0002,0012) of this writer.
    public static let implementationClassUID = FixtureUID.oid("xca-gateway", "fixtures", "DICOM implementation class")
    /// Implementation Version Name (0002,0013), at most 16 characters.
    public static let implementationVersionName = "XCAGW_FIXTURES_1"

    /// The whole Part-10 file of `dataSet`, whose SOP Class UID and SOP Instance UID name the Media Storage SOP
    /// Class and Instance of the File Meta Information.
    ///
    /// With `pixelDataLength`, the file ends with the header of a Pixel Data (7FE0,0010) OW element of that length
    /// and no value: the caller appends the pixel bytes (a lazily generated synthetic image). `dataSet` must then
    /// hold no element after (7FE0,0010).
    public static func part10(_ dataSet: DICOMDataSet, encoding: DICOMEncoding, pixelDataLength: Int? = nil) -> [UInt8]
    {
        var output = [UInt8](repeating: 0, count: 128)
        output += Array("DICM".utf8)
        var meta = DICOMDataSet()
        meta.set(.fileMetaInformationVersion, .OB, bytes: [0x00, 0x01])
        meta.set(.mediaStorageSOPClassUID, dataSet.string(.sopClassUID) ?? "")
        meta.set(.mediaStorageSOPInstanceUID, dataSet.string(.sopInstanceUID) ?? "")
        meta.set(.transferSyntaxUID, encoding.transferSyntax.rawValue)
        meta.set(.implementationClassUID, implementationClassUID)
        meta.set(.implementationVersionName, implementationVersionName)
        var group: [UInt8] = []
        for element in meta.elements { append(element, explicit: true, to: &group) }
        var length = DICOMDataSet()
        length.set(.fileMetaInformationGroupLength, uint32: UInt32(group.count))
        append(length.elements[0], explicit: true, to: &output)
        output += group
        output += encode(dataSet, encoding: encoding)
        if let pixelDataLength {
            precondition(
                pixelDataLength % 2 == 0 && pixelDataLength <= Int(UInt32.max - 1),
                "pixel data length must be even"
            )
            appendHeader(
                tag: .pixelData,
                vr: .OW,
                length: UInt32(pixelDataLength),
                explicit: encoding == .explicitVRLittleEndian,
                to: &output
            )
        }
        return output
    }

    /// The data set alone, encoded in `encoding`.
    public static func encode(_ dataSet: DICOMDataSet, encoding: DICOMEncoding) -> [UInt8] {
        var output: [UInt8] = []
        for element in dataSet.elements { append(element, explicit: encoding == .explicitVRLittleEndian, to: &output) }
        return output
    }

    static let undefinedLength: UInt32 = 0xFFFF_FFFF

    static func append(_ element: DICOMElement, explicit: Bool, to output: inout [UInt8]) {
        switch element.value {
        case .bytes(let bytes):
            precondition(bytes.count % 2 == 0, "DICOM values have even length")
            precondition(
                explicit && !element.vr.hasLongLength ? bytes.count <= 0xFFFF : true,
                "value too long for its VR"
            )
            appendHeader(tag: element.tag, vr: element.vr, length: UInt32(bytes.count), explicit: explicit, to: &output)
            output += bytes
        case .sequence(let items):
            // Implicit VR: always undefined length, so that no data dictionary is needed to find the items.
            if element.undefinedLength || !explicit {
                appendHeader(tag: element.tag, vr: .SQ, length: undefinedLength, explicit: explicit, to: &output)
                for item in items {
                    appendTag(.item, to: &output)
                    appendUInt32(undefinedLength, to: &output)
                    for child in item.elements { append(child, explicit: explicit, to: &output) }
                    appendTag(.itemDelimitation, to: &output)
                    appendUInt32(0, to: &output)
                }
                appendTag(.sequenceDelimitation, to: &output)
                appendUInt32(0, to: &output)
            } else {
                var body: [UInt8] = []
                for item in items {
                    var content: [UInt8] = []
                    for child in item.elements { append(child, explicit: explicit, to: &content) }
                    appendTag(.item, to: &body)
                    appendUInt32(UInt32(content.count), to: &body)
                    body += content
                }
                appendHeader(tag: element.tag, vr: .SQ, length: UInt32(body.count), explicit: explicit, to: &output)
                output += body
            }
        }
    }

    static func appendHeader(tag: DICOMTag, vr: DICOMVR, length: UInt32, explicit: Bool, to output: inout [UInt8]) {
        appendTag(tag, to: &output)
        guard explicit else {
            appendUInt32(length, to: &output)
            return
        }
        let (first, second) = vr.bytes
        output.append(first)
        output.append(second)
        if vr.hasLongLength {
            output += [0, 0]
            appendUInt32(length, to: &output)
        } else {
            output.append(UInt8(truncatingIfNeeded: length))
            output.append(UInt8(truncatingIfNeeded: length >> 8))
        }
    }

    static func appendTag(_ tag: DICOMTag, to output: inout [UInt8]) {
        output += [
            UInt8(truncatingIfNeeded: tag.group), UInt8(truncatingIfNeeded: tag.group >> 8),
            UInt8(truncatingIfNeeded: tag.element), UInt8(truncatingIfNeeded: tag.element >> 8),
        ]
    }

    static func appendUInt32(_ value: UInt32, to output: inout [UInt8]) {
        output += [
            UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 24),
        ]
    }
}
