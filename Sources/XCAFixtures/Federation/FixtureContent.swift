#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// The bytes of a fixture document or DICOM instance, read in bounded chunks so that a retrieve response can
/// stream a study of any size without holding it.
public struct FixtureContent: Sendable {
    enum Storage: Sendable {
        case bytes(ByteBuffer)
        case file(path: String)
    }

    let storage: Storage
    /// Exact length in bytes.
    public let size: Int

    /// Bytes held in memory.
    public static func bytes(_ bytes: some Sequence<UInt8>) -> FixtureContent {
        let buffer = ByteBuffer(bytes: bytes)
        return FixtureContent(storage: .bytes(buffer), size: buffer.readableBytes)
    }

    /// A file on disk of the given size (checked when read: a file that changed length is an error).
    public static func file(path: String, size: Int) -> FixtureContent {
        FixtureContent(storage: .file(path: path), size: size)
    }

    /// Calls `body` with consecutive chunks of at most `chunkSize` bytes, in order, until all `size` bytes are
    /// delivered.
    public func read(chunkSize: Int = 64 * 1024, _ body: (ByteBuffer) async throws -> Void) async throws {
        precondition(chunkSize > 0)
        switch storage {
        case .bytes(var buffer):
            while let chunk = buffer.readSlice(length: min(chunkSize, buffer.readableBytes)), chunk.readableBytes > 0 {
                try await body(chunk)
            }
        case .file(let path):
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw FixtureError(.contentUnreadable, "cannot open fixture content file (errno \(errno))") }
            defer { close(fd) }
            var remaining = size
            let allocator = ByteBufferAllocator()
            while remaining > 0 {
                var chunk = allocator.buffer(capacity: min(chunkSize, remaining))
                let count = chunk.writeWithUnsafeMutableBytes(minimumWritableBytes: min(chunkSize, remaining)) { raw in
                    Glibc.read(fd, raw.baseAddress, min(chunkSize, remaining))
                }
                guard count > 0 else {
                    throw FixtureError(.contentUnreadable, "fixture content file is shorter than its recorded size")
                }
                remaining -= count
                try await body(chunk)
            }
        }
    }

    /// All bytes at once (small contents and tests only).
    public func collect() async throws -> [UInt8] {
        var all: [UInt8] = []
        all.reserveCapacity(size)
        try await read { all.append(contentsOf: $0.readableBytesView) }
        return all
    }
}
