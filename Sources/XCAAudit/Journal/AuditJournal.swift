/// The durable store audit events are written to before an answer is released ("no audit, no access").
///
/// `record` returns once every envelope is durable (committed and synced); it throws when they cannot be made
/// durable, and the caller must then refuse to answer. Implementations batch concurrent callers into one commit.
public protocol AuditJournal: Sendable {
    func record(_ envelopes: [AuditEnvelope]) async throws
}
