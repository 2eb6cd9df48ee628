import Foundation
import Testing
import XCAModel

@testable import XCAFixtures

/// Large synthetic studies for benchmarks: sizes, lazily generated deterministic content in constant memory,
/// valid Part-10 headers, and the manifest and DocumentEntry that describe them.
@Suite struct SyntheticStudyTests {
    @Test(arguments: [
        ("1GiB", 1 << 30), ("512MiB", 512 << 20), ("100MB", 100_000_000), ("64 KiB", 65_536), ("1.5GB", 1_500_000_000),
        ("4096", 4096), ("2kb", 2000), ("3 TiB", 3 << 40), ("7b", 7),
    ])
    func sizesParse(text: String, bytes: Int) throws {
        #expect(try FixtureByteCount.parse(text) == bytes)
    }

    @Test(arguments: ["", "GiB", "abc", "-1GiB", "1XB", "1.2.3MB", "0", "1e3"])
    func badSizesAreRefused(text: String) {
        #expect(throws: FixtureError(.invalidSize, "")) { try FixtureByteCount.parse(text) }
    }

    @Test func sizesFormat() {
        #expect(FixtureByteCount.format(1 << 30) == "1 GiB")
        #expect(FixtureByteCount.format(512 << 10) == "512 KiB")
        #expect(FixtureByteCount.format(3 << 19) == "1.5 MiB")
        #expect(FixtureByteCount.format(100) == "100 B")
    }

    @Test func aSixtyFourMiBStudyStreamsInFlatMemoryWithCorrectSizes() async throws {
        let base = FixtureFederation.builtIn()
        let federation = try base.addingSyntheticStudy(totalSize: 64 << 20, community: "midlands-imaging")
        let community = try #require(federation.community(named: "midlands-imaging"))
        let before = try #require(base.community(named: "midlands-imaging"))
        let added = community.instances.filter { instance in
            !before.instances.contains { $0.sopInstanceUID == instance.sopInstanceUID }
        }
        #expect(added.count == 128)

        let baseline = FixtureTestSupport.residentBytes()
        var peak = baseline ?? 0
        var total = 0
        for instance in added {
            for syntax in [TransferSyntaxUID.explicitVRLittleEndian, .implicitVRLittleEndian] {
                let content = try #require(instance.renditions[syntax])
                var delivered = 0
                var header: [UInt8] = []
                try await content.read(chunkSize: 64 << 10) { chunk in
                    #expect(chunk.readableBytes <= 64 << 10)
                    if header.count < 4096 { header += chunk.readableBytesView.prefix(4096 - header.count) }
                    delivered += chunk.readableBytes
                }
                #expect(delivered == content.size)
                total += delivered
                // A valid Part-10 header naming this instance, its pixel data running to the end.
                let file = try DICOMReader.read(header, stopAtPixelData: true)
                #expect(file.transferSyntax == syntax)
                #expect(file.dataSet.string(.sopInstanceUID) == instance.sopInstanceUID.rawValue)
                let rows = Int(file.dataSet.uint16(.rows) ?? 0)
                let columns = Int(file.dataSet.uint16(.columns) ?? 0)
                #expect(file.pixelDataLength == rows * columns * 2)
                #expect(file.pixelDataOffset.map { $0 + rows * columns * 2 } == content.size)
                #expect(content.size <= 512 << 10 && content.size > 500 << 10)
            }
            if let resident = FixtureTestSupport.residentBytes() { peak = max(peak, resident) }
        }
        #expect(total > 2 * (63 << 20))
        if let baseline {
            // 128 MiB streamed through 64 KiB chunks: resident memory must not grow with the study. Resident size is
            // process-wide and the other suites run in parallel (seen: +51 MiB in CI from them), so the bound sits
            // between that noise and what holding the renditions would cost (≥ 128 MiB). Flat-memory figures
            // belong to the benchmarks.
            #expect(peak - baseline < 96 << 20, "resident memory grew by \(peak - baseline) bytes")
        }
    }

    @Test func contentIsDeterministicAndIndependentOfTheChunkSize() async throws {
        let one = try FixtureFederation.builtIn().addingSyntheticStudy(totalSize: 40_000, instanceSize: 20_000)
        let two = try FixtureFederation.builtIn().addingSyntheticStudy(totalSize: 40_000, instanceSize: 20_000)
        let a = try #require(
            one.communities.first?.instances.first {
                $0.seriesInstanceUID.rawValue.isEmpty == false
                    && $0.renditions[.explicitVRLittleEndian]?.size ?? 0 > 10_000
            }
        )
        let b = try #require(two.communities.first?.instances.first { $0.sopInstanceUID == a.sopInstanceUID })
        for syntax in [TransferSyntaxUID.explicitVRLittleEndian, .implicitVRLittleEndian] {
            let whole = try await #require(a.renditions[syntax]).collect()
            #expect(try await #require(b.renditions[syntax]).collect() == whole)
            var odd: [UInt8] = []
            try await #require(a.renditions[syntax]).read(chunkSize: 7) { odd += $0.readableBytesView }
            #expect(odd == whole)
            // The pixel data is a pattern, not zeros.
            let file = try DICOMReader.read(whole)
            let pixels = try #require(file.dataSet[.pixelData]?.bytes)
            #expect(Set(pixels).count > 50)
        }
    }

    @Test func theStudyHasAManifestAndDocumentEntryDescribingIt() async throws {
        let patient = try #require(
            FixtureFederation.builtIn().patients.first { !$0.communities.contains("south-west-imaging") }
        )
        let federation = try FixtureFederation.builtIn().addingSyntheticStudy(
            totalSize: 3 << 20,
            instanceSize: 1 << 20,
            community: "south-west-imaging",
            patient: patient.nhsNumber
        )
        let community = try #require(federation.community(named: "south-west-imaging"))
        let source = try #require(community.imagingDocumentSources.first)
        let entry = try #require(FixtureTestSupport.entries(community).last)
        let document = try #require(community.documents.last)
        #expect(entry.mimeType == "application/dicom")
        #expect(entry.patientID.nhsNumber == patient.nhsNumber)
        #expect(entry.home == community.homeCommunityID)
        #expect(entry.title?.hasPrefix("Synthetic CT study (3 MiB, 3 instances)") == true)
        let bytes = try await document.content.collect()
        #expect(entry.hash == FixtureTestSupport.sha1(bytes))
        #expect(entry.size == bytes.count)
        #expect(entry.uniqueID == document.uniqueID)
        let kos = try DICOMReader.read(bytes).dataSet
        let series = kos.items(.currentRequestedProcedureEvidenceSequence).flatMap {
            $0.items(.referencedSeriesSequence)
        }
        #expect(series.allSatisfy { $0.string(.retrieveLocationUID) == source.repositoryUniqueID.rawValue })
        let referenced = Set(
            series.flatMap { $0.items(.referencedSOPSequence) }.compactMap { $0.string(.referencedSOPInstanceUID) }
        )
        let study = FixtureTestSupport.studyUID(entry)
        let instances = Set(
            community.instances.filter { $0.studyInstanceUID.rawValue == study }.map(\.sopInstanceUID.rawValue)
        )
        #expect(referenced.count == 3)
        #expect(referenced == instances)
        // The patient is now known in that community too.
        #expect(
            federation.patients.first { $0.nhsNumber == patient.nhsNumber }?.communities.contains("south-west-imaging")
                == true
        )
        #expect(community.registryObjects.allSatisfy { $0.home == community.homeCommunityID })
        #expect(
            federation.summary.patients.first { $0.nhsNumber == patient.nhsNumber.rawValue }?.studies.contains {
                $0.instances == 3
            } == true
        )
    }

    @Test func impossibleStudiesAreRefused() {
        let federation = FixtureFederation.builtIn()
        #expect(throws: FixtureError(.unknownCommunity, "")) {
            try federation.addingSyntheticStudy(totalSize: 1 << 20, community: "nowhere")
        }
        #expect(throws: FixtureError(.invalidSize, "")) {
            try federation.addingSyntheticStudy(totalSize: 1 << 40, instanceSize: 4096)
        }
        #expect(throws: FixtureError(.invalidSize, "")) {
            try federation.addingSyntheticStudy(totalSize: 1 << 20, instanceSize: 100)
        }
        #expect(throws: FixtureError(.invalidFixtures, "")) {
            try federation.addingSyntheticStudy(totalSize: 1 << 20, patient: NHSNumber(rawValue: "9434765919"))
        }
    }
}
