import Foundation
import Logging
import XCAAudit
import XCAAuditOutbox
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
    /// The gateway a checked configuration file describes. `listen` overrides the file's listener; the admin
    /// listener is `gateway.admin`'s (none when disabled), its bound port reported to `onAdminListening`.
    package convenience init(
        configuration: GatewayConfiguration,
        listen: (host: String, port: Int)? = nil,
        onAdminListening: (@Sendable (Int) async -> Void)? = nil,
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
        let audit = try AuditTrail.Configuration(configuration, listen: (transport.host, transport.port))
            .map { try AuditTrail(configuration: $0, logger: logger) }
        if audit == nil {
            logger.warning("auditing is off (audit.enabled: false): requests are not audited")
        } else if configuration.audit.pars == nil {
            logger.notice("no PARS configured (audit.pars): audit events are kept in the outbox only")
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
            audit: audit,
            shutdown: GatewayService.Shutdown(configuration),
            admin: configuration.gateway.admin.enabled
                ? AdminListenerSettings(
                    host: configuration.gateway.admin.listen.host,
                    port: configuration.gateway.admin.listen.port,
                    onListening: onAdminListening
                ) : nil,
            logger: logger,
            onListening: onListening
        )
    }
}

extension GatewayService.Shutdown {
    /// The drain and flush deadlines a checked configuration file describes.
    package init(_ configuration: GatewayConfiguration) {
        self.init(
            drainTimeout: configuration.gateway.shutdown.drainTimeout,
            flushTimeout: configuration.audit.shutdownFlushTimeout
        )
    }
}

extension AuditTrail.Configuration {
    /// The audit trail a checked configuration file describes; nil when auditing is switched off. `listen` is the
    /// listener actually used (it names the gateway when `audit.baseURL` is not set).
    package init?(_ configuration: GatewayConfiguration, listen: (host: String, port: Int)) throws {
        let audit = configuration.audit
        guard audit.enabled else { return nil }
        let authority = listen.host.contains(":") ? "[\(listen.host)]:\(listen.port)" : "\(listen.host):\(listen.port)"
        let settings = AuditSettings(
            asid: audit.asid,
            baseURL: audit.baseURL ?? "https://\(authority)",
            productName: audit.productName,
            format: audit.format == .pars ? .pars : .balp,
            queryAction: audit.queryAction == .read ? .read : .execute,
            processID: String(ProcessInfo.processInfo.processIdentifier)
        )
        let pars = try audit.pars.map { pars in
            PARSSink.Configuration(
                baseURL: pars.url,
                mode: PARSSink.Mode(rawValue: pars.mode.rawValue) ?? .put,
                tls: try CommunityTLS(
                    certificateChain: .file(pars.tls.certificate),
                    privateKey: .file(pars.tls.privateKey),
                    trustAnchors: pars.tls.trustAnchors.map(PEMSource.file),
                    minimumVersion: pars.tls.minimumVersion
                ),
                requestTimeout: pars.timeout
            )
        }
        self.init(
            settings: settings,
            outboxPath: audit.outbox,
            maxOutboxBytes: audit.maxOutboxBytes,
            retention: audit.retention,
            pars: pars,
            file: audit.file.map { NDJSONFileSink.Configuration(path: $0.path, maximumBytes: $0.maxBytes, keep: $0.keep) },
            stdout: audit.stdout,
            batchSize: audit.pars?.batchSize ?? 64
        )
    }
}
