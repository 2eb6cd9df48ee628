import Foundation
import X509

/// A **development-only** public key infrastructure for the gateway, its callers and the fixture communities:
/// one test CA, the gateway's inbound server identity, a PACS caller, the gateway's outbound client identity, one
/// identity per fixture community, and deliberately bad certificates for the refusal tests.
///
/// DEVELOPMENT ONLY. The keys are generated on the developer's machine with no protection beyond file modes; the CA
/// can sign anything. Never trust `ca.pem` outside a test federation, and never use these identities for real data.
///
/// All keys are ECDSA P-256, certificates are X.509 v3 signed with ecdsa-with-SHA256 (swift-certificates and
/// swift-crypto; no openssl). The layout of a minted directory (paths relative to it):
///
/// | File | What |
/// |---|---|
/// | `ca.pem`, `ca-key.pem` | the test CA (CA:true, keyCertSign, cRLSign) |
/// | `server.pem`, `server-key.pem` | the gateway's inbound identity: SAN DNS `localhost`, IP `127.0.0.1`; EKU serverAuth |
/// | `client.pem`, `client-key.pem`, `client-combined.pem` | a PACS caller, CN `pacs.dev.example`, EKU clientAuth (combined = cert + key, for `ab -E`) |
/// | `gateway-client.pem`, `gateway-client-key.pem` | the gateway's outbound identity towards communities, EKU clientAuth |
/// | `communities/NAME.pem`, `communities/NAME-key.pem` | a fixture community, EKU serverAuth + clientAuth, SAN `localhost`, `127.0.0.1` |
/// | `bad/other-ca.pem`, `bad/other-ca-key.pem` | a second CA nobody trusts |
/// | `bad/expired-client.pem` (+`-key`) | clientAuth, expired yesterday |
/// | `bad/not-yet-valid-client.pem` (+`-key`) | clientAuth, valid from 30 days ahead |
/// | `bad/other-ca-client.pem` (+`-key`) | clientAuth, signed by `bad/other-ca.pem` |
/// | `bad/no-clientauth-client.pem` (+`-key`) | EKU serverAuth only |
/// | `bad/expired-server.pem` (+`-key`) | a server identity for `localhost`/`127.0.0.1` that expired yesterday |
/// | `bad/wrong-host-server.pem` (+`-key`) | a valid server identity whose only SAN is `wrong.example` |
///
/// Key files (and `client-combined.pem`) are written with mode 0600. ``initialize(directory:communities:now:)``
/// never overwrites a file: it keeps what exists and creates only what is missing (re-issuing a certificate for a
/// kept key when only the certificate is gone). ``mint(communities:now:)`` makes the same set in memory.
public enum DevelopmentPKI {
    /// The banner written into every file and printed by `xca-gateway pki init`.
    public static let banner =
        "DEVELOPMENT ONLY: XCA gateway test PKI. Never trust these certificates outside a test federation."

    /// The fixture communities minted when none are named.
    public static let defaultCommunities = ["north-imaging", "midlands-imaging", "south-west-imaging"]

    /// Mints the whole set in memory (nothing touches the file system).
    public static func mint(communities: [String] = defaultCommunities, now: Date = Date()) throws -> Material {
        var minted: [String: Identity] = [:]
        for entry in try layout(communities: communities) {
            let issuer = try entry.issuerPath.map { path in
                guard let issuer = minted[path] else {
                    throw FixtureError(.pki, "issuer \(path) of \(entry.path) is not minted yet")
                }
                return issuer
            }
            minted[entry.path] = try Identity.issue(entry.profile, key: .p256(), issuer: issuer, now: now)
        }
        return try Material(identities: minted, communities: communities)
    }

    /// Writes the set into `directory` (created if needed), keeping every file that already exists.
    @discardableResult
    public static func initialize(
        directory: URL,
        communities: [String] = defaultCommunities,
        now: Date = Date()
    ) throws -> InitializationReport {
        try PKIDirectory(root: directory).initialize(entries: layout(communities: communities), now: now)
    }

    /// Checks a community name before it becomes a file name: lowercase letters, digits and `-` only.
    static func validateCommunityName(_ name: String) throws {
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-")
        }
        guard !name.isEmpty, name.utf8.count <= 63, allowed, name.first != "-" else {
            throw FixtureError(.pki, "community name \"\(name)\": use 1-63 lowercase letters, digits and '-'")
        }
    }
}
