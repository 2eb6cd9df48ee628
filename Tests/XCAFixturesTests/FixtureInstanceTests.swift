import Testing
import XCAModel

@testable import XCAFixtures

/// The DICOM instances and KOS manifests of the built-in federation, read back with the Part-10 reader: both
/// renditions, the patient and study identity, and the manifest evidence ↔ instances ↔ Imaging Document Source
/// relationship XDS-I.b defines.
@Suite struct FixtureInstanceTests {
    let federation = FixtureFederation.builtIn()

    @Test(arguments: FixtureGeneratorTests.communityNames)
    func everyInstanceParsesInBothRenditionsWithItsIdentity(community name: String) async throws {
        let community = try #require(federation.community(named: name))
        let patients = federation.patients.filter { $0.communities.contains(name) }.map(\.nhsNumber.rawValue)
        let sources = Set(community.imagingDocumentSources.map(\.repositoryUniqueID))
        #expect(!community.instances.isEmpty)
        for instance in community.instances {
            #expect(sources.contains(instance.repositoryUniqueID))
            #expect(Set(instance.renditions.keys) == [.explicitVRLittleEndian, .implicitVRLittleEndian])
            var encoded: [[UInt8]] = []
            for (syntax, content) in instance.renditions.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let bytes = try await content.collect()
                #expect(bytes.count == content.size)
                let file = try DICOMReader.read(bytes)
                let ds = file.dataSet
                #expect(file.transferSyntax == syntax)
                #expect(file.fileMetaInformation.string(.transferSyntaxUID) == syntax.rawValue)
                #expect(
                    file.fileMetaInformation.string(.mediaStorageSOPInstanceUID) == instance.sopInstanceUID.rawValue
                )
                #expect(ds.string(.sopInstanceUID) == instance.sopInstanceUID.rawValue)
                #expect(ds.string(.sopClassUID) == instance.sopClassUID)
                #expect(ds.string(.studyInstanceUID) == instance.studyInstanceUID.rawValue)
                #expect(ds.string(.seriesInstanceUID) == instance.seriesInstanceUID.rawValue)
                #expect(ds.string(.modality) == DICOMSOPClass(rawValue: instance.sopClassUID)?.modality)
                #expect(patients.contains(ds.string(.patientID) ?? ""))
                #expect(ds.string(.issuerOfPatientID) == "NHS")
                #expect(
                    ds.items(.issuerOfPatientIDQualifiersSequence).first?.string(.universalEntityID)
                        == "2.16.840.1.113883.2.1.4.1"
                )
                let rows = Int(ds.uint16(.rows) ?? 0)
                let columns = Int(ds.uint16(.columns) ?? 0)
                let bits = Int(ds.uint16(.bitsAllocated) ?? 0)
                #expect(rows == 64 && columns == 64)
                #expect(file.pixelDataLength == rows * columns * bits / 8)
                #expect(file.pixelDataOffset.map { $0 + rows * columns * bits / 8 } == bytes.count)
                encoded.append(DICOMWriter.encode(ds, encoding: .implicitVRLittleEndian))
            }
            // Both renditions carry the same data set.
            #expect(encoded.count == 2 && encoded[0] == encoded[1])
        }
    }

    @Test func pixelDataHasAVisiblePattern() async throws {
        let instance = try #require(federation.communities.first?.instances.first)
        let bytes = try await #require(instance.renditions[.explicitVRLittleEndian]).collect()
        let file = try DICOMReader.read(bytes)
        let pixels = try #require(file.dataSet[.pixelData]?.bytes)
        let values = stride(from: 0, to: pixels.count, by: 2).map { Int(pixels[$0]) | Int(pixels[$0 + 1]) << 8 }
        #expect(Set(values).count > 20)
        #expect(values.allSatisfy { $0 < 4096 })  // Bits Stored 12
    }

    @Test(arguments: FixtureGeneratorTests.communityNames)
    func everyManifestReferenceResolvesToAnInstanceOfTheNamedImagingDocumentSource(community name: String) async throws
    {
        let community = try #require(federation.community(named: name))
        let instances = Dictionary(uniqueKeysWithValues: community.instances.map { ($0.sopInstanceUID, $0) })
        let sources = Set(community.imagingDocumentSources.map(\.repositoryUniqueID))
        let entries = FixtureTestSupport.entries(community)
        var referenced = Set<SOPInstanceUID>()
        var manifests = 0
        for (entry, document) in zip(entries, community.documents) where entry.mimeType == "application/dicom" {
            manifests += 1
            let file = try DICOMReader.read(try await document.content.collect())
            let ds = file.dataSet
            #expect(ds.string(.sopClassUID) == DICOMSOPClass.keyObjectSelectionDocument.rawValue)
            #expect(ds.string(.sopInstanceUID) == entry.uniqueID.rawValue)
            #expect(ds.string(.modality) == "KO")
            #expect(ds.string(.patientID) == entry.patientID.nhsNumber?.rawValue)
            let title = try #require(ds.items(.conceptNameCodeSequence).first)
            #expect(title.string(.codeValue) == "113030")
            #expect(title.string(.codingSchemeDesignator) == "DCM")
            #expect(title.string(.codeMeaning) == "Manifest")
            #expect(ds.items(.contentTemplateSequence).first?.string(.templateIdentifier) == "2010")
            #expect(ds.items(.referencedRequestSequence).first?.string(.accessionNumber) == ds.string(.accessionNumber))

            let studies = ds.items(.currentRequestedProcedureEvidenceSequence)
            #expect(studies.count == 1)
            var evidence = Set<SOPInstanceUID>()
            for study in studies {
                #expect(study.string(.studyInstanceUID) == FixtureTestSupport.studyUID(entry))
                #expect(study.string(.studyInstanceUID) == ds.string(.studyInstanceUID))
                for series in study.items(.referencedSeriesSequence) {
                    let location = RepositoryUniqueID(rawValue: series.string(.retrieveLocationUID) ?? "")
                    #expect(sources.contains(location))
                    for reference in series.items(.referencedSOPSequence) {
                        let sop = SOPInstanceUID(rawValue: reference.string(.referencedSOPInstanceUID) ?? "")
                        let instance = try #require(instances[sop])
                        #expect(instance.repositoryUniqueID == location)
                        #expect(instance.seriesInstanceUID.rawValue == series.string(.seriesInstanceUID))
                        #expect(instance.studyInstanceUID.rawValue == study.string(.studyInstanceUID))
                        #expect(instance.sopClassUID == reference.string(.referencedSOPClassUID))
                        evidence.insert(sop)
                    }
                }
            }
            // The content tree references exactly the evidence, as IMAGE items.
            let content = ds.items(.contentSequence)
            #expect(
                content.allSatisfy { $0.string(.valueType) == "IMAGE" && $0.string(.relationshipType) == "CONTAINS" }
            )
            let images = Set(
                content.compactMap { $0.items(.referencedSOPSequence).first?.string(.referencedSOPInstanceUID) }.map(
                    SOPInstanceUID.init(rawValue:)
                )
            )
            #expect(images == evidence)
            #expect(referenced.isDisjoint(with: evidence))
            referenced.formUnion(evidence)
        }
        #expect(manifests > 0)
        // Every instance of the community is shared through exactly one manifest.
        #expect(referenced == Set(instances.keys))
    }
}
