import X509

extension DevelopmentPKI {
    /// One identity of the layout: `path` names the files (`path.pem`, `path-key.pem`, relative to the PKI
    /// directory); `issuerPath` is the identity that signs it (nil: self-signed CA).
    struct Entry: Sendable {
        let path: String
        let issuerPath: String?
        let profile: Profile
        let description: String

        var certificateFile: String { path + ".pem" }
        var keyFile: String { path + "-key.pem" }
    }

    /// Relative paths of the identities every layout has.
    public enum Path {
        public static let ca = "ca"
        public static let server = "server"
        public static let client = "client"
        public static let gatewayClient = "gateway-client"
        public static let otherCA = "bad/other-ca"
        public static let expiredClient = "bad/expired-client"
        public static let notYetValidClient = "bad/not-yet-valid-client"
        public static let otherCAClient = "bad/other-ca-client"
        public static let noClientAuthClient = "bad/no-clientauth-client"
        public static let expiredServer = "bad/expired-server"
        public static let wrongHostServer = "bad/wrong-host-server"
        /// The combined certificate + key of the PACS caller, for `ab -E`.
        public static let clientCombinedFile = "client-combined.pem"

        public static func community(_ name: String) -> String { "communities/" + name }

        /// Every path the layout has whatever the communities.
        public static let fixed = [
            ca, server, client, gatewayClient, otherCA, expiredClient, notYetValidClient, otherCAClient,
            noClientAuthClient, expiredServer, wrongHostServer,
        ]
    }

    /// The identities in issuing order (every issuer before what it signs).
    static func layout(communities: [String]) throws -> [Entry] {
        for name in communities { try validateCommunityName(name) }
        guard Set(communities).count == communities.count else {
            throw FixtureError(.pki, "a community is named twice")
        }
        let loopback = ["localhost"]
        var entries = [
            Entry(
                path: Path.ca,
                issuerPath: nil,
                profile: .authority(commonName: "XCA Gateway Development CA"),
                description: "test CA"
            ),
            Entry(
                path: Path.server,
                issuerPath: Path.ca,
                profile: .server(),
                description: "gateway inbound server identity (localhost, 127.0.0.1)"
            ),
            Entry(
                path: Path.client,
                issuerPath: Path.ca,
                profile: .client(commonName: "pacs.dev.example"),
                description: "PACS caller (clientAuth)"
            ),
            Entry(
                path: Path.gatewayClient,
                issuerPath: Path.ca,
                profile: .client(commonName: "gateway.dev.example"),
                description: "gateway outbound client identity (clientAuth)"
            ),
        ]
        for name in communities {
            var profile = Profile.server(commonName: name, dnsNames: loopback)
            profile.extendedKeyUsages = [.serverAuth, .clientAuth]
            entries.append(
                Entry(
                    path: Path.community(name),
                    issuerPath: Path.ca,
                    profile: profile,
                    description: "fixture community \(name) (serverAuth + clientAuth)"
                )
            )
        }
        entries += [
            Entry(
                path: Path.otherCA,
                issuerPath: nil,
                profile: .authority(commonName: "Untrusted Other Development CA"),
                description: "a CA nobody trusts"
            ),
            Entry(
                path: Path.expiredClient,
                issuerPath: Path.ca,
                profile: Profile.client(commonName: "expired.dev.example").expired,
                description: "expired client"
            ),
            Entry(
                path: Path.notYetValidClient,
                issuerPath: Path.ca,
                profile: Profile.client(commonName: "not-yet-valid.dev.example").notYetValid,
                description: "not-yet-valid client"
            ),
            Entry(
                path: Path.otherCAClient,
                issuerPath: Path.otherCA,
                profile: .client(commonName: "other-ca.dev.example"),
                description: "client signed by bad/other-ca"
            ),
            Entry(
                path: Path.noClientAuthClient,
                issuerPath: Path.ca,
                profile: Profile(commonName: "no-clientauth.dev.example", extendedKeyUsages: [.serverAuth]),
                description: "client without the clientAuth EKU"
            ),
            Entry(
                path: Path.expiredServer,
                issuerPath: Path.ca,
                profile: Profile.server().expired,
                description: "expired server identity (localhost, 127.0.0.1)"
            ),
            Entry(
                path: Path.wrongHostServer,
                issuerPath: Path.ca,
                profile: .server(commonName: "wrong.example", dnsNames: ["wrong.example"]),
                description: "server identity for wrong.example only"
            ),
        ]
        return entries
    }
}
