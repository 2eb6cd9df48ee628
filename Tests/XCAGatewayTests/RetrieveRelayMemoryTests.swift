import Crypto
import Foundation
import NIOCore
import Synchronization
import Testing
import XCABinding
import XCAModel
import XCASOAP

@testable import XCAGateway

#if canImport(Glibc)
    import Glibc
#endif

/// The highest resident size seen by whoever samples it (the body sequence as the relay pulls, the sink as it
/// receives), so buffering on either side of the relay shows.
final class ResidentPeak: Sendable {
    private let peak = Mutex(0)

    var value: Int { peak.withLock { $0 } }

    func reset() { peak.withLock { $0 = 0 } }

    func sample() {
        guard let resident = RetrieveRelayMemoryTests.residentBytes() else { return }
        peak.withLock { $0 = Swift.max($0, resident) }
    }
}

/// A community's answer for a large synthetic study, generated lazily as the relay pulls it: `count` DICOM-sized
/// attachments of `size` bytes, in 64 KiB chunks sliced (without copying) from one random megabyte. Every 32nd
/// chunk pulled samples the resident size into `peak`.
struct SyntheticStudyAnswer: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    typealias Failure = Never

    static let chunkSize = 64 << 10
    static let home = HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.3680043.10.99")

    let count: Int
    let size: Int
    let contentType: String
    let peak = ResidentPeak()
    private let root: ByteBuffer
    private let heads: [ByteBuffer]
    private let close: ByteBuffer
    private let pattern: ByteBuffer

    init(count: Int, size: Int) throws {
        self.count = count
        self.size = size
        let action = Transaction.rad75.responseAction
        let writer = try MTOMWriter(action: action)
        contentType = writer.contentType.description
        let documents = (0..<count).map { index in
            DocumentResponse(
                homeCommunityID: Self.home,
                repositoryUniqueID: RepositoryUniqueID(rawValue: "1.2.826.0.1.3680043.10.99.1"),
                documentUniqueID: DocumentUniqueID(rawValue: "1.2.826.0.1.3680043.10.99.2.\(index + 1)"),
                mimeType: "application/dicom",
                content: .attachment(contentID: "\(index)@synthetic")
            )
        }
        let envelope = try RetrieveDocumentSetResponse(documents: documents, errors: [])
            .encode(addressing: AddressingHeaders(action: action, relatesTo: ["urn:uuid:synthetic"]))
        var root = writer.rootPartHead()
        root.writeBytes(envelope)
        self.root = root
        heads = try (0..<count).map {
            writer.attachmentHead(
                contentID: try ContentID("\($0)@synthetic"),
                contentType: try MIMEContentType(parsing: "application/dicom")
            )
        }
        close = writer.close()
        var generator = SystemRandomNumberGenerator()
        var pattern = ByteBufferAllocator().buffer(capacity: 1 << 20)
        for _ in 0..<(1 << 17) { pattern.writeInteger(generator.next() as UInt64) }
        self.pattern = pattern
    }

    /// The `chunk`th chunk of attachment `index`.
    func chunk(_ index: Int, _ chunk: Int) -> ByteBuffer {
        let offset = chunk * Self.chunkSize
        let length = Swift.min(Self.chunkSize, size - offset)
        let start = ((index &* 131 &+ chunk &* 17) &* 4_099) % (pattern.readableBytes - Self.chunkSize)
        return pattern.getSlice(at: pattern.readerIndex + start, length: length) ?? ByteBuffer()
    }

    var chunksPerAttachment: Int { (size + Self.chunkSize - 1) / Self.chunkSize }

    /// SHA-256 of all attachment bytes in order.
    func attachmentDigest() -> SHA256.Digest {
        var hasher = SHA256()
        for index in 0..<count {
            for number in 0..<chunksPerAttachment {
                chunk(index, number).withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
            }
        }
        return hasher.finalize()
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let answer: SyntheticStudyAnswer
        var index = -1
        var chunk = -1
        var pulled = 0

        mutating func next() async -> ByteBuffer? {
            pulled += 1
            if pulled % 32 == 0 { answer.peak.sample() }
            if index < 0 {
                index = 0
                return answer.root
            }
            guard index < answer.count else {
                if index == answer.count {
                    index += 1
                    return answer.close
                }
                return nil
            }
            if chunk < 0 {
                chunk = 0
                return answer.heads[index]
            }
            let buffer = answer.chunk(index, chunk)
            chunk += 1
            if chunk == answer.chunksPerAttachment {
                chunk = -1
                index += 1
            }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(answer: self) }
}

/// Bounded memory: a study far larger than the allowed growth goes through compose and write while resident memory
/// stays flat, and every attachment byte arrives intact.
@Suite("Retrieve relay: bounded memory")
struct RetrieveRelayMemoryTests {
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

    /// glibc's `malloc_trim(0)` (looked up at run time: the Glibc module does not export it); elsewhere nothing.
    static func trimHeap() {
        #if canImport(Glibc)
            typealias Trim = @convention(c) (Int) -> Int32
            if let symbol = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(symbol, to: Trim.self)(0) }
        #endif
    }

    struct Run {
        var growth: Int
        var bytes: Int
        var seconds: Double
    }

    /// Relays `answer` into a sink that parses the package as it streams, hashes every attachment byte and counts
    /// parts; returns the peak resident growth over the baseline taken just before.
    static func relay(_ answer: SyntheticStudyAnswer) async throws -> Run {
        trimHeap()  // give freed memory back first, so the baseline is not inflated by earlier tests
        let baseline = residentBytes() ?? 0
        answer.peak.reset()
        answer.peak.sample()
        let clock = ContinuousClock()
        let start = clock.now
        let leg = try await RetrieveLegReader.open(
            community: SyntheticStudyAnswer.home,
            status: 200,
            contentType: answer.contentType,
            body: answer,
            limits: .default,
            spoolDirectory: nil
        )
        let composed = try RetrieveResponseComposer(
            transaction: .rad75,
            requestHeader: .request(action: Transaction.rad75.requestAction)
        ).compose(legs: [leg], errors: [])
        var parser = try MultipartParser(contentType: MIMEContentType(parsing: composed.contentType))
        var hasher = SHA256()
        var parts = 0
        var attachmentBytes = 0
        var written = 0
        var writes = 0
        try await composed.write { chunk in
            written += chunk.readableBytes
            writes += 1
            parser.append(chunk)
            while let event = try parser.next() {
                switch event {
                case .partHeaders: parts += 1
                case .bodyChunk(let body) where parts > 1:
                    attachmentBytes += body.readableBytes
                    body.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
                case .bodyChunk, .partEnd, .end: break
                }
            }
            if writes % 32 == 0 { answer.peak.sample() }
        }
        let seconds = (clock.now - start) / .seconds(1)
        answer.peak.sample()
        #expect(parser.isComplete)
        #expect(parts == answer.count + 1)
        #expect(attachmentBytes == answer.count * answer.size)
        #expect(hasher.finalize() == answer.attachmentDigest())
        return Run(growth: answer.peak.value - baseline, bytes: written, seconds: seconds)
    }

    @Test func aStudyOfHundredsOfMebibytesStreamsInFlatMemory() async throws {
        // 512 instances of 512 KiB + 1 byte: 256 MiB and a bit, odd lengths so chunks do not line up with parts.
        let answer = try SyntheticStudyAnswer(count: 512, size: (512 << 10) + 1)
        var run = try await Self.relay(answer)
        if run.growth >= 32 << 20 {
            // Resident size is process-wide and other suites run in parallel: a real leak or buffering repeats,
            // their transient allocations do not. Take the better of two runs.
            let second = try await Self.relay(answer)
            if second.growth < run.growth { run = second }
        }
        print(
            "retrieve relay: \(run.bytes >> 20) MiB in \(String(format: "%.2f", run.seconds)) s"
                + " (\(Int(Double(run.bytes) / run.seconds / 1_000_000)) MB/s), resident growth \(run.growth >> 10) KiB"
        )
        if Self.residentBytes() != nil {
            #expect(run.growth < 32 << 20, "resident memory grew by \(run.growth) bytes")
        }
    }
}
