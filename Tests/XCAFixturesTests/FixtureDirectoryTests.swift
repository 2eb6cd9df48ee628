import Foundation
import Testing
import XCAModel

@testable import XCAFixtures

/// Writing and loading a fixture directory, and the committed `Fixtures/` tree.
@Suite struct FixtureDirectoryTests {
    /// Loaded and generated federations are equal: same communities, registry objects, documents and instances, with
    /// the same bytes in both renditions (the Implicit VR one re-encoded at load time).
    static func expectEqual(_ loaded: FixtureFederation, _ expected: FixtureFederation) async throws {
        #expect(loaded.patients.map(\.nhsNumber) == expected.patients.map(\.nhsNumber))
        #expect(loaded.patients.map(\.displayName) == expected.patients.map(\.displayName))
        #expect(loaded.patients.map(\.communities) == expected.patients.map(\.communities))
        #expect(loaded.communities.count == expected.communities.count)
        for (a, b) in zip(loaded.communities, expected.communities) {
            #expect(a.name == b.name)
            #expect(a.displayName == b.displayName)
            #expect(a.homeCommunityID == b.homeCommunityID)
            #expect(a.repositories == b.repositories)
            #expect(a.imagingDocumentSources == b.imagingDocumentSources)
            #expect(a.registryObjects == b.registryObjects)
            #expect(a.documents.count == b.documents.count)
            for (x, y) in zip(a.documents, b.documents) {
                #expect(x.uniqueID == y.uniqueID)
                #expect(x.repositoryUniqueID == y.repositoryUniqueID)
                #expect(x.mimeType == y.mimeType)
                #expect(x.content.size == y.content.size)
                #expect(try await x.content.collect() == y.content.collect())
            }
            #expect(a.instances.count == b.instances.count)
            for (x, y) in zip(a.instances, b.instances) {
                #expect(x.sopInstanceUID == y.sopInstanceUID)
                #expect(x.seriesInstanceUID == y.seriesInstanceUID)
                #expect(x.studyInstanceUID == y.studyInstanceUID)
                #expect(x.sopClassUID == y.sopClassUID)
                #expect(x.repositoryUniqueID == y.repositoryUniqueID)
                #expect(Set(x.renditions.keys) == Set(y.renditions.keys))
                for (syntax, content) in y.renditions {
                    let loadedContent = try #require(x.renditions[syntax])
                    #expect(loadedContent.size == content.size)
                    #expect(try await loadedContent.collect() == content.collect())
                }
            }
        }
    }

    @Test func loadingTheCommittedFixturesGivesTheBuiltInFederation() async throws {
        let loaded = try FixtureFederation.load(directory: FixtureTestSupport.committedFixtures.path)
        try await Self.expectEqual(loaded, FixtureFederation.builtIn())
        // Contents stay on disk: the stored rendition is a file, the other streams its pixel data from it.
        let instance = try #require(loaded.communities.first?.instances.first)
        if case .file = instance.renditions[.explicitVRLittleEndian]?.storage {
        } else {
            Issue.record("explicit rendition is not a file")
        }
        if case .segments = instance.renditions[.implicitVRLittleEndian]?.storage {
        } else {
            Issue.record("implicit rendition is not file-backed")
        }
    }

    @Test func regeneratingProducesTheCommittedTreeByteForByte() async throws {
        let directory = try FixtureTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await FixtureFederation.builtIn().write(to: directory.path)
        let committed = FixtureTestSupport.files(under: FixtureTestSupport.committedFixtures)
        let generated = FixtureTestSupport.files(under: directory)
        #expect(generated == committed, "regenerate with: xca-gateway fixtures generate --dir Fixtures --force")
        for path in generated where committed.contains(path) {
            let a = try Data(contentsOf: directory.appendingPathComponent(path))
            let b = try Data(contentsOf: FixtureTestSupport.committedFixtures.appendingPathComponent(path))
            #expect(
                a == b,
                "\(path) differs from the committed file; regenerate with: xca-gateway fixtures generate --dir Fixtures --force"
            )
        }
    }

    @Test func theCommittedTreeIsSmall() {
        let root = FixtureTestSupport.committedFixtures
        let total = FixtureTestSupport.files(under: root).reduce(0) { sum, path in
            sum
                + ((try? FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(path).path)[.size]
                    as? Int) ?? 0)
        }
        #expect(total > 500_000)
        #expect(total < 3_000_000)
    }

    @Test func writingRefusesAFullDirectoryUnlessReplacingAndKeepsForeignFiles() async throws {
        let directory = try FixtureTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let foreign = directory.appendingPathComponent("notes.txt")
        try Data("mine".utf8).write(to: foreign)
        await #expect(throws: FixtureError(.invalidFixtures, "")) {
            try await FixtureFederation.builtIn().write(to: directory.path)
        }
        let stale = directory.appendingPathComponent("communities/old-community/registry.xml")
        try FileManager.default.createDirectory(
            at: stale.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try Data("stale".utf8).write(to: stale)
        try await FixtureFederation.builtIn().write(to: directory.path, replacingExisting: true)
        #expect(FileManager.default.fileExists(atPath: foreign.path))
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(try FixtureFederation.load(directory: directory.path).communities.count == 3)
    }

    @Test func loadingReportsMissingFiles() async throws {
        let directory = try FixtureTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: FixtureError(.invalidFixtures, "")) { try FixtureFederation.load(directory: directory.path) }
        try await FixtureFederation.builtIn().write(to: directory.path)
        let documents = directory.appendingPathComponent("communities/midlands-imaging/documents")
        let first = try #require(try FileManager.default.contentsOfDirectory(atPath: documents.path).sorted().first)
        try FileManager.default.removeItem(at: documents.appendingPathComponent(first))
        #expect(throws: FixtureError(.invalidFixtures, "")) { try FixtureFederation.load(directory: directory.path) }
    }

    @Test func anInstanceWithoutPixelDataIsTranscodedWhole() async throws {
        let directory = try FixtureTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await FixtureFederation.builtIn().write(to: directory.path)
        // A KOS stored in an Imaging Document Source, as archives do: no pixel data.
        let community = try #require(FixtureFederation.builtIn().community(named: "north-imaging"))
        let manifest = try #require(community.documents.first { $0.mimeType == "application/dicom" })
        let bytes = try await manifest.content.collect()
        let target = directory.appendingPathComponent(
            "communities/north-imaging/dicom/north-pacs-ashcombe/kos/kos/kos.dcm"
        )
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try Data(bytes).write(to: target)
        let loaded = try FixtureFederation.load(directory: directory.path)
        let instance = try #require(
            loaded.community(named: "north-imaging")?.instances.first {
                $0.sopInstanceUID.rawValue == manifest.uniqueID.rawValue
            }
        )
        #expect(instance.sopClassUID == DICOMSOPClass.keyObjectSelectionDocument.rawValue)
        let implicit = try DICOMReader.read(try await #require(instance.renditions[.implicitVRLittleEndian]).collect())
        #expect(implicit.transferSyntax == .implicitVRLittleEndian)
        let original = try DICOMReader.read(bytes).dataSet
        #expect(
            DICOMWriter.encode(implicit.dataSet, encoding: .implicitVRLittleEndian)
                == DICOMWriter.encode(original, encoding: .implicitVRLittleEndian)
        )
    }

    @Test func aFileThatShrankIsAnErrorWhenRead() async throws {
        let directory = try FixtureTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("short.bin").path
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path))
        let content = FixtureContent.file(path: path, size: 10)
        await #expect(throws: FixtureError(.contentUnreadable, "")) { _ = try await content.collect() }
        #expect(try await FixtureContent.file(path: path, size: 3).collect() == [1, 2, 3])
    }

    static let validator = FixtureTestSupport.repositoryRoot
        .deletingLastPathComponent().appendingPathComponent("shared/tools/conformance/validate-soap")

    /// The committed registry files against the official ebRS schemas (and the home-on-every-object rule), when
    /// the conformance tools are present next to the repository.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: validator.path)))
    func registryFilesAreSchemaValid() throws {
        let process = Process()
        process.executableURL = Self.validator
        process.arguments = FixtureGeneratorTests.communityNames.map {
            FixtureTestSupport.committedFixtures.appendingPathComponent("communities/\($0)/registry.xml").path
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }
}
