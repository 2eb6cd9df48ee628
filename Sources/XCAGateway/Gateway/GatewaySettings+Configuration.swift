import Logging
import XCABinding
import XCAFederation
import XCATransport

extension GatewaySettings {
    /// The pipeline settings a checked configuration file describes.
    package init(_ configuration: GatewayConfiguration) {
        let deduplication: QueryResponseMerger.Deduplication =
            switch configuration.query.deduplicate {
            case .off: .off
            case .byIdAndHome: .byIDAndHome
            case .byId: .byID
            }
        self.init(
            homeCommunityID: configuration.gateway.homeCommunityID,
            queryDeadline: configuration.query.deadline,
            maxQueryResponseBytes: configuration.query.maxResponseBytes,
            deduplication: deduplication,
            retrieveDeadline: configuration.retrieve.deadline,
            transferTimeout: configuration.retrieve.transferTimeout,
            maxInlineBytes: configuration.retrieve.maxInlineBytes,
            spoolDirectory: configuration.retrieve.spoolDirectory,
            maxRequestBytes: configuration.gateway.limits.maxBodyBytes
        )
    }
}

extension CommunityLink {
    /// A configured community: the directory's record and its TLS (reads the PEM files).
    package init(_ settings: GatewayConfiguration.CommunitySettings) throws {
        self.init(
            community: Community(
                name: settings.name,
                homeCommunityID: settings.homeCommunityID,
                endpoints: CommunityEndpoints(
                    query: settings.endpoints.query,
                    retrieve: settings.endpoints.retrieve,
                    imagingRetrieve: settings.endpoints.imagingRetrieve
                ),
                timeout: settings.timeout,
                maxConcurrentRequests: settings.maxConcurrentRequests,
                isEnabled: settings.enabled,
                repositoryUniqueIDs: Set(settings.repositories),
                imagingDocumentSourceIDs: Set(settings.imagingDocumentSources),
                quirks: CommunityQuirks(
                    stampMissingHome: settings.quirks.stampMissingHome,
                    acceptInlineDocuments: settings.quirks.acceptInlineDocuments,
                    maxDocumentsPerRetrieve: settings.quirks.maxDocumentsPerRetrieve
                )
            ),
            tls: settings.enabled ? try settings.communityTLS() : try? settings.communityTLS()
        )
    }
}

extension GatewayService {
    /// The gateway a checked configuration file describes. `listen` overrides the file's listener.
    package convenience init(
        configuration: GatewayConfiguration,
        listen: (host: String, port: Int)? = nil,
        logger: Logger,
        onListening: (@Sendable (Int) async -> Void)? = nil
    ) async throws {
        var transport = configuration.serverConfiguration
        if let listen {
            transport.host = listen.host
            transport.port = listen.port
        }
        // A disabled community's files may be unusable (the check only warns): it is kept in the directory for
        // operators, without TLS, and never called.
        var links: [CommunityLink] = []
        for settings in configuration.communities {
            links.append(try CommunityLink(settings))
        }
        try await self.init(
            settings: GatewaySettings(configuration),
            links: links,
            transport: transport,
            outbound: configuration.clientConfiguration,
            circuitBreaker: CircuitBreaker.Configuration(
                failureThreshold: configuration.circuitBreaker.failureThreshold,
                openDuration: configuration.circuitBreaker.openDuration
            ),
            logger: logger,
            onListening: onListening
        )
    }
}
