import NIOSSL
import X509

/// Loads PEM certificates and keys for NIOSSL (and swift-certificates), with errors that name what failed.
enum TLSMaterial {
    static func certificates(_ source: PEMSource, role: String) throws -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            switch source {
            case .file(let path): certificates = try NIOSSLCertificate.fromPEMFile(path)
            case .pem(let text): certificates = try NIOSSLCertificate.fromPEMBytes(Array(text.utf8))
            }
        } catch {
            throw TransportError(.tlsConfiguration, "\(role): \(describe(source)) holds no readable PEM certificate")
        }
        guard !certificates.isEmpty else {
            throw TransportError(.tlsConfiguration, "\(role): \(describe(source)) holds no PEM certificate")
        }
        return certificates
    }

    static func privateKey(_ source: PEMSource, role: String) throws -> NIOSSLPrivateKey {
        do {
            switch source {
            case .file(let path): return try NIOSSLPrivateKey(file: path, format: .pem)
            case .pem(let text): return try NIOSSLPrivateKey(bytes: Array(text.utf8), format: .pem)
            }
        } catch {
            throw TransportError(.tlsConfiguration, "\(role): \(describe(source)) holds no readable PEM private key")
        }
    }

    /// Trust anchors as swift-certificates values (for the RFC 5280 verifier).
    static func x509(_ certificates: [NIOSSLCertificate], role: String) throws -> [Certificate] {
        do {
            return try certificates.map { try Certificate(derEncoded: $0.toDERBytes()) }
        } catch {
            throw TransportError(.tlsConfiguration, "\(role): a certificate cannot be parsed as X.509")
        }
    }

    private static func describe(_ source: PEMSource) -> String {
        switch source {
        case .file(let path): "file \(path)"
        case .pem: "the PEM text"
        }
    }
}
