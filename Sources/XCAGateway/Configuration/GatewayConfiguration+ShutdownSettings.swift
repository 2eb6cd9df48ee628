extension GatewayConfiguration {
    /// How the gateway stops on SIGTERM or SIGINT (the `gateway.shutdown:` section; docs/operations.md): it stops
    /// accepting at once and lets the requests in flight finish for up to `drainTimeout`, then cancels what is left
    /// (audited as aborted) and flushes the audit outbox (`audit.shutdownFlushTimeout`).
    package struct ShutdownSettings: Sendable, Hashable {
        /// How long requests in flight may take to finish. A retrieve relaying a large study streams for as long as
        /// the caller reads it: allow for the longest transfer worth finishing. Default 30 s.
        package var drainTimeout: Duration

        package init(drainTimeout: Duration = .seconds(30)) {
            self.drainTimeout = drainTimeout
        }
    }
}
