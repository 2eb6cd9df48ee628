import XCAFixtures
import XCATransport

extension FixtureGatewayServer {
    /// The transport configuration of `community`'s fixture Responding Gateway from a development PKI: the
    /// community's own identity (or, with the `expired-cert` fault, the PKI's expired server identity), the PKI's CA as
    /// the only trust anchor for callers, listening on `host:port`.
    package static func transport(
        community: String,
        pki: DevelopmentPKI.Material,
        host: String = "127.0.0.1",
        port: Int = 0,
        faults: FaultInjection = .none,
        limits: HTTPSServerConfiguration.Limits = .init()
    ) throws -> HTTPSServerConfiguration {
        let identity: DevelopmentPKI.Identity
        if faults.fault == .expiredCertificate {
            identity = pki.expiredServer
        } else {
            guard let own = pki.community(community) else {
                throw FixtureError(.pki, "the development PKI has no identity for community \(community): run pki init with it")
            }
            identity = own
        }
        return HTTPSServerConfiguration(
            host: host,
            port: port,
            tls: .init(
                certificateChain: .pem(identity.certificatePEM),
                privateKey: .pem(identity.privateKeyPEM),
                trustAnchors: [.pem(pki.ca.certificatePEM)]
            ),
            limits: limits
        )
    }
}
