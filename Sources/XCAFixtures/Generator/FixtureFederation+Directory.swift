import Foundation
import XCAModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
#endif

/// A fixture directory (`Fixtures/`):
///
/// ```
/// README.md                                   what the federation holds (generated)
/// federation.json                             communities, repositories, Imaging Document Sources, patients
/// communities/NAME/registry.xml               every registry object of the community (AdhocQueryResponse)
/// communities/NAME/documents/UNIQUEID.txt     reports (text/plain)
/// communities/NAME/documents/UNIQUEID.dcm     KOS manifests (application/dicom)
/// communities/NAME/dicom/IDS/STUDY/SERIES/SOP.dcm   instances, Explicit VR Little Endian
/// ```
///
/// Only the Explicit VR Little Endian rendition of an instance is stored; `load(directory:)` derives the Implicit
/// VR Little Endian one by re-encoding the data set in memory and streaming the pixel data from the same file.
extension FixtureFederation {
    static let communitiesDirectory = "communities"
    static let readmeFileName = "README.md"

    /// Writes the federation as a fixture directory. A directory that already holds files is refused unless
    /// `replacingExisting`, which first removes what a previous run wrote (`communities/`, `federation.json`,
    /// `README.md`) and nothing else.
    public func write(to directory: String, replacingExisting: Bool = false) async throws {
        let files = FileManager.default
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        if let existing = try? files.contentsOfDirectory(atPath: root.path), !existing.isEmpty {
            guard replacingExisting else {
                throw FixtureError(
                    .invalidFixtures,
                    "the directory \(directory) is not empty (use --force to replace generated fixtures)"
                )
            }
            for name in [Self.communitiesDirectory, FixtureManifest.fileName, Self.readmeFileName] {
                let url = root.appendingPathComponent(name)
                if files.fileExists(atPath: url.path) { try files.removeItem(at: url) }
            }
        }
        try files.createDirectory(at: root, withIntermediateDirectories: true)
        try Self.write(Array(FixtureReadme.render(summary).utf8), to: root.appendingPathComponent(Self.readmeFileName))
        try Self.write(try FixtureManifest(self).json(), to: root.appendingPathComponent(FixtureManifest.fileName))
        for community in communities {
            let base = root.appendingPathComponent(Self.communitiesDirectory).appendingPathComponent(community.name)
            try files.createDirectory(at: base.appendingPathComponent("documents"), withIntermediateDirectories: true)
            try Self.write(
                try FixtureRegistryFile.encode(community.registryObjects),
                to: base.appendingPathComponent(FixtureRegistryFile.fileName)
            )
            for document in community.documents {
                let url = base.appendingPathComponent("documents").appendingPathComponent(Self.fileName(of: document))
                try await Self.write(document.content, to: url)
            }
            for instance in community.instances {
                guard let explicit = instance.renditions[.explicitVRLittleEndian] else {
                    throw FixtureError(
                        .invalidFixtures,
                        "an instance has no Explicit VR Little Endian rendition to store"
                    )
                }
                let directory = base.appendingPathComponent("dicom")
                    .appendingPathComponent(community.imagingDocumentSourceName(instance.repositoryUniqueID))
                    .appendingPathComponent(instance.studyInstanceUID.rawValue)
                    .appendingPathComponent(instance.seriesInstanceUID.rawValue)
                try files.createDirectory(at: directory, withIntermediateDirectories: true)
                try await Self.write(
                    explicit,
                    to: directory.appendingPathComponent(instance.sopInstanceUID.rawValue + ".dcm")
                )
            }
        }
    }

    /// Reads a fixture directory written by `write(to:)` (or by hand in the same layout). Documents and instances
    /// stay on disk (`FixtureContent.file`), sizes from the file system.
    public static func load(directory: String) throws -> FixtureFederation {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        let manifestURL = root.appendingPathComponent(FixtureManifest.fileName)
        let manifest: FixtureManifest
        do {
            manifest = try JSONDecoder().decode(FixtureManifest.self, from: Data(contentsOf: manifestURL))
        } catch {
            throw FixtureError(.invalidFixtures, "cannot read \(manifestURL.path): \(error)")
        }
        guard manifest.format == FixtureManifest.currentFormat else {
            throw FixtureError(
                .invalidFixtures,
                "\(manifestURL.path) has format \(manifest.format), this build reads \(FixtureManifest.currentFormat)"
            )
        }
        var communities: [FixtureCommunity] = []
        for entry in manifest.communities {
            let base = root.appendingPathComponent(communitiesDirectory).appendingPathComponent(entry.name)
            let registryURL = base.appendingPathComponent(FixtureRegistryFile.fileName)
            let objects: [RegistryObject]
            do {
                objects = try FixtureRegistryFile.decode(Array(Data(contentsOf: registryURL)))
            } catch {
                throw FixtureError(.invalidFixtures, "cannot read \(registryURL.path): \(error)")
            }
            var community = FixtureCommunity(
                name: entry.name,
                displayName: entry.displayName,
                homeCommunityID: HomeCommunityID(rawValue: entry.homeCommunityId),
                repositories: entry.repositories.map(RepositoryUniqueID.init(rawValue:)),
                imagingDocumentSources: entry.imagingDocumentSources.map {
                    FixtureImagingDocumentSource(
                        name: $0.name,
                        repositoryUniqueID: RepositoryUniqueID(rawValue: $0.repositoryUniqueId)
                    )
                },
                registryObjects: objects,
                documents: [],
                instances: []
            )
            for documentEntry in objects.compactMap(DocumentEntry.init) {
                guard let repository = documentEntry.repositoryUniqueID else {
                    throw FixtureError(.invalidFixtures, "a DocumentEntry of \(entry.name) has no repositoryUniqueId")
                }
                let path = base.appendingPathComponent("documents").appendingPathComponent(
                    fileName(uniqueID: documentEntry.uniqueID, mimeType: documentEntry.mimeType)
                ).path
                community.documents.append(
                    FixtureDocument(
                        uniqueID: documentEntry.uniqueID,
                        repositoryUniqueID: repository,
                        mimeType: documentEntry.mimeType,
                        content: .file(path: path, size: try fileSize(path))
                    )
                )
            }
            for source in community.imagingDocumentSources {
                let sourceDirectory = base.appendingPathComponent("dicom").appendingPathComponent(source.name)
                let paths =
                    (FileManager.default.enumerator(atPath: sourceDirectory.path)?.allObjects as? [String] ?? [])
                    .filter { $0.hasSuffix(".dcm") }
                    .sorted()
                for relative in paths {
                    community.instances.append(
                        try loadInstance(sourceDirectory.appendingPathComponent(relative).path, source: source)
                    )
                }
            }
            community.instances.sort(by: FixtureInstance.canonicalOrder)
            communities.append(community)
        }
        let patients = manifest.patients.map {
            FixturePatient(
                nhsNumber: NHSNumber(rawValue: $0.nhsNumber),
                displayName: $0.displayName,
                communities: $0.communities
            )
        }
        return FixtureFederation(communities: communities, patients: patients)
    }

    /// One stored instance: the file is the Explicit VR rendition; the Implicit VR one is its data set re-encoded
    /// (in memory) followed by the pixel data streamed from the file.
    static func loadInstance(_ path: String, source: FixtureImagingDocumentSource) throws -> FixtureInstance {
        let size = try fileSize(path)
        // The header (everything before the pixel data) is read from the first MiB; a header that does not fit,
        // or a file without pixel data, is read whole below.
        let prefix = try readPrefix(path, count: min(size, 1 << 20))
        let header =
            prefix.count == size
            ? try DICOMReader.read(prefix, stopAtPixelData: true)
            : try? DICOMReader.read(prefix, stopAtPixelData: true)
        let file: DICOMFile
        let implicit: FixtureContent
        if let header, let offset = header.pixelDataOffset, let length = header.pixelDataLength, offset + length == size
        {
            file = header
            let implicitHeader = DICOMWriter.part10(
                header.dataSet,
                encoding: .implicitVRLittleEndian,
                pixelDataLength: length
            )
            implicit = .segments([
                .bytes(.init(bytes: implicitHeader)), .file(path: path, offset: offset, length: length),
            ])
        } else {
            // No pixel data, or something after it: transcode the whole file in memory.
            file = try DICOMReader.read(try readPrefix(path, count: size))
            implicit = .bytes(DICOMWriter.part10(file.dataSet, encoding: .implicitVRLittleEndian))
        }
        guard file.transferSyntax == .explicitVRLittleEndian else {
            throw FixtureError(.invalidFixtures, "stored instances must be Explicit VR Little Endian")
        }
        let dataSet = file.dataSet
        guard let study = dataSet.string(.studyInstanceUID), let series = dataSet.string(.seriesInstanceUID),
            let sop = dataSet.string(.sopInstanceUID), let sopClass = dataSet.string(.sopClassUID)
        else {
            throw FixtureError(
                .invalidFixtures,
                "a stored instance lacks its study, series, SOP instance or SOP class UID"
            )
        }
        return FixtureInstance(
            studyInstanceUID: StudyInstanceUID(rawValue: study),
            seriesInstanceUID: SeriesInstanceUID(rawValue: series),
            sopInstanceUID: SOPInstanceUID(rawValue: sop),
            sopClassUID: sopClass,
            repositoryUniqueID: source.repositoryUniqueID,
            renditions: [.explicitVRLittleEndian: .file(path: path, size: size), .implicitVRLittleEndian: implicit]
        )
    }

    // MARK: Files

    /// `UNIQUEID.txt` for text, `.dcm` for DICOM, `.xml`, `.pdf`, else `.bin`.
    static func fileName(uniqueID: DocumentUniqueID, mimeType: String) -> String {
        let ext =
            switch mimeType {
            case "text/plain": "txt"
            case "application/dicom": "dcm"
            case "text/xml", "application/xml": "xml"
            case "application/pdf": "pdf"
            default: "bin"
            }
        return uniqueID.rawValue + "." + ext
    }

    static func fileName(of document: FixtureDocument) -> String {
        fileName(uniqueID: document.uniqueID, mimeType: document.mimeType)
    }

    static func fileSize(_ path: String) throws -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw FixtureError(.invalidFixtures, "fixture file missing or unreadable: \(path)")
        }
        return Int(info.st_size)
    }

    static func readPrefix(_ path: String, count: Int) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FixtureError(.contentUnreadable, "cannot open \(path)")
        }
        defer { try? handle.close() }
        return Array(try handle.read(upToCount: count) ?? Data())
    }

    static func write(_ bytes: [UInt8], to url: URL) throws {
        try Data(bytes).write(to: url)
    }

    static func write(_ content: FixtureContent, to url: URL) async throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FixtureError(.invalidFixtures, "cannot create \(url.path) (errno \(errno))") }
        defer { close(fd) }
        try await content.read(chunkSize: 1 << 20) { chunk in
            try chunk.withUnsafeReadableBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = systemWrite(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                    guard written > 0 else {
                        throw FixtureError(.invalidFixtures, "cannot write \(url.path) (errno \(errno))")
                    }
                    offset += written
                }
            }
        }
    }
}

extension FixtureCommunity {
    /// The name of the Imaging Document Source with that repositoryUniqueId (its directory under `dicom/`).
    func imagingDocumentSourceName(_ repository: RepositoryUniqueID) -> String {
        imagingDocumentSources.first { $0.repositoryUniqueID == repository }?.name ?? repository.rawValue
    }
}

extension FixtureManifest {
    /// Pretty, key-sorted JSON with a final newline: stable bytes.
    func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }
}
