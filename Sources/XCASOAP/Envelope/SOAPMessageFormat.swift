/// How an inbound SOAP 1.2 message is framed, from its HTTP Content-Type (SOAP 1.2 Part 2 §7.1.4, RFC 3902; MTOM
/// and XOP 1.0; ITI TF-2 Appendix V.2.1).
public enum SOAPMessageFormat: Sendable, Hashable {
    /// `application/soap+xml`: the body is the envelope.
    case plain
    /// `multipart/related; type="application/xop+xml"`: the envelope is the root part, attachments follow.
    case mtom

    /// The framing `contentType` announces, or the fault to answer with: `text/xml` is SOAP 1.1 (VersionMismatch);
    /// a multipart that is not XOP, or any other media type, is a Sender fault.
    public init(contentType: MIMEContentType) throws(SOAPFault) {
        if contentType.hasMediaType("application/soap+xml") {
            self = .plain
        } else if contentType.hasMediaType("multipart/related") {
            guard let type = contentType.typeParameter, type.lowercased() == "application/xop+xml" else {
                throw SOAPFault(
                    code: .sender,
                    reason: "multipart/related messages must be MTOM/XOP (type=\"application/xop+xml\")"
                )
            }
            if let startInfo = contentType.startInfo,
                (try? MIMEContentType(parsing: startInfo))?.hasMediaType("application/soap+xml") != true
            {
                throw SOAPFault(code: .sender, reason: "the MTOM root part must be application/soap+xml (start-info)")
            }
            self = .mtom
        } else if contentType.hasMediaType("text/xml") {
            throw SOAPFault.versionMismatch(found: SOAPNamespace.soap11)
        } else {
            throw SOAPFault(code: .sender, reason: "unsupported media type \(contentType.mediaType): SOAP 1.2 is application/soap+xml")
        }
    }

    /// Parses the Content-Type header value first; a malformed value is a Sender fault.
    public init(contentTypeHeader: String) throws(SOAPFault) {
        let contentType: MIMEContentType
        do {
            contentType = try MIMEContentType(parsing: contentTypeHeader)
        } catch {
            throw SOAPFault(code: .sender, reason: "the Content-Type header cannot be read: \(error.message)")
        }
        try self.init(contentType: contentType)
    }

    /// The SOAP action the Content-Type carries, where senders put it: the `action` parameter of
    /// `application/soap+xml`, of the multipart type, or inside the root part's `type` / `start-info`.
    public static func action(of contentType: MIMEContentType) -> String? {
        if let action = contentType.action { return action }
        for nested in [contentType.startInfo, contentType.typeParameter].compactMap({ $0 }) {
            if let action = (try? MIMEContentType(parsing: nested))?.action { return action }
        }
        return nil
    }

    /// RFC 3902 and WS-Addressing 1.0 SOAP Binding §5.1: when the Content-Type carries an action, it must be the
    /// message's wsa:Action.
    public static func checkAction(_ contentTypeAction: String?, matches addressing: AddressingHeaders) throws(SOAPFault) {
        guard let contentTypeAction, !contentTypeAction.isEmpty, let action = addressing.action else { return }
        if contentTypeAction != action {
            throw SOAPFault.invalidAddressingHeader(
                "Action",
                reason: "the action parameter of the Content-Type is not the message's wsa:Action"
            )
        }
    }
}
