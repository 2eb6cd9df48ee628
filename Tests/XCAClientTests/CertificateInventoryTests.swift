import Foundation
import Testing
import XCAClient
import XCAFixtures

/// `CertificateInventory` over real PEM files of a development PKI minted for the test.
@Suite("XCAClient: certificate inventory")
struct CertificateInventoryTests {
    /// A development PKI minted at `now` into a temporary directory, removed after `body`.
    func withPKI<T>(now: Date = Date(), _ body: (String) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xca-certs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try DevelopmentPKI.initialize(directory: directory, now: now)
        return try body(directory.path)
    }

    @Test("A fresh development PKI: every certificate in use ok, the bad/ ones left out")
    func fresh() throws {
        try withPKI { directory in
            let uses = CertificateInventory.developmentPKI(directory: directory)
            #expect(uses.count == 4 + DevelopmentPKI.defaultCommunities.count)
            #expect(!uses.contains { $0.path.contains("/bad/") })
            let inventory = CertificateInventory(uses)
            #expect(inventory.checks.count == uses.count)
            #expect(inventory.checks.allSatisfy { $0.status == .ok })
            #expect(!inventory.hasFailures)
            let client = try #require(inventory.checks.first { $0.path.hasSuffix("/client.pem") })
            #expect(client.subject?.contains("CN=pacs.dev.example") == true)
            #expect((729...731).contains(client.daysLeft ?? 0))
        }
    }

    @Test("Leaves ending in about ten days: warnings within 30 days, not failures; ok with a 5-day threshold")
    func warning() throws {
        let year: TimeInterval = 365 * 86_400
        let minted = Date().addingTimeInterval(-(2 * year - 10 * 86_400))
        try withPKI(now: minted) { directory in
            let uses = CertificateInventory.developmentPKI(directory: directory)
            let inventory = CertificateInventory(uses, warningDays: 30)
            let isCA: (CertificateCheck) -> Bool = { URL(fileURLWithPath: $0.path).lastPathComponent == "ca.pem" }
            let ca = inventory.checks.filter(isCA)
            let leaves = inventory.checks.filter { check in !isCA(check) }
            #expect(ca.map(\.status) == [.ok])
            #expect(leaves.count == uses.count - 1)
            let endingSoon = leaves.filter { $0.status == .warning && ($0.daysLeft ?? -1) < 11 }
            #expect(endingSoon.count == leaves.count)
            #expect(!inventory.hasFailures)
            #expect(CertificateInventory(uses, warningDays: 5).checks.allSatisfy { $0.status == .ok })
        }
    }

    @Test("Expired, not yet valid, missing, a key instead of a certificate: failures, each said")
    func failures() throws {
        try withPKI { directory in
            let inventory = CertificateInventory([
                CertificateUse("expired", path: directory + "/bad/expired-client.pem"),
                CertificateUse("future", path: directory + "/bad/not-yet-valid-client.pem"),
                CertificateUse("missing", path: directory + "/nope.pem"),
                CertificateUse("key", path: directory + "/client-key.pem"),
            ])
            #expect(inventory.checks.map(\.status) == [.expired, .notYetValid, .unreadable, .unreadable])
            #expect(inventory.checks[0].daysLeft.map { $0 < 0 } == true)
            #expect(inventory.checks[2].problem == "no such file")
            #expect(inventory.hasFailures)
        }
    }

    @Test("A file used twice is read once, its uses joined; a chain lists each certificate")
    func sharedAndChains() throws {
        try withPKI { directory in
            let chain = directory + "/chain.pem"
            let leaf = try String(contentsOfFile: directory + "/client.pem", encoding: .utf8)
            let ca = try String(contentsOfFile: directory + "/ca.pem", encoding: .utf8)
            try (leaf + ca).write(toFile: chain, atomically: true, encoding: .utf8)
            let inventory = CertificateInventory([
                CertificateUse("gateway trust anchor", path: directory + "/ca.pem"),
                CertificateUse("community trust anchor", path: directory + "/ca.pem"),
                CertificateUse("client chain", path: chain),
            ])
            #expect(inventory.checks.count == 3)
            #expect(inventory.checks[0].uses == ["gateway trust anchor", "community trust anchor"])
            #expect(inventory.checks[1].position == 1 && inventory.checks[2].position == 2)
            #expect(inventory.checks[2].subject == inventory.checks[0].subject)
        }
    }
}
