import NIOSSL

/// The TLS the gateway uses towards one community: its own client identity (certificate chain and key) and the
/// CAs it trusts for that community's server certificate. Hostname verification is always on.
///
/// Build it once per community (it parses the PEM); requests that share one value share pooled connections.
package struct CommunityTLS: Sendable {
    let configuration: TLSConfiguration

    package init(
        certificateChain: PEMSource,
        privateKey: PEMSource,
        trustAnchors: [PEMSource],
        minimumVersion: TLSProtocolVersion = .v1_2,
        maximumVersion: TLSProtocolVersion = .v1_3
    ) throws {
        guard minimumVersion <= maximumVersion else {
            throw TransportError(.tlsConfiguration, "community TLS: the minimum version is above the maximum")
        }
        let chain = try TLSMaterial.certificates(certificateChain, role: "community client certificate chain")
        let key = try TLSMaterial.privateKey(privateKey, role: "community client private key")
        let anchors = try trustAnchors.flatMap { try TLSMaterial.certificates($0, role: "community trust anchors") }
        guard !anchors.isEmpty else {
            throw TransportError(.tlsConfiguration, "community trust anchors: at least one CA is required")
        }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateChain = chain.map { .certificate($0) }
        configuration.privateKey = .privateKey(key)
        configuration.trustRoots = .certificates(anchors)
        configuration.certificateVerification = .fullVerification
        configuration.minimumTLSVersion = minimumVersion.nio
        configuration.maximumTLSVersion = maximumVersion.nio
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw TransportError(
                .tlsConfiguration,
                "community TLS: the private key does not match the certificate, or the material is unusable"
            )
        }
        self.configuration = configuration
    }
}
