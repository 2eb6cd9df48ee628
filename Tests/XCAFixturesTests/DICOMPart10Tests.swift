import Testing
import XCAModel

@testable import XCAFixtures

/// The Part-10 writer and reader: framing, File Meta Information, padding, both transfer syntaxes, sequences of
/// defined and undefined length, and refusal of broken files.
@Suite struct DICOMPart10Tests {
    /// A data set exercising strings, binary values, an empty sequence, and nested sequences of both encodings.
    static func sample() -> DICOMDataSet {
        var ds = DICOMDataSet()
        ds.set(.sopClassUID, DICOMSOPClass.ctImage.rawValue)
        ds.set(.sopInstanceUID, "1.2.3.4.5")  // odd length: NUL-padded
        ds.set(.patientName, "DOE^JO")  // even
        ds.set(.modality, "CT")
        ds.set(.studyDescription, "Odd")  // odd length: space-padded
        ds.set(.rows, uint16: 2)
        ds.set(.columns, uint16: 3)
        ds.set(.referencedPerformedProcedureStepSequence, items: [])
        var inner = DICOMDataSet()
        inner.set(.codeValue, "113030")
        inner.set(.codingSchemeDesignator, "DCM")
        var outer = DICOMDataSet()
        outer.set(.conceptNameCodeSequence, items: [inner, inner], undefinedLength: true)
        outer.set(.valueType, "CONTAINER")
        ds.set(.contentSequence, items: [outer, DICOMDataSet()])
        ds.set(.pixelData, .OW, bytes: Array(0..<12))
        return ds
    }

    @Test(arguments: DICOMEncoding.allCases)
    func roundTripsThroughTheReader(encoding: DICOMEncoding) throws {
        let dataSet = Self.sample()
        let bytes = DICOMWriter.part10(dataSet, encoding: encoding)
        #expect(bytes.prefix(128).allSatisfy { $0 == 0 })
        #expect(Array(bytes[128..<132]) == Array("DICM".utf8))
        let file = try DICOMReader.read(bytes)
        #expect(file.transferSyntax == encoding.transferSyntax)
        #expect(file.fileMetaInformation.string(.mediaStorageSOPClassUID) == DICOMSOPClass.ctImage.rawValue)
        #expect(file.fileMetaInformation.string(.mediaStorageSOPInstanceUID) == "1.2.3.4.5")
        #expect(file.fileMetaInformation.string(.implementationClassUID) == DICOMWriter.implementationClassUID)
        #expect(file.fileMetaInformation[.fileMetaInformationVersion]?.bytes == [0, 1])
        // The group length counts exactly the meta elements after it.
        let groupLength = try #require(file.fileMetaInformation.uint32(.fileMetaInformationGroupLength))
        #expect(132 + 12 + Int(groupLength) == file.dataSetOffset)
        // Values and structure survive; Implicit VR always writes sequences with undefined length.
        #expect(DICOMWriter.encode(file.dataSet, encoding: encoding) == DICOMWriter.encode(dataSet, encoding: encoding))
        if encoding == .explicitVRLittleEndian { #expect(file.dataSet == dataSet) }
        #expect(file.dataSet.string(.patientName) == "DOE^JO")
        #expect(file.dataSet.uint16(.columns) == 3)
        let content = file.dataSet.items(.contentSequence)
        #expect(content.count == 2)
        #expect(content[0].items(.conceptNameCodeSequence).map { $0.string(.codeValue) } == ["113030", "113030"])
        #expect(content[1].elements.isEmpty)
        #expect(file.dataSet.items(.referencedPerformedProcedureStepSequence).isEmpty)
        #expect(file.pixelDataLength == 12)
        #expect(file.pixelDataOffset.map { Array(bytes[$0..<$0 + 12]) } == Array(0..<12))
    }

    @Test func valuesArePaddedToEvenLengthWithTheirVRsPadding() {
        let ds = Self.sample()
        #expect(ds[.sopInstanceUID]?.bytes == Array("1.2.3.4.5".utf8) + [0])
        #expect(ds[.studyDescription]?.bytes == Array("Odd ".utf8))
        #expect(ds[.patientName]?.bytes == Array("DOE^JO".utf8))
        #expect(ds.string(.sopInstanceUID) == "1.2.3.4.5")
        #expect(ds.string(.studyDescription) == "Odd")
    }

    @Test func explicitVRUsesLongLengthsOnlyWhereTheStandardSays() {
        var ds = DICOMDataSet()
        ds.set(.patientID, "12")
        ds.set(.pixelData, .OW, bytes: [1, 2])
        let bytes = DICOMWriter.encode(ds, encoding: .explicitVRLittleEndian)
        // (0010,0020) LO, 16-bit length 2
        #expect(Array(bytes[0..<10]) == [0x10, 0x00, 0x20, 0x00, 0x4C, 0x4F, 0x02, 0x00, 0x31, 0x32])
        // (7FE0,0010) OW, reserved 0000, 32-bit length 2
        #expect(Array(bytes[10...]) == [0xE0, 0x7F, 0x10, 0x00, 0x4F, 0x57, 0, 0, 0x02, 0, 0, 0, 1, 2])
        let implicit = DICOMWriter.encode(ds, encoding: .implicitVRLittleEndian)
        #expect(Array(implicit[0..<10]) == [0x10, 0x00, 0x20, 0x00, 0x02, 0x00, 0x00, 0x00, 0x31, 0x32])
    }

    @Test func dataSetsStayInTagOrder() {
        var ds = DICOMDataSet()
        ds.set(.pixelData, .OW, bytes: [])
        ds.set(.patientID, "1")
        ds.set(.sopClassUID, "1.2")
        ds.set(.patientID, "22")
        #expect(ds.elements.map(\.tag) == [.sopClassUID, .patientID, .pixelData])
        #expect(ds.string(.patientID) == "22")
    }

    @Test func readingStopsAtPixelDataWhenAsked() throws {
        let bytes = DICOMWriter.part10(Self.sample(), encoding: .explicitVRLittleEndian)
        let offset = try #require(try DICOMReader.read(bytes).pixelDataOffset)
        let header = try DICOMReader.read(Array(bytes[..<offset]), stopAtPixelData: true)
        #expect(header.pixelDataOffset == offset)
        #expect(header.pixelDataLength == 12)
        #expect(header.dataSet[.pixelData] == nil)
        #expect(header.dataSet.string(.modality) == "CT")
    }

    @Test func brokenFilesAreRefused() throws {
        let bytes = DICOMWriter.part10(Self.sample(), encoding: .explicitVRLittleEndian)
        #expect(throws: FixtureError(.invalidDICOM, "")) { try DICOMReader.read(Array(bytes[..<100])) }
        var notDICM = bytes
        notDICM[129] = UInt8(ascii: "X")
        #expect(throws: FixtureError(.invalidDICOM, "")) { try DICOMReader.read(notDICM) }
        // Truncated inside a nested sequence item, inside a value, inside an element header.
        let code = Array("113030".utf8)
        let nested = try #require(bytes.indices.first { bytes[$0...].starts(with: code) })
        for cut in [nested + 3, bytes.count - 5, bytes.count - 14] {
            #expect(throws: FixtureError(.invalidDICOM, "")) { try DICOMReader.read(Array(bytes[..<cut])) }
        }
        // An unsupported transfer syntax.
        var meta = DICOMDataSet()
        meta.set(.sopClassUID, "1.2")
        meta.set(.sopInstanceUID, "1.3")
        var deflated = DICOMWriter.part10(meta, encoding: .explicitVRLittleEndian)
        let explicit = Array("1.2.840.10008.1.2.1".utf8)
        let index = try #require(deflated.indices.first { deflated[$0...].starts(with: explicit) })
        deflated.replaceSubrange(index..<index + explicit.count, with: Array("1.2.840.10008.1.2.5".utf8))
        #expect(throws: FixtureError(.invalidDICOM, "")) { try DICOMReader.read(deflated) }
    }
}
