extension GatewayConfiguration {
    /// Cross Gateway Query (ITI-38) fan-out (the `query:` section).
    package struct QuerySettings: Sendable, Hashable {
        /// How the merged answer drops objects more than one community returned.
        package enum Deduplication: String, Sendable, Hashable, CaseIterable {
            /// Keep every object as returned.
            case off
            /// Drop an object whose id and `home` equal one already kept (the same object from the same community,
            /// e.g. reached through two endpoints).
            case byIdAndHome
            /// Drop an object whose id equals one already kept, whatever its `home`.
            case byId
        }

        /// One overall deadline per ITI-38 request; communities that have not answered by then become
        /// XDSUnavailableCommunity errors and the answer is PartialSuccess (ITI TF-2 3.38.4.1.3). Default 20 s.
        package var deadline: Duration
        /// The largest answer accepted from one community. Default 64 MiB.
        package var maxResponseBytes: Int
        /// Default `byIdAndHome`.
        package var deduplicate: Deduplication

        package init(
            deadline: Duration = .seconds(20),
            maxResponseBytes: Int = 64 << 20,
            deduplicate: Deduplication = .byIdAndHome
        ) {
            self.deadline = deadline
            self.maxResponseBytes = maxResponseBytes
            self.deduplicate = deduplicate
        }
    }
}
