#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX calls the line sinks need, with errors that say which call failed.
enum FileDescriptorIO {
    struct Failure: Error, CustomStringConvertible {
        let call: String
        let code: Int32
        var description: String { "\(call): \(String(cString: strerror(code)))" }
    }

    /// Writes every byte (retrying short writes and EINTR).
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            guard let start = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, start + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw Failure(call: "write", code: errno)
                }
                offset += written
            }
        }
    }

    static func sync(_ descriptor: Int32) throws {
        while fsync(descriptor) != 0 {
            guard errno == EINTR else { throw Failure(call: "fsync", code: errno) }
        }
    }

    /// Opens `path` for appending (created with `mode`), returning the descriptor and the current size.
    static func openForAppend(_ path: String, mode: mode_t) throws -> (descriptor: Int32, size: Int) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw Failure(call: "open", code: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            closeDescriptor(descriptor)
            throw Failure(call: "fstat", code: code)
        }
        return (descriptor, Int(info.st_size))
    }

    /// Renames, ignoring a missing source.
    static func renameIfPresent(_ source: String, to destination: String) throws {
        guard rename(source, destination) == 0 || errno == ENOENT else { throw Failure(call: "rename", code: errno) }
    }

    static func truncate(_ descriptor: Int32, to size: Int) {
        _ = ftruncate(descriptor, off_t(size))
    }

    static func closeDescriptor(_ descriptor: Int32) {
        _ = close(descriptor)
    }
}
