import XCAXML

/// A SOAP 1.2 Fault (SOAP 1.2 Part 1 §5.4): Code with optional Subcodes, Reason, Node, Role and Detail.
///
/// It is both a value the gateway writes and reads (a partner's fault) and the error the envelope decoder
/// throws, so that a problem found while reading a request becomes the right fault without translation.
/// Reasons are for people and never carry patient data.
public struct SOAPFault: Error, Sendable, Hashable, CustomStringConvertible {
    /// SOAP 1.2 Part 1 §5.4.6: the five fault codes.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        case versionMismatch = "VersionMismatch"
        case mustUnderstand = "MustUnderstand"
        case dataEncodingUnknown = "DataEncodingUnknown"
        case sender = "Sender"
        case receiver = "Receiver"
    }

    /// A qualified name (a subcode value or a header name).
    public struct QName: Sendable, Hashable, CustomStringConvertible {
        public var namespace: String
        public var localName: String
        public init(namespace: String, localName: String) {
            self.namespace = namespace
            self.localName = localName
        }
        public var description: String { "{\(namespace)}\(localName)" }
    }

    public var code: Code
    /// Subcodes, outermost first (`wsa:ActionNotSupported`, …).
    public var subcodes: [QName]
    public var reason: String
    public var reasonLanguage: String
    public var node: String?
    public var role: String?
    /// Detail as plain text (written as one `<detail>` text node); partners' structured detail is kept as text.
    public var detail: String?
    /// The headers that were not understood (written as `env:NotUnderstood` header blocks; MustUnderstand only).
    public var notUnderstood: [QName]
    /// For an ActionNotSupported fault: the action that was not supported (written as `wsa:ProblemAction`).
    public var problemAction: String?
    /// For a missing or invalid addressing header: its name (written as `wsa:ProblemHeaderQName`).
    public var problemHeader: QName?

    public init(
        code: Code,
        subcodes: [QName] = [],
        reason: String,
        reasonLanguage: String = "en",
        node: String? = nil,
        role: String? = nil,
        detail: String? = nil,
        notUnderstood: [QName] = [],
        problemAction: String? = nil,
        problemHeader: QName? = nil
    ) {
        self.code = code
        self.subcodes = subcodes
        self.reason = reason
        self.reasonLanguage = reasonLanguage
        self.node = node
        self.role = role
        self.detail = detail
        self.notUnderstood = notUnderstood
        self.problemAction = problemAction
        self.problemHeader = problemHeader
    }

    public var description: String {
        let sub = subcodes.map { "/\($0.localName)" }.joined()
        return "SOAP fault \(code.rawValue)\(sub): \(reason)"
    }

    /// The wsa:Action a message carrying this fault has (WS-Addressing 1.0 SOAP Binding §6).
    public var action: String {
        subcodes.contains { $0.namespace == SOAPNamespace.addressing }
            ? SOAPNamespace.addressingFaultAction : SOAPNamespace.soapFaultAction
    }
}

extension SOAPFault {
    // WS-Addressing 1.0 SOAP Binding §6.4 subcodes.
    public static let actionNotSupportedSubcode = QName(namespace: SOAPNamespace.addressing, localName: "ActionNotSupported")
    public static let invalidAddressingHeaderSubcode = QName(
        namespace: SOAPNamespace.addressing,
        localName: "InvalidAddressingHeader"
    )
    public static let headerRequiredSubcode = QName(
        namespace: SOAPNamespace.addressing,
        localName: "MessageAddressingHeaderRequired"
    )

    /// A SOAP 1.1 (or other) envelope: SOAP 1.2 Part 1 §5.4.7, answered with an Upgrade header.
    public static func versionMismatch(found namespace: String) -> SOAPFault {
        SOAPFault(
            code: .versionMismatch,
            reason: namespace == SOAPNamespace.soap11
                ? "SOAP 1.1 envelopes are not supported; use SOAP 1.2 (ITI TF-2 Appendix V)"
                : "the document is not a SOAP 1.2 envelope"
        )
    }

    /// Header blocks addressed to this node with mustUnderstand that it does not understand.
    public static func mustUnderstand(_ headers: [QName]) -> SOAPFault {
        SOAPFault(
            code: .mustUnderstand,
            reason: "header block(s) not understood: " + headers.map(\.localName).joined(separator: ", "),
            notUnderstood: headers
        )
    }

    /// WS-Addressing ActionNotSupported (SOAP Binding §6.4.4).
    public static func actionNotSupported(_ action: String) -> SOAPFault {
        SOAPFault(
            code: .sender,
            subcodes: [actionNotSupportedSubcode],
            reason: "the action is not supported at this endpoint",
            problemAction: action
        )
    }

    /// A required addressing header is missing (SOAP Binding §6.4.3).
    public static func addressingHeaderRequired(_ localName: String) -> SOAPFault {
        SOAPFault(
            code: .sender,
            subcodes: [headerRequiredSubcode],
            reason: "a required header representing a message addressing property is absent: wsa:\(localName)",
            problemHeader: QName(namespace: SOAPNamespace.addressing, localName: localName)
        )
    }

    /// An addressing header is present but not valid (SOAP Binding §6.4.1).
    public static func invalidAddressingHeader(_ localName: String, reason: String) -> SOAPFault {
        SOAPFault(
            code: .sender,
            subcodes: [invalidAddressingHeaderSubcode],
            reason: reason,
            problemHeader: QName(namespace: SOAPNamespace.addressing, localName: localName)
        )
    }

    /// The message cannot be read (not XML, over a limit, wrong structure): a Sender fault whose reason says what
    /// and where, without content.
    public static func malformed(_ error: XMLError) -> SOAPFault {
        SOAPFault(code: .sender, reason: "the message is not acceptable: \(error.description)")
    }

    /// A fault of the receiving side (the gateway cannot serve now).
    public static func receiver(_ reason: String) -> SOAPFault {
        SOAPFault(code: .receiver, reason: reason)
    }
}
