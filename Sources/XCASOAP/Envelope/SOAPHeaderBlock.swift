/// A header block the gateway did not interpret as WS-Addressing: its name, its SOAP 1.2 processing attributes
/// and, when it was kept, its XML (infoset-equivalent copy) for later use — a WS-Security header carries the XUA
/// assertion that the audit trail needs.
public struct SOAPHeaderBlock: Sendable, Hashable {
    public var namespace: String
    public var localName: String
    /// `env:mustUnderstand="true"` or `"1"`.
    public var mustUnderstand: Bool
    /// `env:role`, nil when absent (the ultimate receiver).
    public var role: String?
    /// The block's XML, present for blocks the caller asked to keep.
    public var xml: [UInt8]?

    public init(namespace: String, localName: String, mustUnderstand: Bool, role: String? = nil, xml: [UInt8]? = nil) {
        self.namespace = namespace
        self.localName = localName
        self.mustUnderstand = mustUnderstand
        self.role = role
        self.xml = xml
    }

    /// SOAP 1.2 Part 1 §5.2.2: roles this node plays. A block for the role `none` is never processed; a block
    /// for `next` or the ultimate receiver (no role) is ours.
    public var isTargetedAtUltimateReceiver: Bool {
        switch role {
        case nil, "", Self.roleNext, Self.roleUltimateReceiver: true
        default: false
        }
    }

    public static let roleNext = "http://www.w3.org/2003/05/soap-envelope/role/next"
    public static let roleNone = "http://www.w3.org/2003/05/soap-envelope/role/none"
    public static let roleUltimateReceiver = "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver"
}
