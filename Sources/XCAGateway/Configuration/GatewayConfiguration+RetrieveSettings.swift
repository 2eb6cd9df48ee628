extension GatewayConfiguration {
    /// Cross Gateway Retrieve (ITI-39) and RAD-75 fan-out (the `retrieve:` section).
    package struct RetrieveSettings: Sendable, Hashable {
        /// Until every community's answer has begun, i.e. until the merged response's first part can be written.
        /// Default 30 s.
        package var deadline: Duration
        /// The whole streamed transfer of one community's answer. Default 1 h.
        package var transferTimeout: Duration
        /// The largest SOAP root part of a community's answer (documents sent inline as base64 count here).
        /// Default 64 MiB.
        package var maxInlineBytes: Int
        /// Where parts are spooled while the merged response is written; relative paths are resolved against
        /// `gateway.stateDirectory`. Default `spool`.
        package var spoolDirectory: String

        package init(
            deadline: Duration = .seconds(30),
            transferTimeout: Duration = .seconds(3_600),
            maxInlineBytes: Int = 64 << 20,
            spoolDirectory: String = "spool"
        ) {
            self.deadline = deadline
            self.transferTimeout = transferTimeout
            self.maxInlineBytes = maxInlineBytes
            self.spoolDirectory = spoolDirectory
        }
    }
}
