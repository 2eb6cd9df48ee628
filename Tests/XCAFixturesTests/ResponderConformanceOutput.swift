import Foundation

/// Writes messages the fixture responder produced for the conformance validators (`validate-soap`; MTOM bodies
/// through `Tests/Conformance/xop-reconstitute.py` first): when `XCA_CONFORMANCE_OUT` names a directory, each call
/// stores `bytes` there as `name` (`.xml` for a plain envelope, `.multipart` for an MTOM body); when it is unset,
/// nothing happens. Names start with `fixture-` so they do not collide with the binding's.
enum ResponderConformanceOutput {
    static func write(name: String, bytes: [UInt8]) throws {
        guard let directory = ProcessInfo.processInfo.environment["XCA_CONFORMANCE_OUT"], !directory.isEmpty else {
            return
        }
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: folder.appendingPathComponent("fixture-" + name), options: .atomic)
    }
}
