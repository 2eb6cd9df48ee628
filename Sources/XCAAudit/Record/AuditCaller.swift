/// The system that called the gateway, as its mutual-TLS certificate and its connection show it (the caller's
/// facts from XCATransport's `PeerIdentity`, passed as plain values): the requester's network agent of
/// responder-role events.
public struct AuditCaller: Sendable, Hashable {
    /// The certificate subject's common name (CN): the agent's display.
    public var commonName: String?
    /// The certificate subject's organisation (O): the organisation agent when the request carries no XUA
    /// organisation.
    public var organisation: String?
    /// The certificate serial number (hex, as `PeerIdentity` formats it): the agent's identifier when its ASID is
    /// not known.
    public var serialNumber: String?
    /// The TCP peer's address (IP address or host name): the agent's `network`.
    public var remoteAddress: String
    /// The caller's Spine ASID, when the gateway knows it (e.g. configured per client certificate).
    public var asid: String?

    public init(
        commonName: String?,
        organisation: String?,
        serialNumber: String?,
        remoteAddress: String,
        asid: String? = nil
    ) {
        self.commonName = commonName
        self.organisation = organisation
        self.serialNumber = serialNumber
        self.remoteAddress = remoteAddress
        self.asid = asid
    }

    /// From the certificate's subject distinguished name as an RFC 4514 string (`CN=…,O=…`, as `PeerIdentity.subject`
    /// gives it): its first CN and first O.
    public init(subject: String, serialNumber: String?, remoteAddress: String, asid: String? = nil) {
        let names = Self.attributes(ofDistinguishedName: subject)
        self.init(
            commonName: names.first { $0.type == "CN" }?.value,
            organisation: names.first { $0.type == "O" }?.value,
            serialNumber: serialNumber,
            remoteAddress: remoteAddress,
            asid: asid
        )
    }

    /// `AuditEvent.agent.network.type`: 2 (IP address) for an IPv4 or IPv6 address, else 1 (machine name).
    var networkType: StaticString {
        let utf8 = remoteAddress.utf8
        let isIPv4 = !utf8.isEmpty && utf8.allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") }
        return isIPv4 || utf8.contains(UInt8(ascii: ":")) ? "2" : "1"
    }
}
