import Crypto
import Foundation
import XCAModel

@testable import XCAFixtures

/// Shared helpers of the fixture tests: the repository root, temporary directories, digests, memory.
enum FixtureTestSupport {
    /// The repository root (this file is Tests/XCAFixturesTests/FixtureTestSupport.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let committedFixtures = repositoryRoot.appendingPathComponent("Fixtures")

    /// A fresh directory under the system temporary directory; the caller removes it.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xca-fixtures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// SHA-1 in lower-case hexadecimal, computed here independently of the generator.
    static func sha1(_ bytes: [UInt8]) -> String {
        Insecure.SHA1.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Relative paths of every regular file under `root`, sorted.
    static func files(under root: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        var paths: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            paths.append(String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
        }
        return paths.sorted()
    }

    /// Resident memory of this process in bytes (Linux: /proc/self/statm; elsewhere nil).
    static func residentBytes() -> Int? {
        #if os(Linux)
            guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
            let fields = text.split(separator: " ")
            guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
            return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
            return nil
        #endif
    }

    /// The DocumentEntries of a community, in registry order.
    static func entries(_ community: FixtureCommunity) -> [DocumentEntry] {
        community.registryObjects.compactMap(DocumentEntry.init)
    }

    /// The Study Instance UID in a DocumentEntry's referenceIdList.
    static func studyUID(_ entry: DocumentEntry) -> String? {
        FixtureFederation.reference(FixtureFederation.studyInstanceUIDReference, in: entry)
    }
}
