import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of a fixture document or DICOM instance, read in bounded chunks so that a retrieve response can
/// stream a study of any size without holding it.
public struct FixtureContent: Sendable {
    enum Storage: Sendable {
        case bytes(ByteBuffer)
        case file(path: String)
        /// Consecutive parts: a small header in memory followed by pixel data read from a file or generated.
        case segments([Segment])
    }

    /// One part of a `.segments` content.
    enum Segment: Sendable {
        case bytes(ByteBuffer)
        /// `length` bytes of a file from `offset`.
        case file(path: String, offset: Int, length: Int)
        /// `length` bytes of deterministic synthetic pixel data, generated chunk by chunk (O(chunk) memory).
        case pixels(SyntheticPixelStream, length: Int)

        var length: Int {
            switch self {
            case .bytes(let buffer): buffer.readableBytes
            case .file(_, _, let length), .pixels(_, let length): length
            }
        }
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

    /// Consecutive segments (header in memory, pixel data from a file range or generated).
    static func segments(_ segments: [Segment]) -> FixtureContent {
        FixtureContent(storage: .segments(segments), size: segments.reduce(0) { $0 + $1.length })
    }

    /// Calls `body` with consecutive chunks of at most `chunkSize` bytes, in order, until all `size` bytes are
    /// delivered.
    public func read(chunkSize: Int = 64 * 1024, _ body: (ByteBuffer) async throws -> Void) async throws {
        precondition(chunkSize > 0)
        switch storage {
        case .bytes(let buffer):
            try await Self.read(buffer, chunkSize: chunkSize, body)
        case .file(let path):
            try await Self.read(path: path, offset: 0, length: size, chunkSize: chunkSize, body)
        case .segments(let segments):
            for segment in segments {
                switch segment {
                case .bytes(let buffer):
                    try await Self.read(buffer, chunkSize: chunkSize, body)
                case .file(let path, let offset, let length):
                    try await Self.read(path: path, offset: offset, length: length, chunkSize: chunkSize, body)
                case .pixels(let stream, let length):
                    var produced = 0
                    let allocator = ByteBufferAllocator()
                    while produced < length {
                        let count = min(chunkSize, length - produced)
                        var chunk = allocator.buffer(capacity: count)
                        chunk.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { raw in
                            stream.fill(UnsafeMutableRawBufferPointer(rebasing: raw[..<count]), from: produced)
                            return count
                        }
                        produced += count
                        try await body(chunk)
                    }
                }
            }
        }
    }

    private static func read(
        _ buffer: ByteBuffer,
        chunkSize: Int,
        _ body: (ByteBuffer) async throws -> Void
    ) async throws {
        var buffer = buffer
        while let chunk = buffer.readSlice(length: min(chunkSize, buffer.readableBytes)), chunk.readableBytes > 0 {
            try await body(chunk)
        }
    }

    private static func read(
        path: String,
        offset: Int,
        length: Int,
        chunkSize: Int,
        _ body: (ByteBuffer) async throws -> Void
    ) async throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw FixtureError(.contentUnreadable, "cannot open fixture content file (errno \(errno))")
        }
        defer { close(fd) }
        var position = offset
        let end = offset + length
        let allocator = ByteBufferAllocator()
        while position < end {
            let wanted = min(chunkSize, end - position)
            var chunk = allocator.buffer(capacity: wanted)
            let count = chunk.writeWithUnsafeMutableBytes(minimumWritableBytes: wanted) { raw in
                max(0, pread(fd, raw.baseAddress, wanted, off_t(position)))
            }
            guard count > 0 else {
                throw FixtureError(.contentUnreadable, "fixture content file is shorter than its recorded size")
            }
            position += count
            try await body(chunk)
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
