import XCATransport

extension PARSSink {
    /// How events are sent to the FHIR R4 endpoint (audit.md §7, RESTful ATNA ITI-20 "FHIR Feed").
    package enum Mode: String, Sendable, Hashable, CaseIterable {
        /// `PUT [base]/AuditEvent/{id}`, one event per request: idempotent, a resend updates the same resource
        /// (needs a server that allows update-as-create). The default.
        case put
        /// `POST [base]/AuditEvent`, one event per request: what PARS-G documents; a resend creates a duplicate, which
        /// consumers deduplicate by AuditEvent id.
        case post
        /// `POST [base]` with a `batch` Bundle of up to `batchSize` entries, each `PUT AuditEvent/{id}`; each entry's
        /// `response.status` is its verdict. A server that refuses the Bundle itself (4xx) gets the events one by one
        /// with PUT.
        case batch
    }

    package struct Configuration: Sendable {
        /// The sink's name in the outbox. Default `pars`.
        package var name: String
        /// The FHIR base, `https://host[:port][/path]` (no trailing slash needed), e.g.
        /// `https://auditrecordrepository.example.nhs.uk/FHIR/R4`.
        package var baseURL: String
        package var mode: Mode
        /// The gateway's client identity towards PARS and the CAs trusted for its server certificate.
        package var tls: CommunityTLS
        /// Deadline of one request. Default 30 s.
        package var requestTimeout: Duration
        /// Requests in flight at once in `put` and `post` modes. Default 8.
        package var concurrency: Int
        /// Largest response body read (an OperationOutcome or a batch-response Bundle). Default 1 MiB.
        package var maxResponseBytes: Int

        package init(
            name: String = "pars",
            baseURL: String,
            mode: Mode = .put,
            tls: CommunityTLS,
            requestTimeout: Duration = .seconds(30),
            concurrency: Int = 8,
            maxResponseBytes: Int = 1 << 20
        ) {
            self.name = name
            self.baseURL = baseURL
            self.mode = mode
            self.tls = tls
            self.requestTimeout = requestTimeout
            self.concurrency = max(1, concurrency)
            self.maxResponseBytes = maxResponseBytes
        }
    }
}
