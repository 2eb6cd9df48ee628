import XCATransport

extension GatewayConfiguration {
    /// A TLS identity and whom it trusts, as PEM files: the gateway's inbound server identity (`gateway.tls`) or
    /// the client identity it presents to one community (`communities[i].tls`).
    package struct TLSFiles: Sendable, Hashable {
        /// The certificate chain, leaf first (PEM).
        package var certificate: String
        /// The leaf's private key (PEM: PKCS#8, SEC1 or PKCS#1; not encrypted).
        package var privateKey: String
        /// The CAs trusted on the other side (PEM files, at least one; never the system store): for the gateway,
        /// the CAs whose client certificates may call; for a community, the CAs its server certificate must chain to.
        package var trustAnchors: [String]
        /// The oldest TLS version accepted. Default 1.2.
        package var minimumVersion: TLSProtocolVersion

        package init(
            certificate: String,
            privateKey: String,
            trustAnchors: [String],
            minimumVersion: TLSProtocolVersion = .v1_2
        ) {
            self.certificate = certificate
            self.privateKey = privateKey
            self.trustAnchors = trustAnchors
            self.minimumVersion = minimumVersion
        }
    }
}
