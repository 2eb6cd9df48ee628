/// Where the bytes of an `xdsb:Document` are: an MTOM attachment (`xop:Include/@href` = `cid:…`) or inline base64,
/// already decoded (partners send both; protocol facts §2.2).
public enum DocumentContent: Hashable, Sendable {
    /// The Content-ID of the MIME part, without `cid:` and angle brackets.
    case attachment(contentID: String)
    case inline([UInt8])
}
