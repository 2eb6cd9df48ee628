import Foundation
import Testing
import XCAFixtures

@testable import XCAGateway

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("Configuration: TLS files")
struct ConfigurationFileCheckTests {
    @Test("a missing certificate file")
    func missing() throws {
        let fixture = try ConfigurationFixture()
        let problems = fixture.problems(
            try ConfigurationFixture.yaml([("    certificate: pki/server.pem", "    certificate: pki/nope.pem")])
        )
        #expect(
            problems.contains("gateway.tls.certificate", "file not found (\(fixture.path)/pki/nope.pem)"),
            "\(problems)"
        )
    }

    @Test("a directory where a file belongs cannot be read")
    func directory() throws {
        let fixture = try ConfigurationFixture()
        let problems = fixture.problems(
            try ConfigurationFixture.yaml([("    privateKey: pki/server-key.pem", "    privateKey: pki/communities")])
        )
        #expect(problems.contains("gateway.tls.privateKey", "file cannot be read: it is a directory"), "\(problems)")
    }

    @Test("a file without read permission cannot be read", .enabled(if: getuid() != 0, "root reads every file"))
    func unreadable() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(fixture.material.ca.certificatePEM, to: "pki/locked.pem", mode: 0o000)
        let problems = fixture.problems(
            try ConfigurationFixture.yaml([
                ("    trustAnchors: [pki/ca.pem]\nquery", "    trustAnchors: [pki/locked.pem]\nquery")
            ])
        )
        #expect(
            problems.contains("gateway.tls.trustAnchors[0]", "file cannot be read: permission denied"),
            "\(problems)"
        )
    }

    @Test("a file that is not PEM")
    func notPEM() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write("this is not a certificate\n", to: "pki/text.pem", mode: 0o644)
        let problems = fixture.problems(
            try ConfigurationFixture.yaml([("    certificate: pki/server.pem", "    certificate: pki/text.pem")])
        )
        #expect(problems.contains("gateway.tls.certificate", "file is not PEM: no -----BEGIN block"), "\(problems)")
    }

    @Test("a PEM file with no certificate in it (a key given as the certificate)")
    func noCertificate() throws {
        let fixture = try ConfigurationFixture()
        let problems = fixture.problems(
            try ConfigurationFixture.yaml([("    certificate: pki/server.pem", "    certificate: pki/server-key.pem")])
        )
        #expect(
            problems.contains("gateway.tls.certificate", "holds no certificate (found: PRIVATE KEY)"),
            "\(problems)"
        )
    }

    @Test("a PEM file with no private key in it (a certificate given as the key)")
    func noKey() throws {
        let fixture = try ConfigurationFixture()
        let problems = fixture.problems(
            try ConfigurationFixture.yaml([("    privateKey: pki/server-key.pem", "    privateKey: pki/server.pem")])
        )
        #expect(problems.contains("gateway.tls.privateKey", "holds no private key (found: CERTIFICATE)"), "\(problems)")
    }

    @Test("a certificate block that is not X.509")
    func corruptCertificate() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            to: "pki/corrupt.pem",
            mode: 0o644
        )
        let problems = fixture.problems(
            try ConfigurationFixture.yaml([("    certificate: pki/server.pem", "    certificate: pki/corrupt.pem")])
        )
        #expect(
            problems.contains("gateway.tls.certificate", "certificate 1 is not a valid X.509 certificate"),
            "\(problems)"
        )
    }

    @Test("an encrypted private key")
    func encryptedKey() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
            to: "pki/locked-key.pem"
        )
        let problems = fixture.problems(
            try ConfigurationFixture.yaml([("    privateKey: pki/server-key.pem", "    privateKey: pki/locked-key.pem")]
            )
        )
        #expect(problems.contains("gateway.tls.privateKey", "the private key is encrypted"), "\(problems)")
    }

    @Test("a private key that belongs to another certificate")
    func mismatchedKey() throws {
        let fixture = try ConfigurationFixture()
        let problems = fixture.problems(
            try ConfigurationFixture.yaml([
                (
                    ConfigurationFixture.northTLS,
                    ConfigurationFixture.northTLS(
                        certificate: "pki/gateway-client.pem",
                        privateKey: "pki/client-key.pem"
                    )
                )
            ])
        )
        #expect(
            problems.contains(
                "communities[0].tls.privateKey",
                "does not match the certificate in communities[0].tls.certificate (their public keys differ)"
            ),
            "\(problems)"
        )
        #expect(problems.filter { $0.severity == .error }.count == 1, "the same pair on communities[1] is fine")
    }

    @Test("an expired certificate is refused with its date")
    func expired() throws {
        let fixture = try ConfigurationFixture()
        let problems = fixture.problems(
            try ConfigurationFixture.yaml([
                ("    certificate: pki/server.pem", "    certificate: pki/bad/expired-server.pem"),
                ("    privateKey: pki/server-key.pem", "    privateKey: pki/bad/expired-server-key.pem"),
            ])
        )
        let day = fixture.material.expiredServer.certificate.notValidAfter.formatted(.iso8601.year().month().day())
        #expect(problems.contains("gateway.tls.certificate", "expired on \(day)"), "\(problems)")
        #expect(problems.filter { $0.severity == .error }.count == 1, "\(problems)")
    }

    @Test("a certificate not valid yet is refused")
    func notYetValid() throws {
        let fixture = try ConfigurationFixture()
        let problems = fixture.problems(
            try ConfigurationFixture.yaml([
                (
                    ConfigurationFixture.northTLS,
                    ConfigurationFixture.northTLS(
                        certificate: "pki/bad/not-yet-valid-client.pem",
                        privateKey: "pki/bad/not-yet-valid-client-key.pem"
                    )
                )
            ])
        )
        #expect(problems.contains("communities[0].tls.certificate", "is not valid until "), "\(problems)")
    }

    @Test("a certificate expiring within 30 days is a warning with the days left")
    func expiringSoon() throws {
        let fixture = try ConfigurationFixture()
        var profile = DevelopmentPKI.Profile.server()
        profile.notAfterOffset = 12 * DevelopmentPKI.Profile.day
        let soon = try DevelopmentPKI.Identity.issue(profile, issuer: fixture.material.ca, now: fixture.now)
        try fixture.write(soon, as: "soon")
        let configuration = try fixture.parse(
            try ConfigurationFixture.yaml([
                ("    certificate: pki/server.pem", "    certificate: pki/soon.pem"),
                ("    privateKey: pki/server-key.pem", "    privateKey: pki/soon-key.pem"),
            ])
        )
        let day = soon.certificate.notValidAfter.formatted(.iso8601.year().month().day())
        #expect(configuration.warnings.contains("gateway.tls.certificate", "expires in 12 days (on \(day))", .warning))
        #expect(configuration.warnings.count == 1, "\(configuration.warnings)")
    }

    @Test("an expired trust anchor in a chain file is refused, naming the certificate")
    func expiredAnchor() throws {
        let fixture = try ConfigurationFixture()
        var profile = DevelopmentPKI.Profile.authority(commonName: "Old CA")
        profile.notBeforeOffset = -2 * DevelopmentPKI.Profile.year
        profile.notAfterOffset = -DevelopmentPKI.Profile.day
        let old = try DevelopmentPKI.Identity.issue(profile, issuer: nil, now: fixture.now)
        try fixture.write(fixture.material.ca.certificatePEM + old.certificatePEM, to: "pki/anchors.pem", mode: 0o644)
        let problems = fixture.problems(
            try ConfigurationFixture.yaml([
                ("    trustAnchors: [pki/ca.pem]\nquery", "    trustAnchors: [pki/ca.pem, pki/anchors.pem]\nquery")
            ])
        )
        #expect(problems.contains("gateway.tls.trustAnchors[1]", "certificate 2 (CN=Old CA"), "\(problems)")
        #expect(problems.at("gateway.tls.trustAnchors[1]")?.message.contains("expired on") == true)
    }

    @Test("a private key every user may read is a warning")
    func readableKey() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(fixture.material.server.privateKeyPEM, to: "pki/open-key.pem", mode: 0o644)
        let configuration = try fixture.parse(
            try ConfigurationFixture.yaml([("    privateKey: pki/server-key.pem", "    privateKey: pki/open-key.pem")])
        )
        #expect(
            configuration.warnings.contains(
                "gateway.tls.privateKey",
                "is readable by every user (mode 644): make it 0600",
                .warning
            )
        )
    }

    @Test("a certificate without the usage its side needs is a warning")
    func usage() throws {
        let fixture = try ConfigurationFixture()
        let configuration = try fixture.parse(
            try ConfigurationFixture.yaml([
                ("    certificate: pki/server.pem", "    certificate: pki/client.pem"),
                ("    privateKey: pki/server-key.pem", "    privateKey: pki/client-key.pem"),
            ])
        )
        #expect(
            configuration.warnings.contains(
                "gateway.tls.certificate",
                "does not list serverAuth in its extended key usage",
                .warning
            )
        )
    }

    @Test("a disabled community's file problems are warnings; the same problem on an enabled one is an error")
    func disabledCommunity() throws {
        let fixture = try ConfigurationFixture()
        let missing = try ConfigurationFixture.yaml([
            ("    timeout: 10s", "    timeout: 10s\n    enabled: false"),
            (
                ConfigurationFixture.northTLS,
                ConfigurationFixture.northTLS(certificate: "pki/gone.pem", privateKey: "pki/gateway-client-key.pem")
            ),
        ])
        let configuration = try fixture.parse(missing)
        #expect(configuration.warnings.contains("communities[0].tls.certificate", "file not found", .warning))

        let enabled = fixture.problems(missing.replacingOccurrences(of: "    enabled: false\n", with: ""))
        #expect(enabled.contains("communities[0].tls.certificate", "file not found"))
    }

    @Test("a state directory that is a file is refused")
    func stateDirectory() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write("x", to: "state-file")
        let problems = fixture.problems(
            try ConfigurationFixture.yaml([("query:\n", "  stateDirectory: state-file\nquery:\n")])
        )
        #expect(problems.contains("gateway.stateDirectory", "exists but is not a directory"), "\(problems)")
    }
}
