import XCAModel

extension GatewayConfiguration {
    /// The gateway itself (the `gateway:` section).
    package struct GatewaySettings: Sendable {
        /// The gateway's own homeCommunityId: the `location` of the RegistryErrors it raises itself
        /// (ITI TF-2 3.38.4.1.3; ITI TF-3 4.2.4.1). Required.
        package var homeCommunityID: HomeCommunityID
        /// Where the inbound HTTPS server listens. Default `127.0.0.1:8443` (loopback only).
        package var listen: ListenAddress
        /// The server identity and the CAs whose client certificates may call. Required.
        package var tls: TLSFiles
        /// What one caller may cost the inbound server.
        package var limits: Limits
        /// Where the gateway keeps what it writes (the retrieve spool, …). Default `state`, next to the
        /// configuration file.
        package var stateDirectory: String
        /// How the gateway stops (drain deadline).
        package var shutdown: ShutdownSettings
        /// The plain HTTP admin listener: `/metrics`, `/health/live`, `/health/ready`.
        package var admin: AdminSettings

        package init(
            homeCommunityID: HomeCommunityID,
            listen: ListenAddress = ListenAddress(),
            tls: TLSFiles,
            limits: Limits = Limits(),
            stateDirectory: String = "state",
            shutdown: ShutdownSettings = ShutdownSettings(),
            admin: AdminSettings = AdminSettings()
        ) {
            self.homeCommunityID = homeCommunityID
            self.listen = listen
            self.tls = tls
            self.limits = limits
            self.stateDirectory = stateDirectory
            self.shutdown = shutdown
            self.admin = admin
        }
    }
}
