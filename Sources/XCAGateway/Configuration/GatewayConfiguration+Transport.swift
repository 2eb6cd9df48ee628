import XCATransport

extension GatewayConfiguration {
    /// The inbound server's configuration: `gateway.listen`, `gateway.tls` and `gateway.limits`.
    package var serverConfiguration: HTTPSServerConfiguration {
        HTTPSServerConfiguration(
            host: gateway.listen.host,
            port: gateway.listen.port,
            tls: HTTPSServerConfiguration.TLS(
                certificateChain: .file(gateway.tls.certificate),
                privateKey: .file(gateway.tls.privateKey),
                trustAnchors: gateway.tls.trustAnchors.map(PEMSource.file),
                minimumVersion: gateway.tls.minimumVersion
            ),
            limits: HTTPSServerConfiguration.Limits(
                maxHeaderBytes: gateway.limits.maxHeaderBytes,
                maxBodyBytes: gateway.limits.maxBodyBytes,
                idleTimeout: gateway.limits.idleTimeout,
                requestTimeout: gateway.limits.requestTimeout,
                maxConnections: gateway.limits.maxConnections,
                maxConcurrentRequests: gateway.limits.maxConcurrentRequests
            )
        )
    }

    /// The outbound client's configuration (`outbound`).
    package var clientConfiguration: CommunityHTTPClient.Configuration {
        CommunityHTTPClient.Configuration(
            connectTimeout: outbound.connectTimeout,
            idleTimeout: outbound.idleTimeout,
            maxConnectionsPerEndpoint: outbound.maxConnectionsPerCommunity
        )
    }
}

extension GatewayConfiguration.CommunitySettings {
    /// The TLS the gateway uses towards this community, read from its files (throws `TransportError` when they
    /// cannot be used; a loaded configuration has already checked them).
    package func communityTLS() throws -> CommunityTLS {
        try CommunityTLS(
            certificateChain: .file(tls.certificate),
            privateKey: .file(tls.privateKey),
            trustAnchors: tls.trustAnchors.map(PEMSource.file),
            minimumVersion: tls.minimumVersion
        )
    }
}
