import Crypto
import Foundation
import SwiftASN1
import X509

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension DevelopmentPKI {
    /// A certificate and its private key (PEM: the certificate, and the key as PKCS#8 `PRIVATE KEY`).
    public struct Identity: Sendable {
        public let certificate: Certificate
        public let privateKey: Certificate.PrivateKey
        public let certificatePEM: String
        public let privateKeyPEM: String

        public init(certificate: Certificate, privateKey: Certificate.PrivateKey) throws {
            guard certificate.publicKey == privateKey.publicKey else {
                throw FixtureError(.pki, "the private key does not belong to the certificate \(certificate.subject)")
            }
            self.certificate = certificate
            self.privateKey = privateKey
            self.certificatePEM = try certificate.serializeAsPEM().pemString + "\n"
            self.privateKeyPEM = try privateKey.serializeAsPEM().pemString + "\n"
        }

        /// Certificate then key in one PEM (what `ab -E` and `curl --cert` without `--key` want).
        public var combinedPEM: String { certificatePEM + privateKeyPEM }

        /// Issues a certificate for `key` under `profile`, signed by `issuer` (self-signed when `issuer` is nil).
        public static func issue(
            _ profile: Profile,
            key: Certificate.PrivateKey = .p256(),
            issuer: Identity?,
            now: Date = Date()
        ) throws -> Identity {
            do {
                let subject = try DistinguishedName {
                    OrganizationName(profile.organization)
                    CommonName(profile.commonName)
                }
                let publicKey = key.publicKey
                let subjectKeyID = SubjectKeyIdentifier(hash: publicKey)
                let authorityKeyID = issuer.map { SubjectKeyIdentifier(hash: $0.certificate.publicKey) } ?? subjectKeyID
                var names: [GeneralName] = profile.dnsNames.map { .dnsName($0) }
                for address in profile.ipAddresses {
                    names.append(.ipAddress(ASN1OctetString(contentBytes: try Self.ipAddressBytes(address)[...])))
                }
                let extensions = try Certificate.Extensions {
                    if profile.isAuthority {
                        Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                        Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                    } else {
                        Critical(BasicConstraints.notCertificateAuthority)
                        Critical(KeyUsage(digitalSignature: true))
                    }
                    if !profile.extendedKeyUsages.isEmpty {
                        try ExtendedKeyUsage(profile.extendedKeyUsages)
                    }
                    if !names.isEmpty {
                        SubjectAlternativeNames(names)
                    }
                    subjectKeyID
                    AuthorityKeyIdentifier(keyIdentifier: authorityKeyID.keyIdentifier)
                }
                let certificate = try Certificate(
                    version: .v3,
                    serialNumber: Certificate.SerialNumber(),
                    publicKey: publicKey,
                    notValidBefore: now.addingTimeInterval(profile.notBeforeOffset),
                    notValidAfter: now.addingTimeInterval(profile.notAfterOffset),
                    issuer: issuer?.certificate.subject ?? subject,
                    subject: subject,
                    signatureAlgorithm: .ecdsaWithSHA256,
                    extensions: extensions,
                    issuerPrivateKey: issuer?.privateKey ?? key
                )
                return try Identity(certificate: certificate, privateKey: key)
            } catch let error as FixtureError {
                throw error
            } catch {
                throw FixtureError(.pki, "cannot issue \(profile.commonName): \(error)")
            }
        }

        /// The network-order bytes of an IPv4 or IPv6 address in text form.
        static func ipAddressBytes(_ text: String) throws -> [UInt8] {
            var v4 = in_addr()
            if inet_pton(AF_INET, text, &v4) == 1 {
                return withUnsafeBytes(of: &v4) { Array($0) }
            }
            var v6 = in6_addr()
            if inet_pton(AF_INET6, text, &v6) == 1 {
                return withUnsafeBytes(of: &v6) { Array($0) }
            }
            throw FixtureError(.pki, "not an IP address: \(text)")
        }
    }
}

extension Certificate.PrivateKey {
    /// A fresh ECDSA P-256 key.
    public static func p256() -> Certificate.PrivateKey {
        Certificate.PrivateKey(P256.Signing.PrivateKey())
    }
}
