import NIOSSL

/// The TLS versions the gateway speaks (RFC 8996 deprecates anything older).
package enum TLSProtocolVersion: String, Sendable, Hashable, Comparable {
    case v1_2 = "1.2"
    case v1_3 = "1.3"

    var nio: TLSVersion {
        switch self {
        case .v1_2: .tlsv12
        case .v1_3: .tlsv13
        }
    }

    package static func < (lhs: TLSProtocolVersion, rhs: TLSProtocolVersion) -> Bool {
        lhs == .v1_2 && rhs == .v1_3
    }
}
