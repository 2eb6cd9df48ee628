import XCASOAP

/// What a community's retrieve answer may make the relay hold, accept or write to disk. The defaults suit imaging
/// studies of a few GiB sent as MTOM attachments: attachment bytes are streamed (or spooled) and never held.
package struct RetrieveRelayLimits: Sendable, Hashable {
    /// What to do with a part the community's root does not reference (XOP 1.0 §3.1 gives it no meaning).
    package enum UnreferencedAttachments: Sendable, Hashable {
        /// Read it and drop it: the caller's package stays well-formed and a partner's extra part does not fail a
        /// study (the default).
        case skip
        /// Fail the leg (``RetrieveRelayError/Code/unexpectedAttachment``).
        case refuse
    }

    /// Bytes of the root part (the SOAP envelope), which is read into memory, including any parts a community
    /// sends before it (default 64 MiB: inline base64 documents live there).
    package var maxRootPartBytes: Int
    /// Whether documents sent inline as base64 (protocol facts §2.2: partners do) are accepted and relayed as
    /// attachments (default true); when false they are ``RetrieveRelayError/Code/inlineRefused``.
    package var acceptInlineDocuments: Bool
    /// Bytes of one attachment's MIME header block (default 16 KiB).
    package var maxAttachmentHeaderBytes: Int
    /// Attachments in one answer (default 100,000: a RAD-75 study can be thousands of instances).
    package var maxAttachments: Int
    /// Bytes one leg may write into its spool file (default 16 GiB; nil: no limit).
    package var maxSpoolBytes: Int?
    /// See ``UnreferencedAttachments`` (default ``UnreferencedAttachments/skip``).
    package var unreferencedAttachments: UnreferencedAttachments

    package init(
        maxRootPartBytes: Int = 64 << 20,
        acceptInlineDocuments: Bool = true,
        maxAttachmentHeaderBytes: Int = 16 << 10,
        maxAttachments: Int = 100_000,
        maxSpoolBytes: Int? = 16 << 30,
        unreferencedAttachments: UnreferencedAttachments = .skip
    ) {
        self.maxRootPartBytes = maxRootPartBytes
        self.acceptInlineDocuments = acceptInlineDocuments
        self.maxAttachmentHeaderBytes = maxAttachmentHeaderBytes
        self.maxAttachments = maxAttachments
        self.maxSpoolBytes = maxSpoolBytes
        self.unreferencedAttachments = unreferencedAttachments
    }

    /// The documented defaults.
    package static let `default` = RetrieveRelayLimits()

    /// The multipart reader's limits for a community's answer.
    var multipart: MultipartLimits {
        MultipartLimits(
            maxHeaderBlockSize: maxAttachmentHeaderBytes,
            maxParts: maxAttachments + 1,
            maxPartSize: nil,
            maxRootPartSize: maxRootPartBytes
        )
    }
}
