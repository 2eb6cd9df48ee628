import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An anonymous temporary file holding one leg's attachments, so that the community's connection is released
/// before the merged response reaches that leg. It is created with `mkstemp` in the configured directory and
/// unlinked at once, so no name remains on disk whatever happens next; the space is returned when the descriptor
/// is closed (when the last leg value holding it goes away).
///
/// Reads and writes are positioned (`pread`/`pwrite`) and blocking: the page cache makes them short, and the
/// relay issues them one at a time from the task that owns the leg.
final class RetrieveSpoolFile: Sendable {
    private let descriptor: Int32

    /// Creates the file in `directory` and removes its name at once.
    init(directory: String) throws(RetrieveRelayError) {
        var template = Array(
            ((directory.hasSuffix("/") ? directory : directory + "/") + "xca-relay-XXXXXX").utf8CString
        )
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw RetrieveRelayError(.spool, "cannot create a spool file in the spool directory (errno \(errno))")
        }
        guard unlink(template) == 0 else {
            let failure = errno
            close(descriptor)
            throw RetrieveRelayError(.spool, "cannot unlink the spool file (errno \(failure))")
        }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Writes all readable bytes of `buffer` at `offset`.
    func write(_ buffer: ByteBuffer, at offset: Int) throws(RetrieveRelayError) {
        let failure: Int32? = buffer.withUnsafeReadableBytes { raw in
            guard let base = raw.baseAddress else { return nil }
            var done = 0
            while done < raw.count {
                let count = pwrite(descriptor, base + done, raw.count - done, off_t(offset + done))
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += count
            }
            return nil
        }
        if let failure { throw RetrieveRelayError(.spool, "cannot write the spool file (errno \(failure))") }
    }

    /// Reads `length` bytes at `offset` into a new buffer.
    func read(at offset: Int, length: Int) throws(RetrieveRelayError) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: length)
        var failure: Int32?
        var done = 0
        while done < length, failure == nil {
            let count = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length - done) { raw in
                guard let base = raw.baseAddress else { return 0 }
                let count = pread(descriptor, base, length - done, off_t(offset + done))
                if count < 0 {
                    if errno != EINTR { failure = errno }
                    return 0
                }
                if count == 0 { failure = 0 }
                return count
            }
            done += count
        }
        if let failure {
            throw RetrieveRelayError(
                .spool,
                failure == 0
                    ? "the spool file is shorter than what was written"
                    : "cannot read the spool file (errno \(failure))"
            )
        }
        return buffer
    }
}
