/// How the inbound HTTPS server listens, authenticates callers and bounds what a caller may cost.
///
/// Every field has a default that runs except the TLS identity, which has to be given. Over any limit the caller
/// gets a plain HTTP error and the connection is closed (see `docs/transport.md`); the handler is never called for,
/// or is cut off from, a request over a limit.
package struct HTTPSServerConfiguration: Sendable {
    /// The address to bind: a host name or IP literal. Default `127.0.0.1` (loopback only).
    package var host: String
    /// The TCP port; 0 asks the system for a free one (the bound port is reported to `onListening`). Default 8443.
    package var port: Int
    /// The listen backlog. Default 256.
    package var backlog: Int
    package var tls: TLS
    package var limits: Limits

    package init(
        host: String = "127.0.0.1",
        port: Int = 8443,
        backlog: Int = 256,
        tls: TLS,
        limits: Limits = Limits()
    ) {
        self.host = host
        self.port = port
        self.backlog = backlog
        self.tls = tls
        self.limits = limits
    }

    /// The server's identity and whom it accepts.
    package struct TLS: Sendable {
        /// The server certificate, then any intermediates (PEM).
        package var certificateChain: PEMSource
        /// The server's private key (PEM, PKCS#8 or SEC1/PKCS#1).
        package var privateKey: PEMSource
        /// The CAs a client certificate must chain to (PEM; never the system store). Their names are sent in the
        /// CertificateRequest (`sendCANameList`).
        package var trustAnchors: [PEMSource]
        /// Default TLS 1.2.
        package var minimumVersion: TLSProtocolVersion
        /// Default TLS 1.3.
        package var maximumVersion: TLSProtocolVersion

        package init(
            certificateChain: PEMSource,
            privateKey: PEMSource,
            trustAnchors: [PEMSource],
            minimumVersion: TLSProtocolVersion = .v1_2,
            maximumVersion: TLSProtocolVersion = .v1_3
        ) {
            self.certificateChain = certificateChain
            self.privateKey = privateKey
            self.trustAnchors = trustAnchors
            self.minimumVersion = minimumVersion
            self.maximumVersion = maximumVersion
        }
    }

    /// What one caller may cost the server.
    package struct Limits: Sendable {
        /// Request line plus header fields, in bytes (each field and all of them together). Over: 431, close.
        /// Default 32 KiB.
        package var maxHeaderBytes: Int
        /// Request body bytes, counted as they stream in (and checked against Content-Length up front). Over: 413,
        /// close. Default 16 MiB.
        package var maxBodyBytes: Int
        /// How long a connection may wait for its next request (after the handshake or the previous response)
        /// before the server closes it without a response; it also bounds the TLS handshake. Default 60 s.
        package var idleTimeout: Duration
        /// How long a request may take from its head to its last body byte being read. Over: 408 if no response
        /// has started, close. Default 30 s.
        package var requestTimeout: Duration
        /// Open connections. Connections beyond this complete the handshake and get 503 (`Retry-After: 1`) to their
        /// first request, then close; beyond twice this they are closed at accept. Default 1024.
        package var maxConnections: Int
        /// Requests being handled at once, over all connections (from the head to the end of the response). A
        /// request past it is answered at once with 503 (`Retry-After: 1`; a SOAP 1.2 Receiver fault body for a
        /// SOAP or MTOM POST) without calling the handler or reading its body, instead of waiting. Default 256.
        package var maxConcurrentRequests: Int

        package init(
            maxHeaderBytes: Int = 32 * 1024,
            maxBodyBytes: Int = 16 * 1024 * 1024,
            idleTimeout: Duration = .seconds(60),
            requestTimeout: Duration = .seconds(30),
            maxConnections: Int = 1024,
            maxConcurrentRequests: Int = 256
        ) {
            self.maxHeaderBytes = maxHeaderBytes
            self.maxBodyBytes = maxBodyBytes
            self.idleTimeout = idleTimeout
            self.requestTimeout = requestTimeout
            self.maxConnections = maxConnections
            self.maxConcurrentRequests = maxConcurrentRequests
        }
    }
}
