import Foundation

extension GatewayConfiguration {
    /// Makes every path absolute: files and `gateway.stateDirectory` against `base` (the configuration file's
    /// directory), `retrieve.spoolDirectory` against the state directory.
    mutating func resolvePaths(against base: String) {
        gateway.stateDirectory = Self.resolve(gateway.stateDirectory, against: base)
        retrieve.spoolDirectory = Self.resolve(retrieve.spoolDirectory, against: gateway.stateDirectory)
        gateway.tls.resolvePaths(against: base)
        audit.outbox = Self.resolve(audit.outbox, against: gateway.stateDirectory)
        if audit.file != nil { audit.fileSection.path = Self.resolve(audit.fileSection.path, against: gateway.stateDirectory) }
        if audit.pars != nil { audit.parsSection.tls.resolvePaths(against: base) }
        for index in communities.indices {
            communities[index].tls.resolvePaths(against: base)
        }
    }

    /// `path` made absolute against `base` and standardised (`.` and `..` removed); empty stays empty.
    static func resolve(_ path: String, against base: String) -> String {
        guard !path.isEmpty else { return path }
        let url =
            path.hasPrefix("/")
            ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: base, isDirectory: true).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }
}

extension GatewayConfiguration.TLSFiles {
    mutating func resolvePaths(against base: String) {
        certificate = GatewayConfiguration.resolve(certificate, against: base)
        privateKey = GatewayConfiguration.resolve(privateKey, against: base)
        trustAnchors = trustAnchors.map { GatewayConfiguration.resolve($0, against: base) }
    }
}
