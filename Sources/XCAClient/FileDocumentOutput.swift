import Foundation
import NIOCore
import XCAModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A document streamed into a file: written to a hidden temporary file next to its final path (created with the
/// directories above it), renamed into place when complete, removed when the answer breaks off — so a path that
/// exists always holds a whole document. Writes are blocking and unbuffered beyond the chunk given.
final class FileDocumentOutput: DocumentOutput {
    let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private var size = 0

    /// Creates `directory` (and its parents) and the temporary file for `fileName` in it.
    init(directory: String, fileName: String) throws(XCAClientError) {
        try Self.createDirectory(directory)
        path = directory + "/" + fileName
        var template = Array((directory + "/." + fileName + ".partial-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw XCAClientError(.output, "cannot create a file in \(directory) (\(Self.describe(errno)))")
        }
        _ = fchmod(descriptor, 0o644)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        self.descriptor = descriptor
        temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    func write(_ chunk: ByteBuffer) throws(XCAClientError) {
        let failure: Int32? = chunk.withUnsafeReadableBytes { raw in
            guard let base = raw.baseAddress else { return nil }
            var done = 0
            while done < raw.count {
                let count = systemWrite(descriptor, base + done, raw.count - done)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += count
            }
            return nil
        }
        if let failure { throw XCAClientError(.output, "cannot write \(path) (\(Self.describe(failure)))") }
        size += chunk.readableBytes
    }

    func finish(_ document: DocumentResponse) throws(XCAClientError) -> DeliveredDocument {
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0, rename(temporaryPath, path) == 0 else {
            let failure = errno
            unlink(temporaryPath)
            throw XCAClientError(.output, "cannot complete \(path) (\(Self.describe(failure)))")
        }
        return DeliveredDocument(document: document, size: size, path: path)
    }

    func abandon() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporaryPath)
    }

    /// `mkdir -p`.
    static func createDirectory(_ path: String) throws(XCAClientError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0, errno != EEXIST {
                throw XCAClientError(.output, "cannot create the directory \(prefix) (\(describe(errno)))")
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw XCAClientError(.output, "\(path) is not a directory")
        }
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// `write(2)`, which the output's own `write(_:)` hides.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
