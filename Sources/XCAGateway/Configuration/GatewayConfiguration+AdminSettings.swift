extension GatewayConfiguration {
    /// The admin listener (`gateway.admin`): plain HTTP for the local Prometheus agent and the orchestrator's probes
    /// (`/metrics`, `/health/live`, `/health/ready`; docs/operations.md). Unauthenticated, so loopback by default.
    package struct AdminSettings: Sendable, Hashable {
        /// `false`: no admin listener. Default true.
        package var enabled: Bool
        /// Default `127.0.0.1:9464`; port 0 takes any free port.
        package var listen: ListenAddress

        package init(enabled: Bool = true, listen: ListenAddress = ListenAddress(port: AdminListenerSettings.defaultPort)) {
            self.enabled = enabled
            self.listen = listen
        }
    }
}
