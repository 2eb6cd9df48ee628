/// The durable store audit events are written to before an answer is released ("no audit, no access").
///
/// `record` returns once every envelope is durable (committed and synced); it throws when they cannot be made
/// durable, and the caller must then refuse to answer. Implementations batch concurrent callers into one commit.
public protocol AuditJournal: Sendable {
    func record(_ envelopes: [AuditEnvelope]) async throws

    /// A request began whose events will be recorded by one ``record(_:)`` call, which ends it — or that
    /// ``requestAbandoned()`` ends. A journal that batches may wait for the requests in progress before it commits.
    func requestBegan()

    /// A request that ``requestBegan()`` will record nothing.
    func requestAbandoned()
}

extension AuditJournal {
    public func requestBegan() {}
    public func requestAbandoned() {}
}
