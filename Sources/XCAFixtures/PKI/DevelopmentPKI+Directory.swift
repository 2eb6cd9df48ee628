import Foundation
import X509

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension DevelopmentPKI {
    /// What `initialize(directory:)` did: relative file paths created and kept, and the resulting material.
    public struct InitializationReport: Sendable {
        public let directory: URL
        public let created: [String]
        public let kept: [String]
        public let material: Material
    }

    /// The file side of the development PKI: load what exists, mint what is missing, never overwrite.
    struct PKIDirectory {
        let root: URL

        func initialize(entries: [Entry], now: Date) throws -> InitializationReport {
            for folder in ["", "communities", "bad"] {
                let url = folder.isEmpty ? root : root.appendingPathComponent(folder, isDirectory: true)
                do {
                    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                } catch {
                    throw FixtureError(.pki, "cannot create \(url.path): \(error.localizedDescription)")
                }
            }
            var identities: [String: Identity] = [:]
            var created: [String] = []
            var kept: [String] = []
            for entry in entries {
                var issuer: Identity?
                if let issuerPath = entry.issuerPath {
                    guard let found = identities[issuerPath] else {
                        throw FixtureError(.pki, "issuer \(issuerPath) of \(entry.path) is not loaded yet")
                    }
                    issuer = found
                }
                let certificateText = try read(entry.certificateFile)
                let keyText = try read(entry.keyFile)
                let identity: Identity
                switch (certificateText, keyText) {
                case (let certificateText?, let keyText?):
                    identity = try load(entry, certificate: certificateText, key: keyText, issuer: issuer)
                    kept += [entry.certificateFile, entry.keyFile]
                case (nil, let keyText?):
                    identity = try Identity.issue(
                        entry.profile,
                        key: parseKey(keyText, entry),
                        issuer: issuer,
                        now: now
                    )
                    try create(fileText(identity.certificatePEM), to: entry.certificateFile, mode: 0o644)
                    created.append(entry.certificateFile)
                    kept.append(entry.keyFile)
                case (nil, nil):
                    identity = try Identity.issue(entry.profile, key: .p256(), issuer: issuer, now: now)
                    try create(fileText(identity.privateKeyPEM), to: entry.keyFile, mode: 0o600)
                    try create(fileText(identity.certificatePEM), to: entry.certificateFile, mode: 0o644)
                    created += [entry.keyFile, entry.certificateFile]
                case (.some, nil):
                    throw FixtureError(
                        .pki,
                        "\(entry.certificateFile) exists without \(entry.keyFile): remove it to mint a new identity"
                    )
                }
                identities[entry.path] = identity
            }
            let communities = entries.compactMap { entry -> String? in
                entry.path.hasPrefix("communities/") ? String(entry.path.dropFirst("communities/".count)) : nil
            }
            let material = try Material(identities: identities, communities: communities)
            if try read(Path.clientCombinedFile) == nil {
                try create(fileText(material.client.combinedPEM), to: Path.clientCombinedFile, mode: 0o600)
                created.append(Path.clientCombinedFile)
            } else {
                kept.append(Path.clientCombinedFile)
            }
            return InitializationReport(directory: root, created: created, kept: kept, material: material)
        }

        /// An existing pair: the key must match the certificate, and the certificate must be signed by its issuer.
        private func load(
            _ entry: Entry,
            certificate text: String,
            key keyText: String,
            issuer: Identity?
        ) throws
            -> Identity
        {
            let certificate: Certificate
            do {
                certificate = try Certificate(pemEncoded: text)
            } catch {
                throw FixtureError(.pki, "\(entry.certificateFile) is not a PEM certificate")
            }
            let identity = try Identity(certificate: certificate, privateKey: parseKey(keyText, entry))
            let signer = issuer?.certificate ?? certificate
            guard certificate.issuer == signer.subject,
                signer.publicKey.isValidSignature(certificate.signature, for: certificate)
            else {
                throw FixtureError(
                    .pki,
                    "\(entry.certificateFile) was not issued by \(entry.issuerPath.map { $0 + ".pem" } ?? "itself"): remove it to re-mint"
                )
            }
            return identity
        }

        private func parseKey(_ text: String, _ entry: Entry) throws -> Certificate.PrivateKey {
            do {
                return try Certificate.PrivateKey(pemEncoded: text)
            } catch {
                throw FixtureError(.pki, "\(entry.keyFile) is not a PEM private key")
            }
        }

        /// The file's text, or nil when it does not exist.
        private func read(_ relativePath: String) throws -> String? {
            let url = root.appendingPathComponent(relativePath)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            do {
                return try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw FixtureError(.pki, "cannot read \(url.path): \(error.localizedDescription)")
            }
        }

        /// Creates the file exclusively (O_EXCL: an existing file is never replaced) with exactly `mode`.
        private func create(_ text: String, to relativePath: String, mode: mode_t) throws {
            let path = root.appendingPathComponent(relativePath).path
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            guard descriptor >= 0 else {
                throw FixtureError(.pki, "cannot create \(path): \(String(cString: strerror(errno)))")
            }
            defer { close(descriptor) }
            guard fchmod(descriptor, mode) == 0 else {
                throw FixtureError(.pki, "cannot set the mode of \(path): \(String(cString: strerror(errno)))")
            }
            let bytes = Array(text.utf8)
            var written = 0
            while written < bytes.count {
                let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                if result < 0 {
                    if errno == EINTR { continue }
                    throw FixtureError(.pki, "cannot write \(path): \(String(cString: strerror(errno)))")
                }
                written += result
            }
        }
    }
}
