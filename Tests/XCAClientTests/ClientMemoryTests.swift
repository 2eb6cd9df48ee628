import Foundation
import Synchronization
import Testing
import XCAClient
import XCAFixtures
import XCAModel

#if canImport(Glibc)
    import Glibc
#endif

/// `retrieveImaging` writes each instance as its MTOM part streams: a study of 160 MiB in 40 MiB instances, generated
/// lazily by a fixture community, passes through the client without the process's resident memory growing by as
/// much as one instance.
@Suite("XCAClient: bounded memory", .serialized, .timeLimit(.minutes(3)))
struct ClientMemoryTests {
    static let patient = FixtureExpectations.everywhere
    static let instanceSize = 40 << 20

    /// The highest resident size sampled.
    final class ResidentPeak: Sendable {
        private let peak = Mutex(0)
        private let samples = Mutex(0)

        var value: Int { peak.withLock { $0 } }

        /// Samples every 16th call (the client reports every chunk).
        func sample(force: Bool = false) {
            let count = samples.withLock { count in
                count += 1
                return count
            }
            guard force || count % 16 == 0, let resident = ClientMemoryTests.residentBytes() else { return }
            peak.withLock { $0 = Swift.max($0, resident) }
        }
    }

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

    /// glibc's `malloc_trim(0)`, so that the baseline is not inflated by what earlier tests freed.
    static func trimHeap() {
        #if canImport(Glibc)
            typealias Trim = @convention(c) (Int) -> Int32
            if let symbol = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(symbol, to: Trim.self)(0) }
        #endif
    }

    @Test("A 160 MiB study streams to disk with resident growth under one 40 MiB instance, byte-identical")
    func largeStudy() async throws {
        let federation = try ClientHarness.federation.addingSyntheticStudy(
            totalSize: 4 * Self.instanceSize,
            instanceSize: Self.instanceSize,
            community: "north-imaging",
            patient: Self.patient
        )
        let north = try #require(federation.community(named: "north-imaging"))
        let before = Set(try FixtureExpectations.community("north-imaging").instances.map(\.sopInstanceUID))
        let synthetic = north.instances.filter { instance in !before.contains(instance.sopInstanceUID) }
        let study = try #require(synthetic.first?.studyInstanceUID)
        #expect(synthetic.count == 4)

        try await ClientHarness.with([.fixture("north-imaging")], gateway: false, federation: federation) { harness in
            var growth = Int.max
            for _ in 0..<2 {
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "xca-client-big-\(UUID().uuidString)"
                ).path
                defer { try? FileManager.default.removeItem(atPath: directory) }
                Self.trimHeap()
                let baseline = Self.residentBytes() ?? 0
                let peak = ResidentPeak()
                let outcome = try await harness.withCommunityClient("north-imaging") { client in
                    try await client.retrieveImaging(patient: Self.patient, study: study, into: directory) { event in
                        if case .received = event { peak.sample() }
                    }
                }
                peak.sample(force: true)
                #expect(outcome.status == .success)
                #expect(outcome.written.count == synthetic.count)
                for instance in synthetic {
                    let path =
                        "\(directory)/\(instance.studyInstanceUID)/\(instance.seriesInstanceUID)/\(instance.sopInstanceUID).dcm"
                    try await Self.expectSame(path, instance)
                }
                growth = min(growth, peak.value - baseline)
                // Resident size is process-wide and other suites run in parallel: real buffering repeats, their
                // transient allocations do not. Take the better of two runs.
                if growth < 32 << 20 { break }
            }
            print("retrieve-imaging: \(4 * Self.instanceSize >> 20) MiB, resident growth \(growth >> 10) KiB")
            if Self.residentBytes() != nil {
                #expect(growth < 32 << 20, "resident memory grew by \(growth) bytes")
            }
        }
    }

    /// The file at `path` holds the instance's rendition, compared chunk by chunk.
    static func expectSame(_ path: String, _ instance: FixtureInstance) async throws {
        let content = try #require(
            instance.renditions[.explicitVRLittleEndian] ?? instance.renditions[.implicitVRLittleEndian]
        )
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        var offset = 0
        var same = true
        try await content.read(chunkSize: 1 << 20) { chunk in
            let expected = Array(chunk.readableBytesView)
            let actual = [UInt8](try handle.read(upToCount: expected.count) ?? Data())
            if actual != expected { same = false }
            offset += expected.count
        }
        #expect(same, "\(path) differs from the rendition")
        #expect(offset == content.size)
        #expect(try handle.read(upToCount: 1)?.isEmpty ?? true, "\(path) is longer than the rendition")
    }
}
