/// What the WS-Security header of a request said about its end user.
public enum XUAReading: Sendable, Hashable {
    /// The request had no WS-Security header: a system call, no user.
    case absent
    case identity(XUAIdentity)
    /// The header was there but yielded no user; the request is not failed for it, the events carry no user agent,
    /// and the reason is for the operator's log.
    case unreadable(AuditError)

    public var identity: XUAIdentity? {
        if case .identity(let identity) = self { identity } else { nil }
    }

    public var problem: AuditError? {
        if case .unreadable(let error) = self { error } else { nil }
    }
}
