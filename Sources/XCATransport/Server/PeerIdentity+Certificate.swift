import Crypto
import Foundation
import X509

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension PeerIdentity {
    /// The identity in a DER-encoded leaf certificate.
    public init(leafCertificateDER der: [UInt8]) throws {
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: der)
        } catch {
            throw TransportError(.tlsHandshake, "the peer certificate cannot be parsed")
        }
        self.init(certificate: certificate, der: der)
    }

    /// The identity of `certificate`, whose DER encoding is `der`.
    init(certificate: Certificate, der: [UInt8]) {
        var names: [AlternativeName] = []
        if let alternatives = try? certificate.extensions.subjectAlternativeNames {
            for name in alternatives {
                switch name {
                case .dnsName(let dns): names.append(.dns(dns))
                case .uniformResourceIdentifier(let uri): names.append(.uri(uri))
                case .rfc822Name(let email): names.append(.email(email))
                case .ipAddress(let octets):
                    if let address = Self.ipAddressText(Array(octets.bytes)) { names.append(.ipAddress(address)) }
                default: break
                }
            }
        }
        self.init(
            subject: certificate.subject.description,
            issuer: certificate.issuer.description,
            serialNumber: Self.colonHex(certificate.serialNumber.bytes),
            subjectAlternativeNames: names,
            notValidBefore: certificate.notValidBefore,
            notValidAfter: certificate.notValidAfter,
            sha256Fingerprint: Self.hex(SHA256.hash(data: der))
        )
    }

    private static let digits = Array("0123456789abcdef".utf8)

    /// `01:0a:ff`: every byte as two lowercase hex digits (the audit format; `SerialNumber.description` drops zeros).
    static func colonHex(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3)
        for byte in bytes {
            if !out.isEmpty { out.append(UInt8(ascii: ":")) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Dotted IPv4 or RFC 5952 IPv6 text of 4 or 16 network-order bytes.
    static func ipAddressText(_ bytes: [UInt8]) -> String? {
        let family: Int32
        switch bytes.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let ok = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil
        }
        guard ok else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
