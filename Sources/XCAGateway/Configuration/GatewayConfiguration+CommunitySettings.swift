import XCAModel

extension GatewayConfiguration {
    /// One Responding Gateway the gateway federates (an element of `communities:`; protocol.md §6.4).
    package struct CommunitySettings: Sendable, Hashable {
        /// A short name for logs, metrics and the command line: `[a-z0-9-]+`, unique. Required.
        package var name: String
        /// The community's homeCommunityId, unique (ITI TF-2 3.38.4.1.2.1). Required.
        package var homeCommunityID: HomeCommunityID
        /// `false` keeps the community configured but out of every fan-out (NIR exclude lists). Default `true`.
        package var enabled: Bool
        /// Its https endpoints per transaction family (at least one). Required.
        package var endpoints: EndpointSettings
        /// The client identity the gateway presents to this community, and the CAs it trusts there. Required.
        package var tls: TLSFiles
        /// How long one call to this community may take (within the request's overall deadline). Default 10 s.
        package var timeout: Duration
        /// Requests in flight to this community at once; more wait. Default 16.
        package var maxConcurrentRequests: Int
        /// The document repositories it serves (repositoryUniqueId OIDs). Default none.
        package var repositories: [RepositoryUniqueID]
        /// The Imaging Document Sources it serves (their repositoryUniqueId OIDs; RAD TF-3 4.75). Default none.
        package var imagingDocumentSources: [RepositoryUniqueID]
        /// How the gateway repairs or bounds this community's answers.
        package var quirks: QuirkSettings

        package init(
            name: String,
            homeCommunityID: HomeCommunityID,
            enabled: Bool = true,
            endpoints: EndpointSettings,
            tls: TLSFiles,
            timeout: Duration = .seconds(10),
            maxConcurrentRequests: Int = 16,
            repositories: [RepositoryUniqueID] = [],
            imagingDocumentSources: [RepositoryUniqueID] = [],
            quirks: QuirkSettings = QuirkSettings()
        ) {
            self.name = name
            self.homeCommunityID = homeCommunityID
            self.enabled = enabled
            self.endpoints = endpoints
            self.tls = tls
            self.timeout = timeout
            self.maxConcurrentRequests = maxConcurrentRequests
            self.repositories = repositories
            self.imagingDocumentSources = imagingDocumentSources
            self.quirks = quirks
        }
    }
}
