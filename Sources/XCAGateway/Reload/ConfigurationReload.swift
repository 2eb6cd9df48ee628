import XCAModel

/// What a reload (SIGHUP) changes, between the configuration in force and the one just loaded from the file
/// (docs/operations.md, "Reload"): communities added, removed and changed (matched by homeCommunityId), and the keys
/// that cannot change without a restart. ``applied`` is the loaded configuration with those keys kept at their
/// running values: what the gateway runs on once the reload is applied.
package struct ConfigurationReload: Sendable {
    package var applied: GatewayConfiguration
    /// Names of the communities the loaded file adds, removes, or changes (endpoints, timeout, cap, enabled,
    /// quirks, repositories, TLS file paths, name), in file order.
    package var added: [String]
    package var removed: [String]
    package var changed: [String]
    /// The keys whose new value waits for a restart, e.g. `gateway.listen`.
    package var needsRestart: [String]

    package init(running: GatewayConfiguration, loaded: GatewayConfiguration) {
        var applied = loaded
        var needsRestart: [String] = []
        for key in Self.restartOnly where key.differs(running, loaded) {
            needsRestart.append(key.path)
            key.keep(&applied, running)
        }
        applied.warnings = loaded.warnings
        let before = Dictionary(running.communities.map { ($0.homeCommunityID, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Set(applied.communities.map(\.homeCommunityID))
        self.applied = applied
        self.added = applied.communities.filter { before[$0.homeCommunityID] == nil }.map(\.name)
        self.removed = running.communities.filter { !after.contains($0.homeCommunityID) }.map(\.name)
        self.changed = applied.communities.filter { community in
            before[community.homeCommunityID].map { $0 != community } ?? false
        }.map(\.name)
        self.needsRestart = needsRestart
    }

    /// A key a running gateway cannot take over: where it listens and what a caller may cost, who it is, where it
    /// writes, the outbound pool, the circuit breakers' settings, the audit trail, how it stops.
    struct RestartOnlyKey: Sendable {
        let path: String
        let differs: @Sendable (GatewayConfiguration, GatewayConfiguration) -> Bool
        let keep: @Sendable (inout GatewayConfiguration, GatewayConfiguration) -> Void

        init<Value: Equatable & Sendable>(_ path: String, _ keyPath: any WritableKeyPath<GatewayConfiguration, Value> & Sendable) {
            self.path = path
            self.differs = { $0[keyPath: keyPath] != $1[keyPath: keyPath] }
            self.keep = { $0[keyPath: keyPath] = $1[keyPath: keyPath] }
        }
    }

    static let restartOnly: [RestartOnlyKey] = [
        RestartOnlyKey("gateway.homeCommunityId", \.gateway.homeCommunityID),
        RestartOnlyKey("gateway.listen", \.gateway.listen),
        RestartOnlyKey("gateway.limits.maxHeaderBytes", \.gateway.limits.maxHeaderBytes),
        RestartOnlyKey("gateway.limits.maxBodyBytes", \.gateway.limits.maxBodyBytes),
        RestartOnlyKey("gateway.limits.requestTimeout", \.gateway.limits.requestTimeout),
        RestartOnlyKey("gateway.limits.idleTimeout", \.gateway.limits.idleTimeout),
        RestartOnlyKey("gateway.limits.maxConnections", \.gateway.limits.maxConnections),
        RestartOnlyKey("gateway.limits.maxConcurrentRequests", \.gateway.limits.maxConcurrentRequests),
        RestartOnlyKey("gateway.stateDirectory", \.gateway.stateDirectory),
        RestartOnlyKey("gateway.shutdown.drainTimeout", \.gateway.shutdown.drainTimeout),
        RestartOnlyKey("gateway.admin.enabled", \.gateway.admin.enabled),
        RestartOnlyKey("gateway.admin.listen", \.gateway.admin.listen),
        RestartOnlyKey("retrieve.spoolDirectory", \.retrieve.spoolDirectory),
        RestartOnlyKey("outbound.connectTimeout", \.outbound.connectTimeout),
        RestartOnlyKey("outbound.idleTimeout", \.outbound.idleTimeout),
        RestartOnlyKey("outbound.maxConnectionsPerCommunity", \.outbound.maxConnectionsPerCommunity),
        RestartOnlyKey("circuitBreaker.failureThreshold", \.circuitBreaker.failureThreshold),
        RestartOnlyKey("circuitBreaker.openDuration", \.circuitBreaker.openDuration),
        RestartOnlyKey("audit.enabled", \.audit.enabled),
        RestartOnlyKey("audit.asid", \.audit.asid),
        RestartOnlyKey("audit.baseURL", \.audit.baseURL),
        RestartOnlyKey("audit.productName", \.audit.productName),
        RestartOnlyKey("audit.format", \.audit.format),
        RestartOnlyKey("audit.queryAction", \.audit.queryAction),
        RestartOnlyKey("audit.outbox", \.audit.outbox),
        RestartOnlyKey("audit.maxOutboxBytes", \.audit.maxOutboxBytes),
        RestartOnlyKey("audit.retention", \.audit.retention),
        RestartOnlyKey("audit.pars", \.audit.pars),
        RestartOnlyKey("audit.file", \.audit.file),
        RestartOnlyKey("audit.stdout", \.audit.stdout),
        RestartOnlyKey("audit.shutdownFlushTimeout", \.audit.shutdownFlushTimeout),
    ]
}
