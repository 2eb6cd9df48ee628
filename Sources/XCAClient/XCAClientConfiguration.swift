/// Where a client calls and with which identity: the gateway's endpoints, the client certificate and its key, the
/// CAs trusted for the gateway's server certificate, and how long calls may take.
public struct XCAClientConfiguration: Sendable, Hashable {
    /// The three endpoints of an XCA / XCA-I gateway.
    public struct Endpoints: Sendable, Hashable {
        /// ITI-38 Cross Gateway Query.
        public var query: String
        /// ITI-39 Cross Gateway Retrieve.
        public var retrieve: String
        /// RAD-75 Cross Gateway Retrieve Imaging Document Set.
        public var imagingRetrieve: String

        public init(query: String, retrieve: String, imagingRetrieve: String) {
            self.query = query
            self.retrieve = retrieve
            self.imagingRetrieve = imagingRetrieve
        }

        /// This project's layout (`/xca` for ITI-38 and ITI-39, `/xcai` for RAD-75) under `gateway`, e.g.
        /// `https://127.0.0.1:8443`; a given URL replaces its endpoint.
        public init(gateway: String, query: String? = nil, retrieve: String? = nil, imagingRetrieve: String? = nil) {
            var base = gateway
            while base.hasSuffix("/") { base.removeLast() }
            self.init(
                query: query ?? base + "/xca",
                retrieve: retrieve ?? base + "/xca",
                imagingRetrieve: imagingRetrieve ?? base + "/xcai"
            )
        }
    }

    /// The client's TLS identity (PEM files) and the CAs its gateway's certificate must chain to.
    public struct Identity: Sendable, Hashable {
        /// The client certificate chain, leaf first; its extended key usage must list clientAuth.
        public var certificate: String
        /// The leaf's private key (unencrypted PEM).
        public var privateKey: String
        /// CAs trusted for the gateway's server certificate (never the system store).
        public var trustAnchors: [String]

        public init(certificate: String, privateKey: String, trustAnchors: [String]) {
            self.certificate = certificate
            self.privateKey = privateKey
            self.trustAnchors = trustAnchors
        }
    }

    public var endpoints: Endpoints
    public var identity: Identity
    /// A query must be answered within it; a retrieve's SOAP part must arrive within it. Default 30 s.
    public var timeout: Duration
    /// How long one retrieve answer may stream (a study can be gigabytes). Default one hour.
    public var transferTimeout: Duration
    /// The largest query answer accepted. Default 64 MiB.
    public var maxQueryResponseBytes: Int
    /// The largest imaging manifest (KOS) accepted. Default 16 MiB.
    public var maxManifestBytes: Int

    public init(
        endpoints: Endpoints,
        identity: Identity,
        timeout: Duration = .seconds(30),
        transferTimeout: Duration = .seconds(3_600),
        maxQueryResponseBytes: Int = 64 << 20,
        maxManifestBytes: Int = 16 << 20
    ) {
        self.endpoints = endpoints
        self.identity = identity
        self.timeout = timeout
        self.transferTimeout = transferTimeout
        self.maxQueryResponseBytes = maxQueryResponseBytes
        self.maxManifestBytes = maxManifestBytes
    }
}
