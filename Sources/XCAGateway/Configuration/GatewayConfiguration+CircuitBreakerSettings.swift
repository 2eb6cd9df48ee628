extension GatewayConfiguration {
    /// The circuit breaker kept per community (the `circuitBreaker:` section): after `failureThreshold` failures
    /// in a row the community is skipped (reported as unavailable without being called) for `openDuration`, then
    /// tried again with one request.
    package struct CircuitBreakerSettings: Sendable, Hashable {
        /// Consecutive failures (errors, timeouts) that open the circuit. Default 5.
        package var failureThreshold: Int
        /// How long an open circuit stays open before one trial request. Default 30 s.
        package var openDuration: Duration

        package init(failureThreshold: Int = 5, openDuration: Duration = .seconds(30)) {
            self.failureThreshold = failureThreshold
            self.openDuration = openDuration
        }
    }
}
