import Foundation
import NIOSSL
import X509

/// When a certificate the transport uses is valid, and whom it names: what expiry metrics and readiness need of the
/// TLS material, without the material.
package struct CertificateValidity: Sendable, Hashable {
    /// RFC 4514, most specific RDN first.
    package var subject: String
    package var notValidBefore: Date
    package var notValidAfter: Date

    package init(subject: String, notValidBefore: Date, notValidAfter: Date) {
        self.subject = subject
        self.notValidBefore = notValidBefore
        self.notValidAfter = notValidAfter
    }

    /// Fractional days from `now` to `notValidAfter`: negative once expired.
    package func daysLeft(at now: Date) -> Double {
        notValidAfter.timeIntervalSince(now) / 86_400
    }

    init(_ certificate: NIOSSLCertificate) throws {
        let parsed = try Certificate(derEncoded: certificate.toDERBytes())
        self.init(
            subject: parsed.subject.description,
            notValidBefore: parsed.notValidBefore,
            notValidAfter: parsed.notValidAfter
        )
    }

    /// Every certificate of PEM material, in order (a chain: leaf first).
    package static func of(_ source: PEMSource, role: String) throws -> [CertificateValidity] {
        try TLSMaterial.certificates(source, role: role).map { certificate in
            do {
                return try CertificateValidity(certificate)
            } catch {
                throw TransportError(.tlsConfiguration, "\(role): a certificate cannot be parsed as X.509")
            }
        }
    }
}

extension CommunityTLS {
    /// The certificates this TLS presents (its client chain, leaf first) and trusts (its trust anchors), as loaded.
    package var certificateValidity: (identity: [CertificateValidity], trustAnchors: [CertificateValidity]) {
        let identity = configuration.certificateChain.compactMap { source -> CertificateValidity? in
            guard case .certificate(let certificate) = source else { return nil }
            return try? CertificateValidity(certificate)
        }
        var anchors: [CertificateValidity] = []
        if case .certificates(let roots)? = configuration.trustRoots {
            anchors = roots.compactMap { try? CertificateValidity($0) }
        }
        return (identity, anchors)
    }
}
