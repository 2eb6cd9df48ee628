/// The WS-Addressing 1.0 message addressing properties of one message (WS-Addressing 1.0 Core §3; SOAP Binding
/// §2). ITI TF-2 Appendix V: requests carry Action (mustUnderstand), MessageID, ReplyTo (anonymous for a
/// synchronous exchange) and usually To; responses carry Action and RelatesTo = the request's MessageID.
public struct AddressingHeaders: Sendable, Hashable {
    public var action: String?
    public var messageID: String?
    public var to: String?
    /// The address of `wsa:ReplyTo`; nil when absent (which means anonymous).
    public var replyTo: String?
    /// The address of `wsa:FaultTo`.
    public var faultTo: String?
    /// The address of `wsa:From`.
    public var from: String?
    /// `wsa:RelatesTo` values (relationship type Reply unless the partner said otherwise; the type is not kept).
    public var relatesTo: [String]

    public init(
        action: String? = nil,
        messageID: String? = nil,
        to: String? = nil,
        replyTo: String? = nil,
        faultTo: String? = nil,
        from: String? = nil,
        relatesTo: [String] = []
    ) {
        self.action = action
        self.messageID = messageID
        self.to = to
        self.replyTo = replyTo
        self.faultTo = faultTo
        self.from = from
        self.relatesTo = relatesTo
    }

    /// Headers for a request: action, a fresh MessageID, anonymous ReplyTo.
    public static func request(action: String, to: String? = nil, messageID: String = MessageID.random()) -> Self {
        AddressingHeaders(action: action, messageID: messageID, to: to, replyTo: SOAPNamespace.anonymous)
    }

    /// Headers for the response to a request with these headers: `action`, a fresh MessageID, RelatesTo the
    /// request's MessageID.
    public func response(action: String, messageID: String = MessageID.random()) -> Self {
        AddressingHeaders(action: action, messageID: messageID, relatesTo: self.messageID.map { [$0] } ?? [])
    }

    /// Whether the reply goes back on the same HTTP exchange (ReplyTo absent or anonymous).
    public var isSynchronous: Bool { replyTo == nil || replyTo == SOAPNamespace.anonymous }
}
