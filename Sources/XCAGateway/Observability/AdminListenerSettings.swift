/// Where the admin listener of a ``GatewayService`` serves `/metrics`, `/health/live` and `/health/ready`
/// (plain HTTP, meant for loopback: `gateway.admin` in the configuration, `serve --admin-listen`).
package struct AdminListenerSettings: Sendable {
    /// Default `127.0.0.1` (loopback only).
    package var host: String
    /// Default 9464 (Prometheus' registry of exporter ports); 0 takes any free port, reported to `onListening`.
    package var port: Int
    /// Certificates ending within this many days are a readiness warning (not a failure), as in `certs check`.
    package var certificateWarningDays: Int
    /// Called with the bound port once the admin listener listens.
    package var onListening: (@Sendable (Int) async -> Void)?

    package static let defaultPort = 9464

    package init(
        host: String = "127.0.0.1",
        port: Int = AdminListenerSettings.defaultPort,
        certificateWarningDays: Int = 30,
        onListening: (@Sendable (Int) async -> Void)? = nil
    ) {
        self.host = host
        self.port = port
        self.certificateWarningDays = certificateWarningDays
        self.onListening = onListening
    }
}
