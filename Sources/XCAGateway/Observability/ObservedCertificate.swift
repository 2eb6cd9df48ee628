import Foundation
import XCATransport

/// A certificate the running gateway uses, and what for: the `use` and `subject` labels of
/// `xca_certificate_expiry_days` and a line of the readiness check.
///
/// Uses: `gateway/server` (each certificate of the server chain), `gateway/trust-anchor` (the CAs callers must chain
/// to), `community/NAME/client` (the client chain presented to an enabled community), `community/NAME/trust-anchor`
/// (the CAs trusted for it).
package struct ObservedCertificate: Sendable, Hashable {
    package var use: String
    package var validity: CertificateValidity

    package init(use: String, validity: CertificateValidity) {
        self.use = use
        self.validity = validity
    }

    /// The server chain and trust anchors of the mutual-TLS listener, read from its configuration.
    static func server(_ tls: HTTPSServerConfiguration.TLS) -> [ObservedCertificate] {
        let chain = (try? CertificateValidity.of(tls.certificateChain, role: "server certificate chain")) ?? []
        let anchors = tls.trustAnchors.flatMap { (try? CertificateValidity.of($0, role: "client trust anchors")) ?? [] }
        return chain.map { ObservedCertificate(use: "gateway/server", validity: $0) }
            + anchors.map { ObservedCertificate(use: "gateway/trust-anchor", validity: $0) }
    }

    /// The client chain and trust anchors used towards PARS, the audit trail's FHIR endpoint.
    static func pars(_ tls: CommunityTLS?) -> [ObservedCertificate] {
        guard let tls else { return [] }
        let (identity, anchors) = tls.certificateValidity
        return identity.map { ObservedCertificate(use: "audit/pars/client", validity: $0) }
            + anchors.map { ObservedCertificate(use: "audit/pars/trust-anchor", validity: $0) }
    }

    /// The client chain and trust anchors used towards each enabled community.
    static func communities(_ links: some Sequence<CommunityLink>) -> [ObservedCertificate] {
        links.filter(\.community.isEnabled).sorted { $0.community.name < $1.community.name }.flatMap { link in
            guard let tls = link.tls else { return [ObservedCertificate]() }
            let (identity, anchors) = tls.certificateValidity
            let prefix = "community/\(link.community.name)/"
            return identity.map { ObservedCertificate(use: prefix + "client", validity: $0) }
                + anchors.map { ObservedCertificate(use: prefix + "trust-anchor", validity: $0) }
        }
    }
}
