/// Where the delivery service sends events: PARS (``PARSSink``), an NDJSON file (``NDJSONFileSink``), stdout
/// (``StdoutSink``). One delivery loop per sink calls ``deliver(_:)`` with batches in commit order, one batch at a
/// time.
package protocol AuditSink: Sendable {
    /// The sink's name and the events it takes; the outbox keeps delivery state under this name.
    var route: AuditSinkRoute { get }

    /// Delivers `batch` and returns one verdict per event, in the same order. Never throws: a failure is a
    /// ``AuditDeliveryResult/retry(reason:after:)`` verdict. Returns promptly when the task is cancelled (the
    /// events are then retried later, so sinks must tolerate a resend: PARS by id, files by id dedupe).
    func deliver(_ batch: [AuditPendingEvent]) async -> [AuditDeliveryResult]

    /// Releases connections and files; called once when the delivery service stops.
    func shutdown() async
}
