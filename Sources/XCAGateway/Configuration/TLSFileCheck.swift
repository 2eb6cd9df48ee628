import Foundation
import X509

/// Checks the PEM files of one ``GatewayConfiguration/TLSFiles``: each file readable and PEM, the certificate
/// chain parseable with its leaf first, the private key unencrypted, readable and belonging to the leaf, every
/// certificate (chain and trust anchors) valid at `now` and not expiring within ``expiryWarning``. Files shared by
/// several sections are read once.
struct TLSFileCheck {
    /// Which side of a TLS handshake the identity is for (the extended key usage it should list).
    enum Role {
        case server
        case client

        var usage: ExtendedKeyUsage.Usage { self == .server ? .serverAuth : .clientAuth }
        var usageName: String { self == .server ? "serverAuth" : "clientAuth" }
    }

    /// Certificates ending sooner than this give a warning.
    static let expiryWarning: TimeInterval = 30 * 86_400
    /// Larger files are not PEM material.
    static let fileLimit = 1 << 20

    let now: Date
    private var reads: [String: Result<[PEMBlock], ConfigurationSyntax.SyntaxProblem>] = [:]

    init(now: Date) {
        self.now = now
    }

    /// Checks `files` (paths already absolute) at `path` (`gateway.tls`, `communities[2].tls`). What would refuse
    /// the configuration is reported with `severity` (a disabled community's files only warn).
    mutating func check(
        _ files: GatewayConfiguration.TLSFiles,
        at path: String,
        role: Role,
        severity: ConfigurationProblem.Severity,
        into diagnostics: inout ConfigurationDiagnostics
    ) {
        var report = Report(diagnostics: diagnostics, severity: severity)
        let leaf = checkChain(files.certificate, at: path + ".certificate", role: role, &report)
        if let key = checkKey(files.privateKey, at: path + ".privateKey", &report), let leaf,
            key.publicKey != leaf.publicKey
        {
            report.refuse(
                path + ".privateKey",
                "does not match the certificate in \(path).certificate (their public keys differ)"
            )
        }
        for (index, anchor) in files.trustAnchors.enumerated() where !anchor.isEmpty {
            let anchorPath = "\(path).trustAnchors[\(index)]"
            for (position, certificate) in certificates(anchor, at: anchorPath, &report).enumerated() {
                checkValidity(certificate, position: position, at: anchorPath, &report)
            }
        }
        diagnostics = report.diagnostics
    }

    /// The leaf of the chain in `file`, when it can be read.
    private mutating func checkChain(
        _ file: String,
        at path: String,
        role: Role,
        _ report: inout Report
    ) -> Certificate? {
        guard !file.isEmpty else { return nil }
        let chain = certificates(file, at: path, &report)
        for (position, certificate) in chain.enumerated() {
            checkValidity(certificate, position: position, at: path, &report)
        }
        guard let leaf = chain.first else { return nil }
        let usages = (try? leaf.extensions.extendedKeyUsage) ?? nil
        if !(usages?.contains(role.usage) ?? false) {
            report.diagnostics.warning(
                path,
                "does not list \(role.usageName) in its extended key usage: peers may refuse it"
            )
        }
        return leaf
    }

    /// The private key in `file`, when it can be read; warns when every user may read the file.
    private mutating func checkKey(_ file: String, at path: String, _ report: inout Report) -> Certificate.PrivateKey? {
        guard !file.isEmpty, let blocks = pemBlocks(file, at: path, &report) else { return nil }
        if blocks.contains(where: { $0.label == "ENCRYPTED PRIVATE KEY" }) {
            report.refuse(path, "the private key is encrypted: give it unencrypted and protect the file (mode 0600)")
            return nil
        }
        let keyLabels: Set<String> = ["PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"]
        guard let block = blocks.first(where: { keyLabels.contains($0.label) }) else {
            report.refuse(path, "holds no private key (\(Self.found(blocks)))")
            return nil
        }
        if let mode = ConfigurationFiles.mode(file), mode & 0o004 != 0 {
            report.diagnostics.warning(
                path,
                "is readable by every user (mode \(String(mode & 0o777, radix: 8))): make it 0600 (\(file))"
            )
        }
        do {
            return try Certificate.PrivateKey(pemEncoded: block.text)
        } catch {
            report.refuse(path, "the private key cannot be read (supported: ECDSA P-256, P-384, P-521, RSA, Ed25519)")
            return nil
        }
    }

    /// Every certificate in `file` (at least one, else a problem).
    private mutating func certificates(_ file: String, at path: String, _ report: inout Report) -> [Certificate] {
        guard let blocks = pemBlocks(file, at: path, &report) else { return [] }
        let certificateBlocks = blocks.filter { $0.label == "CERTIFICATE" }
        guard !certificateBlocks.isEmpty else {
            report.refuse(path, "holds no certificate (\(Self.found(blocks)))")
            return []
        }
        var certificates: [Certificate] = []
        for (position, block) in certificateBlocks.enumerated() {
            do {
                certificates.append(try Certificate(pemEncoded: block.text))
            } catch {
                report.refuse(path, "\(Self.name(position)) is not a valid X.509 certificate")
            }
        }
        return certificates
    }

    /// The PEM blocks of `file` (read once per check run), or nil after reporting why there are none.
    private mutating func pemBlocks(_ file: String, at path: String, _ report: inout Report) -> [PEMBlock]? {
        let result: Result<[PEMBlock], ConfigurationSyntax.SyntaxProblem>
        if let cached = reads[file] {
            result = cached
        } else {
            result = ConfigurationFiles.readText(file, limit: Self.fileLimit).flatMap { text in
                let blocks = PEMBlock.blocks(in: text)
                return blocks.isEmpty
                    ? .failure(.init("file is not PEM: no -----BEGIN block (\(file))")) : .success(blocks)
            }
            reads[file] = result
        }
        switch result {
        case .success(let blocks): return blocks
        case .failure(let problem):
            report.refuse(path, problem.reason)
            return nil
        }
    }

    private func checkValidity(_ certificate: Certificate, position: Int, at path: String, _ report: inout Report) {
        let subject = position == 0 ? "" : "\(Self.name(position)) (\(certificate.subject)) "
        if certificate.notValidAfter < now {
            report.refuse(path, "\(subject)expired on \(Self.day(certificate.notValidAfter))")
        } else if certificate.notValidBefore > now {
            report.refuse(path, "\(subject)is not valid until \(Self.day(certificate.notValidBefore))")
        } else if certificate.notValidAfter.timeIntervalSince(now) < Self.expiryWarning {
            let days = Int(certificate.notValidAfter.timeIntervalSince(now) / 86_400)
            let left = days == 0 ? "within a day" : days == 1 ? "in 1 day" : "in \(days) days"
            report.diagnostics.warning(path, "\(subject)expires \(left) (on \(Self.day(certificate.notValidAfter)))")
        }
    }

    /// `certificate 2` for the second certificate of a file.
    private static func name(_ position: Int) -> String { "certificate \(position + 1)" }

    private static func found(_ blocks: [PEMBlock]) -> String {
        "found: " + blocks.map(\.label).joined(separator: ", ")
    }

    /// `2025-01-31` (UTC).
    private static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }

    /// Problems of one check, with refusals at the check's severity.
    private struct Report {
        var diagnostics: ConfigurationDiagnostics
        let severity: ConfigurationProblem.Severity

        mutating func refuse(_ path: String, _ message: String) {
            diagnostics.add(path, message, severity)
        }
    }
}
