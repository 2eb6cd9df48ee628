/// One thing wrong (or worth a look) in the gateway's configuration, at the path of the key it concerns:
/// `communities[2].tls.certificate: file not found (/etc/xca-gateway/pki/north.pem)`.
///
/// Paths use the file's own key names, with `[i]` for the i-th element of a list (counted from 0); an empty path is
/// the document itself (a YAML syntax error, an unreadable file).
package struct ConfigurationProblem: Sendable, Hashable, CustomStringConvertible {
    /// An error refuses the configuration; a warning is reported and loading goes on.
    package enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    /// The key the problem concerns, e.g. `communities[2].tls.certificate`.
    package var path: String
    /// What is wrong, in plain words; never a patient identifier.
    package var message: String
    package var severity: Severity
    /// The line of the configuration file the key is on (counted from 1), when known.
    package var line: Int?

    package init(path: String, message: String, severity: Severity = .error, line: Int? = nil) {
        self.path = path
        self.message = message
        self.severity = severity
        self.line = line
    }

    /// `path: message` (or just the message for the document itself).
    package var description: String {
        path.isEmpty ? message : "\(path): \(message)"
    }
}
