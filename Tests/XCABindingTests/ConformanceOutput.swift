import Foundation

/// Writes messages the binding produced into $XCA_CONFORMANCE_OUT (when set) so that CI validates them with
/// ../shared/tools/conformance/validate-soap.
enum ConformanceOutput {
    static func write(name: String, bytes: [UInt8]) throws {
        guard let folder = ProcessInfo.processInfo.environment["XCA_CONFORMANCE_OUT"], !folder.isEmpty else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
    }
}
