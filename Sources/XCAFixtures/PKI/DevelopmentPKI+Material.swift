extension DevelopmentPKI {
    /// A minted (or loaded) development PKI: every identity of the layout by its path (``Path``).
    public struct Material: Sendable {
        public let identities: [String: Identity]
        public let communities: [String]

        init(identities: [String: Identity], communities: [String]) throws {
            for path in Path.fixed + communities.map(Path.community) {
                guard identities[path] != nil else { throw FixtureError(.pki, "\(path) is missing") }
            }
            self.identities = identities
            self.communities = communities
        }

        /// The identity at `path` (a ``Path`` constant or ``Path/community(_:)``).
        public func identity(at path: String) -> Identity? { identities[path] }

        /// One of the fixed identities (``Path/fixed``), which `init` checked are all present.
        private func fixed(_ path: String) -> Identity {
            guard let identity = identities[path] else { preconditionFailure("checked in init: \(path)") }
            return identity
        }

        public var ca: Identity { fixed(Path.ca) }
        public var server: Identity { fixed(Path.server) }
        public var client: Identity { fixed(Path.client) }
        public var gatewayClient: Identity { fixed(Path.gatewayClient) }
        public var otherCA: Identity { fixed(Path.otherCA) }
        public var expiredClient: Identity { fixed(Path.expiredClient) }
        public var notYetValidClient: Identity { fixed(Path.notYetValidClient) }
        public var otherCAClient: Identity { fixed(Path.otherCAClient) }
        public var noClientAuthClient: Identity { fixed(Path.noClientAuthClient) }
        public var expiredServer: Identity { fixed(Path.expiredServer) }
        public var wrongHostServer: Identity { fixed(Path.wrongHostServer) }
        public func community(_ name: String) -> Identity? { identities[Path.community(name)] }

        /// The files of this PKI as `ab`, `curl` and the gateway read them (relative path → contents), each
        /// starting with the development-only banner.
        public var files: [String: String] {
            var files: [String: String] = [:]
            for (path, identity) in identities {
                files[path + ".pem"] = DevelopmentPKI.fileText(identity.certificatePEM)
                files[path + "-key.pem"] = DevelopmentPKI.fileText(identity.privateKeyPEM)
            }
            files[Path.clientCombinedFile] = DevelopmentPKI.fileText(client.combinedPEM)
            return files
        }
    }

    /// A PEM file's text: the banner (text before the first BEGIN line is ignored by PEM readers), then the PEM.
    static func fileText(_ pem: String) -> String {
        "# " + banner + "\n" + pem
    }
}
