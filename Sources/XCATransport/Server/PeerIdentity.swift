import Foundation

/// Who is on the other end of an inbound mutual-TLS connection, read from the leaf certificate the caller presented
/// and the server verified. Computed once per connection, when the TLS handshake completes.
///
/// These are the facts an audit record needs about the calling system (ITI TF-2 3.38.5 / 3.39.5: the source
/// participant; IHE ATNA "Authenticate Node": the node is identified by its certificate).
public struct PeerIdentity: Sendable, Hashable {
    /// A subject alternative name of the certificate.
    public enum AlternativeName: Sendable, Hashable, CustomStringConvertible {
        case dns(String)
        /// An IPv4 (dotted) or IPv6 (RFC 5952) address.
        case ipAddress(String)
        case uri(String)
        case email(String)

        public var description: String {
            switch self {
            case .dns(let name): "DNS:\(name)"
            case .ipAddress(let address): "IP:\(address)"
            case .uri(let uri): "URI:\(uri)"
            case .email(let address): "email:\(address)"
            }
        }
    }

    /// The subject distinguished name as an RFC 4514 string (most specific RDN first: `CN=…,O=…`).
    public let subject: String
    /// The issuer distinguished name, RFC 4514.
    public let issuer: String
    /// The serial number: the DER integer's bytes in lowercase hex, two digits each, colon separated (`01:0a:ff`).
    public let serialNumber: String
    /// The DNS, IP, URI and email subject alternative names, in certificate order (other kinds are left out).
    public let subjectAlternativeNames: [AlternativeName]
    public let notValidBefore: Date
    public let notValidAfter: Date
    /// SHA-256 of the leaf certificate's DER, lowercase hex without separators.
    public let sha256Fingerprint: String

    public init(
        subject: String,
        issuer: String,
        serialNumber: String,
        subjectAlternativeNames: [AlternativeName],
        notValidBefore: Date,
        notValidAfter: Date,
        sha256Fingerprint: String
    ) {
        self.subject = subject
        self.issuer = issuer
        self.serialNumber = serialNumber
        self.subjectAlternativeNames = subjectAlternativeNames
        self.notValidBefore = notValidBefore
        self.notValidAfter = notValidAfter
        self.sha256Fingerprint = sha256Fingerprint
    }
}
