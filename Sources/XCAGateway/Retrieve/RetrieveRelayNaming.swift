import XCASOAP

/// The names a merged retrieve response gives itself: its MIME boundary, the root part's Content-ID, the
/// documents' Content-IDs and its wsa:MessageID. Random by default (``random()``); fixed values make the output
/// reproducible for tests.
package struct RetrieveRelayNaming: Sendable, Hashable {
    package let multipart: MultipartWriter
    package let rootContentID: ContentID
    package let messageID: String
    /// The documents' Content-IDs are `<n>.<token>@xca-gateway`, n = 1, 2, … in document order: unique in the
    /// package whatever Content-IDs the communities used.
    package let contentIDToken: String

    /// - Throws: ``MultipartError`` when the token cannot be part of a Content-ID.
    package init(
        multipart: MultipartWriter,
        rootContentID: ContentID,
        messageID: String,
        contentIDToken: String
    )
        throws(MultipartError)
    {
        _ = try ContentID("0.\(contentIDToken)@xca-gateway")
        self.multipart = multipart
        self.rootContentID = rootContentID
        self.messageID = messageID
        self.contentIDToken = contentIDToken
    }

    /// A random boundary, root Content-ID, MessageID and token (128 bits).
    package static func random() -> RetrieveRelayNaming {
        var generator = SystemRandomNumberGenerator()
        let token = String(generator.next() as UInt64, radix: 16) + "." + String(generator.next() as UInt64, radix: 16)
        return RetrieveRelayNaming(hexadecimalToken: token)
    }

    /// A token of hexadecimal digits and dots always makes a valid Content-ID.
    private init(hexadecimalToken token: String) {
        multipart = .random()
        rootContentID = .random()
        messageID = MessageID.random()
        contentIDToken = token
    }

    /// The Content-ID of the `number`th document (from 1).
    func contentID(_ number: Int) throws(MultipartError) -> ContentID {
        try ContentID("\(number).\(contentIDToken)@xca-gateway")
    }
}
