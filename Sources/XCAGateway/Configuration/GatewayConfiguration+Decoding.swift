import Foundation
import Yams

extension GatewayConfiguration {
    /// The configuration as `file` describes it — every key read, every path resolved — without the checks across
    /// keys and against the file system (no TLS file is read). For `certs check`, which lists the certificates a
    /// configuration names even when one of them has expired (which refuses it in ``load(file:now:)``). The
    /// problems are those of reading the keys; the configuration is nil when the file cannot be read or is not YAML.
    package static func decode(file: String) -> (configuration: GatewayConfiguration?, problems: [ConfigurationProblem])
    {
        let url = URL(fileURLWithPath: file).standardizedFileURL
        let text: String
        switch ConfigurationFiles.readText(url.path, limit: 16 << 20) {
        case .success(let read): text = read
        case .failure(let problem):
            return (nil, [ConfigurationProblem(path: "", message: "configuration \(problem.reason)")])
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            return (nil, [ConfigurationProblem(path: "", message: "not readable as YAML")])
        }
        var diagnostics = ConfigurationDiagnostics()
        var configuration = schema.defaults
        schema.decode(root ?? .mapping(Node.Mapping([])), path: "", into: &configuration, &diagnostics)
        configuration.resolvePaths(against: url.deletingLastPathComponent().path)
        return (configuration, diagnostics.ordered)
    }
}
