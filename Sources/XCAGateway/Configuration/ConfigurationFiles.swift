import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// File-system questions of the configuration checks; reasons start with what a reader looks for
/// (`file not found (…)`, `file cannot be read (…)`) and end with the absolute path.
enum ConfigurationFiles {
    /// The text of a regular file of at most `limit` bytes.
    static func readText(_ path: String, limit: Int) -> Result<String, ConfigurationSyntax.SyntaxProblem> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(.init("file not found (\(path))"))
        }
        if isDirectory.boolValue {
            return .failure(.init("file cannot be read: it is a directory (\(path))"))
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            return .failure(.init("file cannot be read: permission denied (\(path))"))
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            return .failure(.init("file cannot be read (\(path))"))
        }
        guard data.count <= limit else {
            return .failure(.init("file is larger than \(ConfigurationSyntax.formatSize(limit)) (\(path))"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(.init("file is not UTF-8 text (\(path))"))
        }
        return .success(text)
    }

    /// The permission bits of a file, when they can be read.
    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    /// A problem with a directory the gateway will write into: it may be missing (it is created at start-up), but
    /// what exists must be a writable directory.
    static func directoryProblem(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return "exists but is not a directory (\(path))" }
        guard access(path, W_OK | X_OK) == 0 else { return "directory is not writable (\(path))" }
        return nil
    }
}
