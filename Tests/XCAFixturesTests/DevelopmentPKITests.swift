import Foundation
import Testing
@_spi(FixedExpiryValidationTime) import X509
import XCAFixtures

@Suite("Development PKI")
struct DevelopmentPKITests {
    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent(
            "xca-pki-tests-\(UUID().uuidString)",
            isDirectory: true
        )
    }

    static func verify(_ leaf: Certificate, anchors: [Certificate], at time: Date = Date()) async -> Bool {
        var verifier = Verifier(rootCertificates: CertificateStore(anchors)) {
            RFC5280Policy(fixedExpiryValidationTime: time)
        }
        if case .validCertificate = await verifier.validate(leaf: leaf, intermediates: CertificateStore()) {
            return true
        }
        return false
    }

    @Test("init writes the whole layout, keys 0600, and every file starts with the development-only banner")
    func files() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try DevelopmentPKI.initialize(directory: directory)
        #expect(report.kept.isEmpty)
        var expected: Set<String> = ["client-combined.pem"]
        for path in DevelopmentPKI.Path.fixed + DevelopmentPKI.defaultCommunities.map(DevelopmentPKI.Path.community) {
            expected.insert(path + ".pem")
            expected.insert(path + "-key.pem")
        }
        #expect(Set(report.created) == expected)
        for file in expected {
            let path = directory.appendingPathComponent(file).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix("# DEVELOPMENT ONLY"))
            let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            let secret = file.hasSuffix("-key.pem") || file == "client-combined.pem"
            #expect(mode == (secret ? 0o600 : 0o644), "\(file)")
        }
        let combined = try String(contentsOf: directory.appendingPathComponent("client-combined.pem"), encoding: .utf8)
        #expect(combined.contains("BEGIN CERTIFICATE") && combined.contains("BEGIN PRIVATE KEY"))
        let community = try Certificate(
            pemEncoded: String(
                contentsOf: directory.appendingPathComponent("communities/midlands-imaging.pem"),
                encoding: .utf8
            )
        )
        #expect(community.subject == report.material.community("midlands-imaging")?.certificate.subject)
    }

    @Test("re-running keeps every existing file and creates only what is missing, with the kept keys")
    func rerun() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try DevelopmentPKI.initialize(directory: directory)
        let caKey = try String(contentsOf: directory.appendingPathComponent("ca-key.pem"), encoding: .utf8)
        let serverKey = try String(contentsOf: directory.appendingPathComponent("server-key.pem"), encoding: .utf8)

        try FileManager.default.removeItem(at: directory.appendingPathComponent("server.pem"))
        try FileManager.default.removeItem(at: directory.appendingPathComponent("bad/expired-client.pem"))
        try FileManager.default.removeItem(at: directory.appendingPathComponent("bad/expired-client-key.pem"))
        let second = try DevelopmentPKI.initialize(
            directory: directory,
            communities: DevelopmentPKI.defaultCommunities + ["east-imaging"]
        )

        #expect(
            Set(second.created) == [
                "server.pem", "bad/expired-client.pem", "bad/expired-client-key.pem",
                "communities/east-imaging.pem", "communities/east-imaging-key.pem",
            ]
        )
        #expect(second.kept.contains("server-key.pem") && second.kept.contains("ca.pem"))
        #expect(try String(contentsOf: directory.appendingPathComponent("ca-key.pem"), encoding: .utf8) == caKey)
        #expect(
            try String(contentsOf: directory.appendingPathComponent("server-key.pem"), encoding: .utf8) == serverKey
        )
        // The re-issued server certificate is for the kept key, signed by the kept CA.
        #expect(second.material.server.certificate.publicKey == first.material.server.certificate.publicKey)
        #expect(second.material.server.certificate.serialNumber != first.material.server.certificate.serialNumber)
        #expect(second.material.ca.certificate == first.material.ca.certificate)

        let third = try DevelopmentPKI.initialize(
            directory: directory,
            communities: DevelopmentPKI.defaultCommunities + ["east-imaging"]
        )
        #expect(third.created.isEmpty)
    }

    @Test("a certificate without its key, or not issued by the CA on disk, is reported, not replaced")
    func inconsistentDirectory() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try DevelopmentPKI.initialize(directory: directory)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("client-key.pem"))
        #expect(throws: FixtureError(.pki, "")) { try DevelopmentPKI.initialize(directory: directory) }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("client-key.pem").path))

        let other = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: other) }
        try DevelopmentPKI.initialize(directory: other)
        // A CA from another run: server.pem no longer verifies against it.
        for file in ["ca.pem", "ca-key.pem"] {
            try FileManager.default.removeItem(at: other.appendingPathComponent(file))
            try FileManager.default.copyItem(
                at: directory.appendingPathComponent(file),
                to: other.appendingPathComponent(file)
            )
        }
        #expect(throws: FixtureError(.pki, "")) { try DevelopmentPKI.initialize(directory: other) }
        #expect(throws: FixtureError(.pki, "")) { try DevelopmentPKI.mint(communities: ["../escape"]) }
    }

    @Test("chains verify with swift-certificates' RFC 5280 verifier; the bad ones fail for their reason")
    func chains() async throws {
        let pki = try DevelopmentPKI.mint()
        let anchors = [pki.ca.certificate]
        let good = [pki.server, pki.client, pki.gatewayClient, pki.wrongHostServer, pki.noClientAuthClient]
        for good in good + pki.communities.compactMap(pki.community) {
            #expect(await Self.verify(good.certificate, anchors: anchors), "\(good.certificate.subject)")
        }
        #expect(pki.communities == DevelopmentPKI.defaultCommunities)
        #expect(await !Self.verify(pki.expiredClient.certificate, anchors: anchors))
        #expect(await !Self.verify(pki.expiredServer.certificate, anchors: anchors))
        #expect(await !Self.verify(pki.notYetValidClient.certificate, anchors: anchors))
        #expect(await !Self.verify(pki.otherCAClient.certificate, anchors: anchors))
        #expect(await Self.verify(pki.otherCAClient.certificate, anchors: [pki.otherCA.certificate]))
        // The expired and not-yet-valid ones verify at a time inside their validity: that is their only fault.
        let lastMonth = Date().addingTimeInterval(-30 * 86_400)
        let nextYear = Date().addingTimeInterval(200 * 86_400)
        #expect(await Self.verify(pki.expiredClient.certificate, anchors: anchors, at: lastMonth))
        #expect(await Self.verify(pki.expiredServer.certificate, anchors: anchors, at: lastMonth))
        #expect(await Self.verify(pki.notYetValidClient.certificate, anchors: anchors, at: nextYear))
    }

    @Test("extensions: CA, usages and names as specified")
    func extensions() throws {
        let pki = try DevelopmentPKI.mint(communities: ["north-imaging"])
        let ca = pki.ca.certificate.extensions
        #expect(try ca.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
        #expect(try ca.keyUsage?.keyCertSign == true)

        func usages(_ identity: DevelopmentPKI.Identity) throws -> [ExtendedKeyUsage.Usage] {
            Array(try identity.certificate.extensions.extendedKeyUsage ?? ExtendedKeyUsage())
        }
        func names(_ identity: DevelopmentPKI.Identity) throws -> [String] {
            Array(try identity.certificate.extensions.subjectAlternativeNames ?? SubjectAlternativeNames()).map(
                \.description
            )
        }
        let loopback = [#"DNSName("localhost")"#, "IPAddress([127, 0, 0, 1])"]
        #expect(try usages(pki.server) == [.serverAuth])
        #expect(try names(pki.server) == loopback)
        #expect(try usages(pki.client) == [.clientAuth])
        #expect(pki.client.certificate.subject.description == "CN=pacs.dev.example,O=XCA Gateway (development only)")
        #expect(try usages(pki.gatewayClient) == [.clientAuth])
        let community = try #require(pki.community("north-imaging"))
        #expect(try usages(community) == [.serverAuth, .clientAuth])
        #expect(try names(community) == loopback)
        #expect(try usages(pki.noClientAuthClient) == [.serverAuth])
        #expect(try names(pki.expiredServer) == loopback)
        #expect(try names(pki.wrongHostServer) == [#"DNSName("wrong.example")"#])
        #expect(try pki.server.certificate.extensions.basicConstraints == .notCertificateAuthority)
        #expect(pki.server.certificate.signatureAlgorithm == .ecdsaWithSHA256)
        #expect(pki.files["client-combined.pem"]?.contains("PRIVATE KEY") == true)
    }
}
