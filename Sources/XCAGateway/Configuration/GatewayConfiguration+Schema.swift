import XCAModel

/// The one table of the configuration file's keys: it reads the file, refuses unknown keys and renders the key
/// table of `docs/configuration.md` (a test checks the document against ``GatewayConfiguration/keys``).
extension GatewayConfiguration {
    /// Every documented key, in file order.
    package static var keys: [ConfigurationKey] { schema.document(prefix: "", defaults: schema.defaults) }

    /// The key table of `docs/configuration.md`.
    package static var markdownTable: String {
        ([ConfigurationKey.markdownHeader] + keys.map(\.markdownRow)).joined(separator: "\n")
    }

    static let schema = ConfigurationSection<GatewayConfiguration>(
        defaults: GatewayConfiguration(gateway: .placeholder, communities: []),
        [
            .section("gateway", \.gateway, gatewaySection, required: true, "The gateway itself."),
            .section("query", \.query, querySection, "Cross Gateway Query (ITI-38) fan-out."),
            .section("retrieve", \.retrieve, retrieveSection, "Cross Gateway Retrieve (ITI-39) and RAD-75 fan-out."),
            .section("outbound", \.outbound, outboundSection, "The HTTPS client towards communities."),
            .section("circuitBreaker", \.circuitBreaker, circuitBreakerSection, "The circuit breaker per community."),
            .section("audit", \.audit, auditSection, "The PARS audit trail: FHIR R4 AuditEvents, outbox, delivery."),
            .list(
                "communities",
                \.communities,
                of: communitySection,
                minimum: 1,
                "The Responding Gateways federated, at least one."
            ),
        ]
    )

    private static let gatewaySection = ConfigurationSection<GatewaySettings>(
        defaults: .placeholder,
        [
            .value(
                "homeCommunityId",
                \.homeCommunityID,
                .homeCommunityID,
                required: true,
                "The gateway's own homeCommunityId: the `location` of the errors it raises itself."
            ),
            .value(
                "listen",
                \.listen,
                .listenAddress,
                "Where the inbound HTTPS server listens; port 0 takes any free port."
            ),
            .section(
                "tls",
                \.tls,
                tlsSection(peer: "whose client certificates may call"),
                required: true,
                "The gateway's server identity and whom it accepts (mutual TLS)."
            ),
            .section("limits", \.limits, limitsSection, "What one caller may cost the inbound server."),
            .value(
                "stateDirectory",
                \.stateDirectory,
                .path("directory path"),
                "Where the gateway keeps what it writes; created at start-up if missing."
            ),
            .section("shutdown", \.shutdown, shutdownSection, "How the gateway stops on SIGTERM or SIGINT."),
            .section(
                "admin",
                \.admin,
                adminSection,
                "The admin listener: /metrics, /health/live, /health/ready over plain HTTP (docs/operations.md)."
            ),
        ]
    )

    private static let shutdownSection = ConfigurationSection<ShutdownSettings>(
        defaults: ShutdownSettings(),
        [
            .value(
                "drainTimeout",
                \.drainTimeout,
                .duration,
                "How long requests in flight may finish after SIGTERM before they are cancelled; allow for long retrieves."
            )
        ]
    )

    private static let adminSection = ConfigurationSection<AdminSettings>(
        defaults: AdminSettings(),
        [
            .value("enabled", \.enabled, .bool, "`false`: no admin listener (no metrics, no health probes)."),
            .value(
                "listen",
                \.listen,
                .listenAddress,
                "Where it listens; unauthenticated, so keep it on loopback (anything else is warned about)."
            ),
        ]
    )

    private static func tlsSection(peer: String) -> ConfigurationSection<TLSFiles> {
        ConfigurationSection<TLSFiles>(
            defaults: .placeholder,
            [
                .value(
                    "certificate",
                    \.certificate,
                    .path("file path"),
                    required: true,
                    "PEM certificate chain, leaf first."
                ),
                .value(
                    "privateKey",
                    \.privateKey,
                    .path("file path"),
                    required: true,
                    "PEM private key of the leaf (PKCS#8, SEC1 or PKCS#1; not encrypted); keep it mode 0600."
                ),
                .value(
                    "trustAnchors",
                    \.trustAnchors,
                    ConfigurationValueType.path("file path").list(
                        minimum: 1,
                        of: "file paths"
                    ),
                    required: true,
                    "PEM files of the CAs \(peer) (at least one; never the system store)."
                ),
                .value("minimumVersion", \.minimumVersion, .tlsVersion, "The oldest TLS version accepted."),
            ]
        )
    }

    private static let limitsSection = ConfigurationSection<Limits>(
        defaults: Limits(),
        [
            .value(
                "maxHeaderBytes",
                \.maxHeaderBytes,
                .size,
                "Request line plus header fields; over it the caller gets 431."
            ),
            .value(
                "maxBodyBytes",
                \.maxBodyBytes,
                .size,
                "Request body, counted as it streams; over it the caller gets 413."
            ),
            .value(
                "requestTimeout",
                \.requestTimeout,
                .duration,
                "From a request's head to its last body byte; over it the caller gets 408."
            ),
            .value(
                "idleTimeout",
                \.idleTimeout,
                .duration,
                "A connection without a request is closed after this; it also bounds the TLS handshake."
            ),
            .value(
                "maxConnections",
                \.maxConnections,
                .count,
                "Open connections; beyond it requests get 503, beyond twice it connections are refused."
            ),
            .value(
                "maxConcurrentRequests",
                \.maxConcurrentRequests,
                .count,
                "Requests handled at once; past it a request gets 503 at once (a SOAP Receiver fault for SOAP), not a queue."
            ),
        ]
    )

    private static let querySection = ConfigurationSection<QuerySettings>(
        defaults: QuerySettings(),
        [
            .value(
                "deadline",
                \.deadline,
                .duration,
                "One overall deadline per ITI-38 request; late communities are reported unavailable (PartialSuccess)."
            ),
            .value("maxResponseBytes", \.maxResponseBytes, .size, "The largest answer accepted from one community."),
            .value(
                "deduplicate",
                \.deduplicate,
                .choice,
                "Objects returned more than once: keep all, drop repeats of the same id and home, or of the same id."
            ),
        ]
    )

    private static let retrieveSection = ConfigurationSection<RetrieveSettings>(
        defaults: RetrieveSettings(),
        [
            .value(
                "deadline",
                \.deadline,
                .duration,
                "Until every community's answer has begun (the merged response's first part)."
            ),
            .value(
                "transferTimeout",
                \.transferTimeout,
                .duration,
                "The whole streamed transfer of one community's answer."
            ),
            .value(
                "maxInlineBytes",
                \.maxInlineBytes,
                .size,
                "The largest SOAP root part of a community's answer (inline base64 documents count here)."
            ),
            .value(
                "spoolDirectory",
                \.spoolDirectory,
                .path("directory path"),
                "Where parts are spooled; relative to `gateway.stateDirectory` when relative."
            ),
        ]
    )

    private static let outboundSection = ConfigurationSection<OutboundSettings>(
        defaults: OutboundSettings(),
        [
            .value("connectTimeout", \.connectTimeout, .duration, "Time to establish a TCP connection."),
            .value("idleTimeout", \.idleTimeout, .duration, "How long an idle pooled connection is kept."),
            .value(
                "maxConnectionsPerCommunity",
                \.maxConnectionsPerCommunity,
                .count,
                "Concurrent connections to one community endpoint; more requests queue."
            ),
        ]
    )

    private static let circuitBreakerSection = ConfigurationSection<CircuitBreakerSettings>(
        defaults: CircuitBreakerSettings(),
        [
            .value(
                "failureThreshold",
                \.failureThreshold,
                .count,
                "Consecutive failures that open a community's circuit (it is then skipped)."
            ),
            .value(
                "openDuration",
                \.openDuration,
                .duration,
                "How long an open circuit stays open before one trial request."
            ),
        ]
    )

    private static let communitySection = ConfigurationSection<CommunitySettings>(
        defaults: .placeholder,
        [
            .value(
                "name",
                \.name,
                .communityName,
                required: true,
                "A short unique name for logs, metrics and the command line."
            ),
            .value(
                "homeCommunityId",
                \.homeCommunityID,
                .homeCommunityID,
                required: true,
                "The community's homeCommunityId (unique, not the gateway's own)."
            ),
            .value("enabled", \.enabled, .bool, "`false` keeps the community out of every fan-out."),
            .section(
                "endpoints",
                \.endpoints,
                endpointSection,
                required: true,
                "Its https endpoints; at least one."
            ),
            .section(
                "tls",
                \.tls,
                tlsSection(peer: "its server certificate must chain to"),
                required: true,
                "The client identity the gateway presents to this community, and whom it trusts there."
            ),
            .value("timeout", \.timeout, .duration, "How long one call to this community may take."),
            .value(
                "maxConcurrentRequests",
                \.maxConcurrentRequests,
                .count,
                "Requests in flight to this community at once; more wait."
            ),
            .value(
                "repositories",
                \.repositories,
                ConfigurationValueType.repositoryUniqueID.list(of: "OIDs"),
                "repositoryUniqueIds of the document repositories it serves."
            ),
            .value(
                "imagingDocumentSources",
                \.imagingDocumentSources,
                ConfigurationValueType.repositoryUniqueID.list(of: "OIDs"),
                "repositoryUniqueIds of the Imaging Document Sources it serves."
            ),
            .section("quirks", \.quirks, quirkSection, "How the gateway repairs or bounds this community's answers."),
        ]
    )

    private static let endpointSection = ConfigurationSection<EndpointSettings>(
        defaults: EndpointSettings(),
        [
            .value("query", \.query, ConfigurationValueType.httpsURL.optional(), "Cross Gateway Query (ITI-38)."),
            .value(
                "retrieve",
                \.retrieve,
                ConfigurationValueType.httpsURL.optional(),
                "Cross Gateway Retrieve (ITI-39)."
            ),
            .value(
                "imagingRetrieve",
                \.imagingRetrieve,
                ConfigurationValueType.httpsURL.optional(),
                "Cross-Community Retrieve Imaging Document Set (RAD-75)."
            ),
        ]
    )

    private static let quirkSection = ConfigurationSection<QuirkSettings>(
        defaults: QuirkSettings(),
        [
            .value(
                "stampMissingHome",
                \.stampMissingHome,
                .bool,
                "Stamp the community's homeCommunityId as `home` on returned objects that lack it."
            ),
            .value(
                "acceptInlineDocuments",
                \.acceptInlineDocuments,
                .bool,
                "Accept documents sent inline as base64 instead of MTOM attachments."
            ),
            .value(
                "maxDocumentsPerRetrieve",
                \.maxDocumentsPerRetrieve,
                ConfigurationValueType.count.optional(),
                "Split a retrieve into requests of at most this many documents; none: one request."
            ),
        ]
    )
}

extension GatewayConfiguration {
    private static let auditSection = ConfigurationSection<AuditSettings>(
        defaults: AuditSettings(),
        [
            .value("enabled", \.enabled, .bool, "Audit every request; false only to measure the audit's cost."),
            .value("asid", \.asid, .asid, "The gateway's Spine ASID: source.observer and the gateway's own agent."),
            .value(
                "baseURL",
                \.baseURL,
                ConfigurationValueType.httpsURL.optional(none: "https:// + gateway.listen"),
                "The gateway's URL as callers know it: source.site; plus /xca or /xcai, its agent's address."
            ),
            .value("productName", \.productName, .text, "source.observer.display and the productIdentifier detail."),
            .value("format", \.format, .choice, "How PARS receives events: England-AuditEvent-PARS or IHE BALP."),
            .value(
                "queryAction",
                \.queryAction,
                .choice,
                "ITI-38 action code in the PARS format: R as NIR states it, E as IHE and DICOM do."
            ),
            .value(
                "outbox",
                \.outbox,
                .path("file path"),
                "The durable outbox (SQLite); relative to gateway.stateDirectory."
            ),
            .value(
                "maxOutboxBytes",
                \.maxOutboxBytes,
                ConfigurationValueType.size.optional(),
                "High-water mark of the outbox: past it requests are refused (no audit, no access)."
            ),
            .value("retention", \.retention, .duration, "How long delivered events stay in the local store."),
            .section("pars", \.parsSection, parsSection, "Delivery to PARS, a FHIR R4 AuditEvent endpoint; none: not sent."),
            .section("file", \.fileSection, fileSinkSection, "An NDJSON file of every event, rotated by size; none: no file."),
            .value("stdout", \.stdout, .bool, "Every event on standard output too (development)."),
            .value(
                "shutdownFlushTimeout",
                \.shutdownFlushTimeout,
                .duration,
                "At shutdown, after the drain: how long delivery may go on emptying the outbox; the rest waits for the next start."
            ),
        ]
    )

    private static let parsSection = ConfigurationSection<PARSSettings>(
        defaults: PARSSettings(),
        [
            .value("url", \.url, .httpsURL, required: true, "The FHIR R4 base URL (…/FHIR/R4)."),
            .value(
                "mode",
                \.mode,
                .choice,
                "put: idempotent PUT AuditEvent/{id}; post: POST AuditEvent; batch: batch Bundles of PUTs."
            ),
            .value("batchSize", \.batchSize, .count, "Events per Bundle (batch) and per delivery round."),
            .value("timeout", \.timeout, .duration, "Deadline of one request to PARS."),
            .section(
                "tls",
                \.tls,
                tlsSection(peer: "PARS's server certificate must chain to"),
                required: true,
                "The gateway's client identity towards PARS and whom it trusts."
            ),
        ]
    )

    private static let fileSinkSection = ConfigurationSection<FileSinkSettings>(
        defaults: FileSinkSettings(),
        [
            .value("path", \.path, .path("file path"), "The NDJSON file; relative to gateway.stateDirectory."),
            .value("maxBytes", \.maxBytes, .size, "Size at which the file is rotated (FILE.1 … FILE.keep)."),
            .value("keep", \.keep, .count, "Rotated files kept."),
        ]
    )
}

extension GatewayConfiguration.GatewaySettings {
    /// The defaults with the required values empty (their absence is reported on their own).
    static let placeholder = Self(homeCommunityID: HomeCommunityID(rawValue: ""), tls: .placeholder)
}

extension GatewayConfiguration.TLSFiles {
    static let placeholder = Self(certificate: "", privateKey: "", trustAnchors: [])
}

extension GatewayConfiguration.CommunitySettings {
    static let placeholder = Self(
        name: "",
        homeCommunityID: HomeCommunityID(rawValue: ""),
        endpoints: .init(),
        tls: .placeholder
    )
}
