/// A sink's verdict on one event (audit.md §7).
package enum AuditDeliveryResult: Sendable, Hashable {
    /// The sink acknowledged the event (HTTP 2xx, or written and synced): it leaves the outbox for that sink.
    case delivered
    /// Not delivered, try again later: network errors, 408, 429, 5xx (and any status the sink cannot act on).
    /// `after` is the server's Retry-After, if it sent one.
    case retry(reason: String, after: Duration?)
    /// Refused for good (400, 422): the event is quarantined with the server's answer (an OperationOutcome) kept,
    /// and never sent again. `status` 0 is a refusal by the sink itself (an id that is not a FHIR id).
    case quarantined(status: Int, outcome: String)

    var isRetry: Bool {
        if case .retry = self { return true }
        return false
    }
}
