import XCAFixtures
import XCATransport

extension PARSFixture {
    /// The fixture PARS's transport from a development PKI: the PKI's `server` identity (`localhost`, `127.0.0.1`),
    /// the PKI's CA as the only trust anchor for callers (the gateway presents `gateway-client`).
    package static func transport(
        pki: DevelopmentPKI.Material,
        host: String = "127.0.0.1",
        port: Int = 0,
        limits: HTTPSServerConfiguration.Limits = .init()
    ) -> HTTPSServerConfiguration {
        HTTPSServerConfiguration(
            host: host,
            port: port,
            tls: .init(
                certificateChain: .pem(pki.server.certificatePEM),
                privateKey: .pem(pki.server.privateKeyPEM),
                trustAnchors: [.pem(pki.ca.certificatePEM)]
            ),
            limits: limits
        )
    }
}
