/// The gateway's configuration: one YAML file (see `docs/configuration.md`), read with
/// ``load(file:now:)`` or ``parse(yaml:baseDirectory:file:now:)``, which check everything up front and report every
/// problem at once with its path (`communities[2].tls.certificate: file not found (…)`).
///
/// Every setting has a default that runs except the gateway's identity (`gateway.homeCommunityId`, `gateway.tls`)
/// and the communities. File and directory paths are absolute once loaded (relative ones are resolved against the
/// configuration file's directory; `retrieve.spoolDirectory` against `gateway.stateDirectory`).
package struct GatewayConfiguration: Sendable {
    /// The gateway itself: its homeCommunityId, where it listens, its TLS identity and its inbound limits.
    package var gateway: GatewaySettings
    /// Cross Gateway Query (ITI-38) fan-out.
    package var query: QuerySettings
    /// Cross Gateway Retrieve (ITI-39) and Cross-Community Retrieve Imaging Document Set (RAD-75) fan-out.
    package var retrieve: RetrieveSettings
    /// The outbound HTTPS client towards communities.
    package var outbound: OutboundSettings
    /// The circuit breaker kept per community.
    package var circuitBreaker: CircuitBreakerSettings
    /// The PARS audit trail.
    package var audit: AuditSettings
    /// The Responding Gateways the gateway federates (ITI TF-1 27; NIR's regional networks), in file order.
    package var communities: [CommunitySettings]
    /// What loading noticed without refusing the configuration (a certificate expiring soon, a community timeout
    /// longer than the query deadline, …). Log them at start-up. Empty for a configuration built in code.
    package var warnings: [ConfigurationProblem]

    package init(
        gateway: GatewaySettings,
        query: QuerySettings = QuerySettings(),
        retrieve: RetrieveSettings = RetrieveSettings(),
        outbound: OutboundSettings = OutboundSettings(),
        circuitBreaker: CircuitBreakerSettings = CircuitBreakerSettings(),
        audit: AuditSettings = AuditSettings(),
        communities: [CommunitySettings],
        warnings: [ConfigurationProblem] = []
    ) {
        self.gateway = gateway
        self.query = query
        self.retrieve = retrieve
        self.outbound = outbound
        self.circuitBreaker = circuitBreaker
        self.audit = audit
        self.communities = communities
        self.warnings = warnings
    }

    /// The enabled communities (those a request fans out to).
    package var enabledCommunities: [CommunitySettings] { communities.filter(\.enabled) }

    /// The community with this name.
    package func community(named name: String) -> CommunitySettings? {
        communities.first { $0.name == name }
    }
}
