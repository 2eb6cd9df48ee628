import Foundation
import X509

extension DevelopmentPKI {
    /// What a certificate asserts: names, usages and validity relative to the moment it is minted.
    public struct Profile: Sendable {
        /// The subject common name.
        public var commonName: String
        /// The subject organisation (every development certificate says it is one).
        public var organization = "XCA Gateway (development only)"
        /// A CA (CA:true, keyCertSign, cRLSign) or an end entity (CA:false, digitalSignature).
        public var isAuthority: Bool
        /// The extended key usages; empty writes no EKU extension at all.
        public var extendedKeyUsages: [ExtendedKeyUsage.Usage]
        /// subjectAltName DNS names.
        public var dnsNames: [String]
        /// subjectAltName IP addresses, dotted IPv4 or IPv6 text.
        public var ipAddresses: [String]
        /// notBefore, relative to the minting time.
        public var notBeforeOffset: TimeInterval
        /// notAfter, relative to the minting time.
        public var notAfterOffset: TimeInterval

        public init(
            commonName: String,
            isAuthority: Bool = false,
            extendedKeyUsages: [ExtendedKeyUsage.Usage] = [],
            dnsNames: [String] = [],
            ipAddresses: [String] = [],
            notBeforeOffset: TimeInterval = -Self.hour,
            notAfterOffset: TimeInterval = 2 * Self.year
        ) {
            self.commonName = commonName
            self.isAuthority = isAuthority
            self.extendedKeyUsages = extendedKeyUsages
            self.dnsNames = dnsNames
            self.ipAddresses = ipAddresses
            self.notBeforeOffset = notBeforeOffset
            self.notAfterOffset = notAfterOffset
        }

        public static let hour: TimeInterval = 3_600
        public static let day: TimeInterval = 86_400
        public static let year: TimeInterval = 365 * day

        /// A CA valid from two years back (so the deliberately expired certificates were issued inside its
        /// validity) to ten years ahead.
        public static func authority(commonName: String) -> Profile {
            Profile(commonName: commonName, isAuthority: true, notBeforeOffset: -2 * year, notAfterOffset: 10 * year)
        }

        /// A TLS server identity for the loopback names the fixtures listen on.
        public static func server(commonName: String = "localhost", dnsNames: [String] = ["localhost"]) -> Profile {
            Profile(
                commonName: commonName,
                extendedKeyUsages: [.serverAuth],
                dnsNames: dnsNames,
                ipAddresses: dnsNames == ["localhost"] ? ["127.0.0.1"] : []
            )
        }

        /// A TLS client identity.
        public static func client(commonName: String) -> Profile {
            Profile(commonName: commonName, extendedKeyUsages: [.clientAuth])
        }

        /// This profile, expired a day before minting (valid for a year before that).
        public var expired: Profile {
            var profile = self
            profile.notBeforeOffset = -Self.year
            profile.notAfterOffset = -Self.day
            return profile
        }

        /// This profile, valid only from 30 days after minting.
        public var notYetValid: Profile {
            var profile = self
            profile.notBeforeOffset = 30 * Self.day
            profile.notAfterOffset = Self.year
            return profile
        }
    }
}
