import Dispatch
import Foundation
import Synchronization
import XCAAudit

/// Appends events to an NDJSON file, one AuditEvent per line, for a local audit repository, a log shipper or an
/// integrator's own pipeline. A batch is written and `fsync`ed before it counts as delivered; a failed write is
/// cut back (`ftruncate`) so the file only ever holds whole lines. Size-based rotation: before a batch would take
/// the file past `maximumBytes`, `FILE` becomes `FILE.1` (`FILE.1` → `FILE.2`, … up to `keep`, the oldest
/// dropped). A resend after a failure may repeat lines: deduplicate by AuditEvent id.
///
/// File I/O runs on a serial dispatch queue, off the concurrency pool.
package final class NDJSONFileSink: AuditSink {
    package struct Configuration: Sendable {
        /// Default `file`.
        package var name: String
        package var path: String
        /// Rotate before a batch would make the file larger than this. Default 64 MiB.
        package var maximumBytes: Int
        /// Rotated files kept (`FILE.1` … `FILE.keep`). Default 8.
        package var keep: Int
        /// Default: every event (remote and local).
        package var destinations: Set<AuditDestination>
        /// `fsync` after each batch. Default true.
        package var sync: Bool

        package init(
            name: String = "file",
            path: String,
            maximumBytes: Int = 64 << 20,
            keep: Int = 8,
            destinations: Set<AuditDestination> = [.remote, .local],
            sync: Bool = true
        ) {
            self.name = name
            self.path = path
            self.maximumBytes = max(1, maximumBytes)
            self.keep = max(0, keep)
            self.destinations = destinations
            self.sync = sync
        }
    }

    private struct OpenFile {
        var descriptor: Int32 = -1
        var size = 0
    }

    package let route: AuditSinkRoute
    package let configuration: Configuration
    private let file = Mutex(OpenFile())
    private let queue = DispatchQueue(label: "xca.audit.ndjson")

    package init(configuration: Configuration) throws {
        route = AuditSinkRoute(name: configuration.name, destinations: configuration.destinations)
        guard route.hasValidName else {
            throw AuditOutboxError(.sink, "sink name \"\(configuration.name)\": use 1-64 letters, digits, '-', '_', '.'")
        }
        let folder = URL(fileURLWithPath: configuration.path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(
                at: folder,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw AuditOutboxError(.sink, "cannot create \(folder.path) for the NDJSON sink: \(error.localizedDescription)")
        }
        self.configuration = configuration
    }

    package func deliver(_ batch: [AuditPendingEvent]) async -> [AuditDeliveryResult] {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.append(batch)) }
        }
    }

    package func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                self.file.withLock { file in
                    if file.descriptor >= 0 { FileDescriptorIO.closeDescriptor(file.descriptor) }
                    file = OpenFile()
                }
                continuation.resume()
            }
        }
    }

    private func append(_ batch: [AuditPendingEvent]) -> [AuditDeliveryResult] {
        var lines: [UInt8] = []
        lines.reserveCapacity(batch.reduce(0) { $0 + $1.json.count + 1 })
        for event in batch {
            lines += event.json
            lines.append(UInt8(ascii: "\n"))
        }
        let path = configuration.path
        return file.withLock { file -> [AuditDeliveryResult] in
            do {
                if file.descriptor >= 0, file.size > 0, file.size + lines.count > configuration.maximumBytes {
                    FileDescriptorIO.closeDescriptor(file.descriptor)
                    file = OpenFile()
                    try rotate()
                }
                if file.descriptor < 0 {
                    (file.descriptor, file.size) = try FileDescriptorIO.openForAppend(path, mode: 0o600)
                    if file.size > 0, file.size + lines.count > configuration.maximumBytes {
                        FileDescriptorIO.closeDescriptor(file.descriptor)
                        file = OpenFile()
                        try rotate()
                        (file.descriptor, file.size) = try FileDescriptorIO.openForAppend(path, mode: 0o600)
                    }
                }
                do {
                    try FileDescriptorIO.writeAll(file.descriptor, lines)
                    if configuration.sync { try FileDescriptorIO.sync(file.descriptor) }
                } catch {
                    FileDescriptorIO.truncate(file.descriptor, to: file.size)
                    throw error
                }
                file.size += lines.count
                return batch.map { _ in .delivered }
            } catch {
                if file.descriptor >= 0 { FileDescriptorIO.closeDescriptor(file.descriptor) }
                file = OpenFile()
                let reason = "NDJSON file \(path): \(error)"
                return batch.map { _ in .retry(reason: reason, after: nil) }
            }
        }
    }

    /// `FILE.(keep-1)` → `FILE.keep`, …, `FILE` → `FILE.1`; with `keep` 0 the file is dropped.
    private func rotate() throws {
        let path = configuration.path
        guard configuration.keep > 0 else {
            _ = unlink(path)
            return
        }
        for index in stride(from: configuration.keep - 1, through: 1, by: -1) {
            try FileDescriptorIO.renameIfPresent("\(path).\(index)", to: "\(path).\(index + 1)")
        }
        try FileDescriptorIO.renameIfPresent(path, to: "\(path).1")
    }
}
