extension GatewayConfiguration {
    /// The PARS audit trail (the `audit:` section; audit.md): what the events say about the gateway, where the
    /// durable outbox lives and where events are delivered.
    package struct AuditSettings: Sendable, Hashable {
        /// Whether requests are audited. Default true; false is for measuring the audit's cost only (the gateway
        /// then warns at start-up: PARS receives nothing).
        package var enabled: Bool
        /// The gateway's Spine ASID (Accredited System ID): `source.observer` and the gateway's own agent.
        package var asid: String
        /// The gateway's base URL as callers know it (`https://gw.example.nhs.uk`): `source.site`, and with `/xca`
        /// or `/xcai` the network address of the gateway's agent. Default: https:// plus `gateway.listen`.
        package var baseURL: String?
        /// `source.observer.display` and the endpoint entity's productIdentifier.
        package var productName: String
        /// The serialisation of the events PARS receives: `pars` (England-AuditEvent-PARS) or `balp` (IHE).
        package var format: Format
        /// The ITI-38 action code in the PARS serialisation: `R` as NIR states it, `E` as IHE and DICOM state it.
        package var queryAction: QueryAction
        /// The outbox database; relative to `gateway.stateDirectory`. Default `audit/outbox.sqlite`.
        package var outbox: String
        /// The most the outbox may grow to (its high-water mark): past it requests are refused ("no audit, no
        /// access") rather than the disk filled. Default: no limit but the disk's.
        package var maxOutboxBytes: Int?
        /// How long delivered events stay in the local store (the log `audit export` and the access reports read).
        /// Default 90 days.
        package var retention: Duration
        /// PARS, the FHIR R4 AuditEvent endpoint (none: events stay in the outbox and the file sink).
        package var pars: PARSSettings?
        /// An NDJSON file sink (rotating): every event, remote and local.
        package var file: FileSinkSettings?
        /// Every event on standard output too (development).
        package var stdout: Bool
        /// At shutdown, once requests have drained: how long delivery may go on emptying the outbox before the
        /// gateway exits (what is left is delivered after the next start). Default 10 s.
        package var shutdownFlushTimeout: Duration

        package enum Format: String, Sendable, Hashable, CaseIterable {
            case pars, balp
        }

        package enum QueryAction: String, Sendable, Hashable, CaseIterable {
            case read = "R"
            case execute = "E"
        }

        package init(
            enabled: Bool = true,
            asid: String = "000000000000",
            baseURL: String? = nil,
            productName: String = "XCA imaging gateway",
            format: Format = .pars,
            queryAction: QueryAction = .read,
            outbox: String = "audit/outbox.sqlite",
            maxOutboxBytes: Int? = nil,
            retention: Duration = .seconds(90 * 86_400),
            pars: PARSSettings? = nil,
            file: FileSinkSettings? = nil,
            stdout: Bool = false,
            shutdownFlushTimeout: Duration = .seconds(10)
        ) {
            self.enabled = enabled
            self.asid = asid
            self.baseURL = baseURL
            self.productName = productName
            self.format = format
            self.queryAction = queryAction
            self.outbox = outbox
            self.maxOutboxBytes = maxOutboxBytes
            self.retention = retention
            self.pars = pars
            self.file = file
            self.stdout = stdout
            self.shutdownFlushTimeout = shutdownFlushTimeout
        }

        /// The `pars:` section as the schema reads it: present in the file means configured.
        var parsSection: PARSSettings {
            get { pars ?? PARSSettings() }
            set { pars = newValue }
        }

        /// The `file:` section as the schema reads it.
        var fileSection: FileSinkSettings {
            get { file ?? FileSinkSettings() }
            set { file = newValue }
        }
    }

    /// Delivery to PARS (`audit.pars`).
    package struct PARSSettings: Sendable, Hashable {
        /// The FHIR R4 base URL (`https://…/FHIR/R4`).
        package var url: String
        /// `put` (idempotent `PUT AuditEvent/{id}`), `post` (`POST AuditEvent`, as PARS-G documents) or `batch`
        /// (`batch` Bundles of PUT entries).
        package var mode: Mode
        /// Events per Bundle (batch mode) and per delivery round.
        package var batchSize: Int
        /// Deadline of one request to PARS.
        package var timeout: Duration
        /// The gateway's client identity towards PARS and the CAs its server certificate must chain to.
        package var tls: TLSFiles

        package enum Mode: String, Sendable, Hashable, CaseIterable {
            case put, post, batch
        }

        package init(
            url: String = "",
            mode: Mode = .put,
            batchSize: Int = 64,
            timeout: Duration = .seconds(30),
            tls: TLSFiles = .placeholder
        ) {
            self.url = url
            self.mode = mode
            self.batchSize = batchSize
            self.timeout = timeout
            self.tls = tls
        }
    }

    /// The NDJSON file sink (`audit.file`).
    package struct FileSinkSettings: Sendable, Hashable {
        /// The file; relative to `gateway.stateDirectory`. Rotated files are `FILE.1` … `FILE.keep`.
        package var path: String
        /// Size at which the file is rotated.
        package var maxBytes: Int
        /// Rotated files kept.
        package var keep: Int

        package init(path: String = "audit/events.ndjson", maxBytes: Int = 64 << 20, keep: Int = 8) {
            self.path = path
            self.maxBytes = maxBytes
            self.keep = keep
        }
    }
}
