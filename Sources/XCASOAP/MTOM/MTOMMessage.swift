/// A whole MTOM package in memory (see ``MTOMReader/readMessage(maxAttachmentBytes:)``): for small messages and
/// tests only; production code streams attachments with ``MTOMReader``.
public struct MTOMMessage: Sendable, Hashable {
    public let root: MTOMPart
    public let attachments: [MTOMAttachment]

    public init(root: MTOMPart, attachments: [MTOMAttachment]) {
        self.root = root
        self.attachments = attachments
    }

    /// The Content-IDs of the attachments, the set ``XOPInclude/resolve(in:)`` checks against.
    public var attachmentContentIDs: Set<ContentID> { Set(attachments.map(\.contentID)) }

    /// The attachment an `xop:Include` names, or ``MultipartError/Code/unknownContentID``.
    public func attachment(for include: XOPInclude) throws(MultipartError) -> MTOMAttachment {
        guard let attachment = attachments.first(where: { $0.contentID == include.contentID }) else {
            throw MultipartError(
                .unknownContentID,
                "xop:Include names cid '\(include.contentID)', which no part of the package carries"
            )
        }
        return attachment
    }
}
