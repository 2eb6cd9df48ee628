extension GatewayConfiguration {
    /// How the gateway repairs or bounds one community's answers (`communities[i].quirks`; protocol.md §6.3).
    package struct QuirkSettings: Sendable, Hashable {
        /// Stamp the community's homeCommunityId as `home` on returned objects that lack it
        /// (ITI TF-2 3.38.4.1.3: the Responding Gateway shall set it; some do not). Default `true`.
        package var stampMissingHome: Bool
        /// Accept documents sent inline as base64 instead of MTOM/XOP attachments. Default `true`.
        package var acceptInlineDocuments: Bool
        /// Split a retrieve into requests of at most this many documents for this community. Default none (one
        /// request).
        package var maxDocumentsPerRetrieve: Int?

        package init(
            stampMissingHome: Bool = true,
            acceptInlineDocuments: Bool = true,
            maxDocumentsPerRetrieve: Int? = nil
        ) {
            self.stampMissingHome = stampMissingHome
            self.acceptInlineDocuments = acceptInlineDocuments
            self.maxDocumentsPerRetrieve = maxDocumentsPerRetrieve
        }
    }
}
