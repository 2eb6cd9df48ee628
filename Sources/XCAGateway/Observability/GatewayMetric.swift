/// One metric the gateway exposes on `/metrics`: its Prometheus name, labels, type and help text. The catalogue
/// (``all``) is what `docs/operations.md` documents and what the factory takes HELP lines and buckets from.
package struct GatewayMetric: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable {
        case counter, gauge, histogram
    }

    package let name: String
    package let labels: [String]
    package let kind: Kind
    package let help: String

    init(_ name: String, _ kind: Kind, labels: [String] = [], _ help: String) {
        self.name = name
        self.labels = labels
        self.kind = kind
        self.help = help
    }

    /// Histogram buckets for latencies from 5 ms to 60 s (the longest default deadline is 30 s, a retrieve transfer
    /// may run longer).
    static let latencyBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10),
        .seconds(20), .seconds(30), .seconds(60),
    ]

    // Requests the gateway answers (POST /xca, POST /xcai).
    static let requests = GatewayMetric(
        "xca_requests_total", .counter, labels: ["transaction", "outcome"],
        "Requests answered on /xca and /xcai, by transaction and outcome (success, partial_success, failure, fault, refused)."
    )
    static let requestDuration = GatewayMetric(
        "xca_request_duration_seconds", .histogram, labels: ["transaction"],
        "From a request's arrival until its response is released (a retrieve's streamed transfer not included)."
    )
    static let requestsInFlight = GatewayMetric(
        "xca_requests_in_flight", .gauge,
        "Requests being handled by the mutual-TLS listener now."
    )
    // Legs to communities.
    static let upstreamRequests = GatewayMetric(
        "xca_upstream_requests_total", .counter, labels: ["community", "transaction", "outcome"],
        "Calls to communities by outcome (success, partial_success, failure, timeout, unavailable, error, circuit_open, cancelled)."
    )
    static let upstreamDuration = GatewayMetric(
        "xca_upstream_duration_seconds", .histogram, labels: ["community", "transaction"],
        "How long a call to a community took until its answer (a retrieve: its SOAP root part) arrived or it failed."
    )
    static let circuitState = GatewayMetric(
        "xca_circuit_state", .gauge, labels: ["community"],
        "Circuit breaker of each enabled community: 0 closed, 1 half-open (a trial call is due), 2 open."
    )
    // The audit trail.
    static let auditOutboxWritable = GatewayMetric(
        "xca_audit_outbox_writable", .gauge,
        "1 while the audit outbox can be written; 0: requests are refused (no audit, no access)."
    )
    static let auditBacklog = GatewayMetric(
        "xca_audit_backlog_events", .gauge, labels: ["sink"],
        "Audit events recorded and not yet delivered to the sink."
    )
    static let auditOldestPendingAge = GatewayMetric(
        "xca_audit_oldest_pending_age_seconds", .gauge, labels: ["sink"],
        "Age of the oldest audit event the sink has not received (0 when none is pending)."
    )
    static let auditQuarantined = GatewayMetric(
        "xca_audit_quarantined_events", .gauge, labels: ["sink"],
        "Audit events the sink refused for good (kept in the outbox with the reason)."
    )
    static let auditLastDelivery = GatewayMetric(
        "xca_audit_last_delivery_timestamp_seconds", .gauge, labels: ["sink"],
        "Unix time of the sink's last successful delivery (0: never)."
    )
    // Certificates.
    static let certificateExpiry = GatewayMetric(
        "xca_certificate_expiry_days", .gauge, labels: ["use", "subject"],
        "Days until a certificate in use expires (fractional; negative once expired)."
    )
    // The inbound transport.
    static let connectionsOpen = GatewayMetric(
        "xca_inbound_connections_open", .gauge,
        "Connections open on the mutual-TLS listener now."
    )
    static let requestsShed = GatewayMetric(
        "xca_inbound_requests_shed_total", .counter,
        "Requests answered 503 at once because gateway.limits.maxConcurrentRequests were being handled."
    )

    /// Every metric, in the order `docs/operations.md` lists them.
    package static let all: [GatewayMetric] = [
        requests, requestDuration, requestsInFlight, upstreamRequests, upstreamDuration, circuitState,
        auditOutboxWritable, auditBacklog, auditOldestPendingAge, auditQuarantined, auditLastDelivery,
        certificateExpiry, connectionsOpen, requestsShed,
    ]
}
