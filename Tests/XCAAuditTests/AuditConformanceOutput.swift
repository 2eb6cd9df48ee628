import Foundation
import XCAAudit

/// Writes the events a test produced as NDJSON for `validate-audit`: when `XCA_CONFORMANCE_OUT` names a directory,
/// each call stores the envelopes' JSON there as `audit-<name>.ndjson`, one event a line; when it is unset, nothing
/// happens.
enum AuditConformanceOutput {
    static func write(_ name: String, _ envelopes: [AuditEnvelope]) throws {
        guard let directory = ProcessInfo.processInfo.environment["XCA_CONFORMANCE_OUT"], !directory.isEmpty else {
            return
        }
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var bytes: [UInt8] = []
        for envelope in envelopes {
            bytes += envelope.json
            bytes.append(0x0A)
        }
        try Data(bytes).write(to: folder.appendingPathComponent("audit-\(name).ndjson"), options: .atomic)
    }
}
