import Dispatch
import Foundation
import Testing

/// The `xca-gateway` executable as a child process (`.build/debug/xca-gateway`, or `XCA_GATEWAY_BINARY`).
enum CommandLineTool {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["XCA_GATEWAY_BINARY"] { return URL(fileURLWithPath: path) }
        return repositoryRoot.appendingPathComponent(".build/debug/xca-gateway")
    }

    static func requireExecutable() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: executable.path),
            "build first (swift build) or set XCA_GATEWAY_BINARY"
        )
    }

    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `xca-gateway arguments…` to its end in `directory` (stdin closed, stdout and stderr captured: not a
    /// terminal).
    static func run(_ arguments: [String], in directory: URL? = nil) async throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        async let out = readAll(stdout.fileHandleForReading)
        async let err = readAll(stderr.fileHandleForReading)
        let (output, error) = await (out, err)
        await waitForExit(process)
        return Result(status: process.terminationStatus, stdout: output, stderr: error)
    }

    /// Reads to EOF on a dispatch thread.
    static func readAll(_ handle: FileHandle) async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: String(decoding: handle.readDataToEndOfFile(), as: UTF8.self))
            }
        }
    }

    /// Reads on a dispatch thread until `marker` has appeared and the line holding it is complete (or EOF).
    static func read(_ handle: FileHandle, until marker: String) async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var bytes: [UInt8] = []
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    bytes += data
                    let text = String(decoding: bytes, as: UTF8.self)
                    if let range = text.range(of: marker), text[range.upperBound...].contains("\n") { break }
                }
                continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    static func waitForExit(_ process: Process) async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume()
            }
        }
    }

    /// A new temporary directory.
    static func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xca-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
