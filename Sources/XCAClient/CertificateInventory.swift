import Foundation
import X509

/// Every certificate in use with its days to expiry (`xca-gateway certs check`): each file read once, each
/// certificate in it judged at `now` — expired, not yet valid, ending within `warningDays` (a warning, not a
/// failure), or fine. Files: the certificates a configuration names, or the development PKI.
public struct CertificateInventory: Sendable {
    public var checks: [CertificateCheck]
    public var now: Date
    public var warningDays: Int

    /// Reads and judges every certificate of `uses` (files used several times are read once, their uses joined).
    public init(_ uses: [CertificateUse], now: Date = Date(), warningDays: Int = 30) {
        self.now = now
        self.warningDays = warningDays
        var order: [String] = []
        var usesByPath: [String: [String]] = [:]
        for use in uses {
            if usesByPath[use.path] == nil { order.append(use.path) }
            if !(usesByPath[use.path]?.contains(use.use) ?? false) { usesByPath[use.path, default: []].append(use.use) }
        }
        checks = order.flatMap { path in
            Self.check(path, uses: usesByPath[path] ?? [], now: now, warningDays: warningDays)
        }
    }

    /// Whether any certificate is expired, not yet valid or unreadable.
    public var hasFailures: Bool { checks.contains { $0.status.isFailure } }

    public func count(_ status: CertificateStatus) -> Int { checks.filter { $0.status == status }.count }

    /// The certificates of the development PKI in `directory` (as `pki init` lays it out; the deliberately bad
    /// certificates under `bad/` are not in use and are left out).
    public static func developmentPKI(directory: String) -> [CertificateUse] {
        var uses = [
            CertificateUse(
                "development CA (trust anchor of gateway, callers and communities)",
                path: directory + "/ca.pem"
            ),
            CertificateUse("gateway server identity", path: directory + "/server.pem"),
            CertificateUse("gateway client identity (towards communities)", path: directory + "/gateway-client.pem"),
            CertificateUse("caller client identity (PACS, client commands)", path: directory + "/client.pem"),
        ]
        let communities = directory + "/communities"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: communities)) ?? []
        for name in names.sorted() where name.hasSuffix(".pem") && !name.hasSuffix("-key.pem") {
            uses.append(CertificateUse("community \(name.dropLast(4)) server identity", path: communities + "/" + name))
        }
        return uses
    }

    private static func check(_ path: String, uses: [String], now: Date, warningDays: Int) -> [CertificateCheck] {
        func unreadable(_ problem: String) -> [CertificateCheck] {
            [CertificateCheck(uses: uses, path: path, status: .unreadable, problem: problem)]
        }
        guard FileManager.default.fileExists(atPath: path) else { return unreadable("no such file") }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20 else {
            return unreadable("cannot be read")
        }
        let blocks = pemCertificates(String(decoding: data, as: UTF8.self))
        guard !blocks.isEmpty else { return unreadable("holds no PEM certificate") }
        return blocks.enumerated().map { index, block in
            guard let certificate = try? Certificate(pemEncoded: block) else {
                return CertificateCheck(
                    uses: uses,
                    path: path,
                    position: index + 1,
                    status: .unreadable,
                    problem: "certificate \(index + 1) is not a valid X.509 certificate"
                )
            }
            let notAfter = certificate.notValidAfter
            let days = Int((notAfter.timeIntervalSince(now) / 86_400).rounded(.down))
            let status: CertificateStatus =
                if notAfter < now { .expired } else if certificate.notValidBefore > now {
                    .notYetValid
                } else if days < warningDays { .warning } else { .ok }
            return CertificateCheck(
                uses: uses,
                path: path,
                position: index + 1,
                subject: certificate.subject.description,
                notValidBefore: certificate.notValidBefore,
                notValidAfter: notAfter,
                daysLeft: days,
                status: status
            )
        }
    }

    /// The `CERTIFICATE` blocks of PEM text, each from its BEGIN to its END line (text around them, such as the
    /// development PKI's `# DEVELOPMENT ONLY` line, is ignored).
    static func pemCertificates(_ text: String) -> [String] {
        let begin = "-----BEGIN CERTIFICATE-----"
        let end = "-----END CERTIFICATE-----"
        var blocks: [String] = []
        var rest = text[...]
        while let start = rest.range(of: begin), let stop = rest[start.upperBound...].range(of: end) {
            blocks.append(String(rest[start.lowerBound..<stop.upperBound]))
            rest = rest[stop.upperBound...]
        }
        return blocks
    }
}
