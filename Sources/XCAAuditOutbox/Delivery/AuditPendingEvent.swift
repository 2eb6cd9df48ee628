/// One event waiting for a sink: what the sink sends (the AuditEvent JSON, verbatim) and how often it was tried.
package struct AuditPendingEvent: Sendable, Hashable {
    /// The outbox's sequence number (commit order).
    package var sequence: Int64
    /// The AuditEvent `id` (idempotency and dedupe key).
    package var id: String
    /// The FHIR R4 AuditEvent, one line of UTF-8 JSON.
    package var json: [UInt8]
    /// Earlier attempts for this sink.
    package var attempts: Int

    package init(sequence: Int64, id: String, json: [UInt8], attempts: Int) {
        self.sequence = sequence
        self.id = id
        self.json = json
        self.attempts = attempts
    }
}
