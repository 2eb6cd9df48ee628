/// Why a community's retrieve answer cannot be relayed (ITI-39, RAD-69, RAD-75). Equality on ``code`` only. Messages
/// state structural facts (an HTTP status, a media type, a Content-ID, a size); never document bytes or patient data.
///
/// What the integrator does with it: before the first byte of the merged response (``RetrieveLegReader/open``) the
/// leg becomes an `XDSRegistryError` "malformed answer" located at the community; during
/// ``ComposedRetrieveResponse/write(into:)`` the caller's connection is aborted.
package struct RetrieveRelayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An open set of codes (house rule: new ones can be added without breaking callers).
    package struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        package let rawValue: String
        package init(rawValue: String) { self.rawValue = rawValue }
        package var description: String { rawValue }

        /// The community answered with an HTTP status other than 200, 400 or 500 (SOAP 1.2 Part 2 §7.5.1.2: a
        /// response is 200, a fault 400 or 500). ``RetrieveRelayError/httpStatus`` carries it.
        package static let httpStatus = Code(rawValue: "httpStatus")
        /// The Content-Type is not SOAP 1.2 (`application/soap+xml`) nor MTOM (`multipart/related;
        /// type="application/xop+xml"`): an HTML error page, SOAP 1.1 `text/xml`, no Content-Type at all.
        package static let notSOAP = Code(rawValue: "notSOAP")
        /// The answer cannot be read: the multipart framing is broken, the root part is not XML, not a SOAP 1.2
        /// envelope, or not a RetrieveDocumentSetResponse, or two documents name the same attachment.
        package static let malformed = Code(rawValue: "malformed")
        /// The root part (with the parts sent before it) is larger than
        /// ``RetrieveRelayLimits/maxRootPartBytes``, or an attachment header block larger than
        /// ``RetrieveRelayLimits/maxAttachmentHeaderBytes``, or more attachments than
        /// ``RetrieveRelayLimits/maxAttachments``, or the spool would exceed ``RetrieveRelayLimits/maxSpoolBytes``.
        package static let tooLarge = Code(rawValue: "tooLarge")
        /// The community sent a document inline (base64 in the root) while
        /// ``RetrieveRelayLimits/acceptInlineDocuments`` is false.
        package static let inlineRefused = Code(rawValue: "inlineRefused")
        /// An `xop:Include` names a part the community never sent (XOP 1.0 §3.1): found when the leg's
        /// attachments end (at ``RetrieveLegReader/open`` for a plain SOAP answer or a spooled leg, during the
        /// relay otherwise).
        package static let missingAttachment = Code(rawValue: "missingAttachment")
        /// The community sent a part its root does not reference, and
        /// ``RetrieveRelayLimits/unreferencedAttachments`` is ``RetrieveRelayLimits/UnreferencedAttachments/refuse``
        /// (by default such parts are skipped).
        package static let unexpectedAttachment = Code(rawValue: "unexpectedAttachment")
        /// The answer ended before its multipart close delimiter (the connection closed early).
        package static let truncated = Code(rawValue: "truncated")
        /// The spool file could not be created, written or read back (the message carries the errno).
        package static let spool = Code(rawValue: "spool")
        /// The relay was used against its contract: a leg's attachments relayed twice, or a composer for a
        /// transaction that has no retrieve response (ITI-38).
        package static let misuse = Code(rawValue: "misuse")
    }

    package let code: Code
    package let message: String
    /// The community's HTTP status, for ``Code/httpStatus`` and ``Code/notSOAP``.
    package let httpStatus: Int?
    package let file: String
    package let line: Int

    package init(_ code: Code, _ message: String, httpStatus: Int? = nil, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.file = file
        self.line = line
    }

    package var description: String { "RetrieveRelayError.\(code): \(message) (\(file):\(line))" }

    package static func == (lhs: RetrieveRelayError, rhs: RetrieveRelayError) -> Bool { lhs.code == rhs.code }
    package func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
