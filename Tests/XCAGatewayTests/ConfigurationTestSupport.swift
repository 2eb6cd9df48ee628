import Foundation
import Testing
import XCAFixtures

@testable import XCAGateway

/// A temporary directory holding a development PKI under `pki/` (written by `DevelopmentPKI.initialize`, keys
/// 0600) and a valid configuration that tests edit by replacing one exact piece of text.
struct ConfigurationFixture: ~Copyable {
    let directory: URL
    let material: DevelopmentPKI.Material
    let now: Date

    /// `now` defaults to the current whole second (certificates carry whole seconds, so days left come out exact).
    init(now: Date = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "xca-configuration-tests-\(UUID().uuidString)",
            isDirectory: true
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        material = try DevelopmentPKI.initialize(directory: directory.appendingPathComponent("pki"), now: now).material
        self.now = now
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    var path: String { directory.path }

    /// A valid configuration: two communities, every required key, relative paths into `pki/`.
    static let valid = """
        gateway:
          homeCommunityId: urn:oid:1.2.826.0.1.3680043.10.1
          listen: 127.0.0.1:8443
          tls:
            certificate: pki/server.pem
            privateKey: pki/server-key.pem
            trustAnchors: [pki/ca.pem]
        query:
          deadline: 20s
        communities:
          - name: north-imaging
            homeCommunityId: urn:oid:1.2.826.0.1.3680043.10.2
            endpoints:
              query: https://localhost:9001/xca
              retrieve: https://localhost:9001/xca
            tls:
              certificate: pki/gateway-client.pem
              privateKey: pki/gateway-client-key.pem
              trustAnchors: [pki/ca.pem]
            timeout: 10s
            repositories: [1.2.826.0.1.3680043.10.2.1]
          - name: midlands-imaging
            homeCommunityId: urn:oid:1.2.826.0.1.3680043.10.3
            endpoints:
              imagingRetrieve: https://localhost:9002/xcai
            tls:
              certificate: pki/gateway-client.pem
              privateKey: pki/gateway-client-key.pem
              trustAnchors: [pki/ca.pem]

        """

    /// The first community's `tls` keys, followed by its `timeout` (which makes the text unique in ``valid``).
    static let northTLS = northTLS(certificate: "pki/gateway-client.pem", privateKey: "pki/gateway-client-key.pem")

    static func northTLS(certificate: String, privateKey: String) -> String {
        [
            "      certificate: \(certificate)",
            "      privateKey: \(privateKey)",
            "      trustAnchors: [pki/ca.pem]",
            "    timeout",
        ].joined(separator: "\n")
    }

    /// ``valid`` with each `(text, replacement)` applied; each text must occur exactly once.
    static func yaml(_ edits: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        var yaml = valid
        for (text, replacement) in edits {
            let occurrences = yaml.components(separatedBy: text).count - 1
            try #require(occurrences == 1, "\"\(text)\" occurs \(occurrences) times", sourceLocation: sourceLocation)
            yaml = yaml.replacingOccurrences(of: text, with: replacement)
        }
        return yaml
    }

    /// Parses `yaml` with this directory as the base.
    func parse(_ yaml: String) throws(ConfigurationError) -> GatewayConfiguration {
        try GatewayConfiguration.parse(yaml: yaml, baseDirectory: path, now: now)
    }

    /// The problems of a configuration that must be refused.
    func problems(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> [ConfigurationProblem] {
        do {
            let configuration = try parse(yaml)
            Issue.record("accepted; warnings: \(configuration.warnings)", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.problems
        }
    }

    /// Writes `text` to `relativePath` (directories created) with `mode`.
    func write(_ text: String, to relativePath: String, mode: Int = 0o600) throws {
        let url = directory.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
    }

    /// Writes an identity as `NAME.pem` and `NAME-key.pem` under `pki/`.
    func write(_ identity: DevelopmentPKI.Identity, as name: String) throws {
        try write(identity.certificatePEM, to: "pki/\(name).pem", mode: 0o644)
        try write(identity.privateKeyPEM, to: "pki/\(name)-key.pem")
    }
}

extension [ConfigurationProblem] {
    /// The problem at `path`, if any.
    func at(_ path: String) -> ConfigurationProblem? {
        first { $0.path == path }
    }

    /// `true` when a problem at `path` with `severity` has a message containing `message`.
    func contains(_ path: String, _ message: String, _ severity: ConfigurationProblem.Severity = .error) -> Bool {
        contains { $0.path == path && $0.message.contains(message) && $0.severity == severity }
    }
}
