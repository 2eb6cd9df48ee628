import Foundation
import Logging
import NIOSSL
import SwiftASN1
import X509

/// Verifies a client's certificate chain during the TLS handshake (NIOSSL's custom verification callback, which
/// replaces BoringSSL's own check): RFC 5280 path validation to the configured trust anchors at the current time
/// (signatures, validity, basic constraints, name constraints) plus ``ClientAuthenticationPolicy``. A failure makes
/// BoringSSL abort the handshake with an alert; no HTTP exchange happens.
struct ClientCertificateVerifier: Sendable {
    let trustAnchors: CertificateStore
    let logger: Logger

    init(trustAnchors: [Certificate], logger: Logger) {
        self.trustAnchors = CertificateStore(trustAnchors)
        self.logger = logger
    }

    func verify(_ presented: [NIOSSLCertificate]) async -> NIOSSLVerificationResult {
        let chain: [Certificate]
        do {
            chain = try presented.map { try Certificate(derEncoded: $0.toDERBytes()) }
        } catch {
            logger.info("client certificate refused", metadata: ["xca.tls.reason": "unparseable certificate"])
            return .failed
        }
        guard let leaf = chain.first else { return .failed }
        var verifier = Verifier(rootCertificates: trustAnchors) {
            RFC5280Policy()
            ClientAuthenticationPolicy()
        }
        switch await verifier.validate(leaf: leaf, intermediates: CertificateStore(chain.dropFirst())) {
        case .validCertificate:
            return .certificateVerified
        case .couldNotValidate(let failures):
            logger.info(
                "client certificate refused",
                metadata: [
                    "xca.tls.subject": "\(leaf.subject)",
                    "xca.tls.reason":
                        "\(failures.first.map { "\($0.policyFailureReason)" } ?? "no chain to a trust anchor")",
                ]
            )
            return .failed
        }
    }
}

/// The leaf must be meant for TLS client authentication: an extendedKeyUsage extension listing `id-kp-clientAuth`
/// (RFC 5280 4.2.1.12). A certificate without the extension is refused too (BoringSSL's own purpose check would
/// let it through). A CA in the chain that restricts its extended key usages must allow clientAuth (or anyEKU).
struct ClientAuthenticationPolicy: VerifierPolicy {
    let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = [.X509ExtensionID.extendedKeyUsage]

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) -> PolicyEvaluationResult {
        guard let usages = try? chain.leaf.extensions.extendedKeyUsage else {
            return .failsToMeetPolicy(reason: "the client certificate has no extendedKeyUsage")
        }
        guard usages.contains(.clientAuth) else {
            return .failsToMeetPolicy(reason: "the client certificate's extendedKeyUsage lacks clientAuth")
        }
        for issuer in chain.dropFirst() {
            guard let restricted = try? issuer.extensions.extendedKeyUsage else { continue }
            guard restricted.contains(.clientAuth) || restricted.contains(.any) else {
                return .failsToMeetPolicy(reason: "an issuing CA's extendedKeyUsage excludes clientAuth")
            }
        }
        return .meetsPolicy
    }
}
