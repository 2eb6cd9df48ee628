import Foundation

/// Writes encoded messages for the conformance validators (`validate-soap`): when `XCA_CONFORMANCE_OUT` names a
/// directory, each call stores `bytes` there as `name`; when it is unset, nothing happens.
enum ConformanceOutput {
    static func write(name: String, bytes: [UInt8]) throws {
        guard let directory = ProcessInfo.processInfo.environment["XCA_CONFORMANCE_OUT"], !directory.isEmpty else {
            return
        }
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: folder.appendingPathComponent(name), options: .atomic)
    }
}
