/// How a certificate stands at the moment of a check.
public enum CertificateStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case ok
    /// Valid, but ending within the warning threshold.
    case warning
    case expired
    case notYetValid = "not-yet-valid"
    /// The file is missing, unreadable, not PEM, or its certificate cannot be parsed.
    case unreadable

    /// Whether the certificate cannot be used now (a warning can).
    public var isFailure: Bool {
        switch self {
        case .ok, .warning: false
        case .expired, .notYetValid, .unreadable: true
        }
    }
}
