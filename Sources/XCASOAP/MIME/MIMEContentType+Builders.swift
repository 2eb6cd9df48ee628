extension MIMEContentType {
    /// `application/soap+xml; charset=UTF-8; action="…"`: a plain SOAP 1.2 message (RFC 3902 §6, SOAP 1.2 Part 2
    /// §7.1.4). `action` is left out when nil.
    public static func soap12(action: String?) throws(MultipartError) -> MIMEContentType {
        var parameters = [(name: "charset", value: "UTF-8")]
        if let action { parameters.append((name: "action", value: action)) }
        return try MIMEContentType(type: "application", subtype: "soap+xml", parameters: parameters)
    }

    /// The HTTP `Content-Type` of an MTOM package (SOAP 1.2 MTOM §3, XOP 1.0 §4.1, RFC 2387):
    /// `multipart/related; type="application/xop+xml"; boundary=…; start="<…>"; start-info="application/soap+xml"`,
    /// followed by `action="…"` when given, as SOAP 1.2 MTOM senders (Axis2, CXF, Metro, WCF) repeat it there.
    public static func mtom(
        boundary: String,
        startContentID: ContentID,
        action: String?
    ) throws(MultipartError)
        -> MIMEContentType
    {
        try MultipartBoundary.validate(boundary, strict: false)
        var parameters = [
            (name: "type", value: "application/xop+xml"),
            (name: "boundary", value: boundary),
            (name: "start", value: startContentID.headerValue),
            (name: "start-info", value: "application/soap+xml"),
        ]
        if let action { parameters.append((name: "action", value: action)) }
        return try MIMEContentType(type: "multipart", subtype: "related", parameters: parameters)
    }

    /// The `Content-Type` of the root part of an MTOM package (XOP 1.0 §A.2, SOAP 1.2 MTOM §3):
    /// `application/xop+xml; charset=UTF-8; type="application/soap+xml; action=\"…\""`, where `type` carries the
    /// content type of the SOAP envelope (without `action` when nil).
    public static func mtomRootPart(action: String?) throws(MultipartError) -> MIMEContentType {
        var envelopeType = "application/soap+xml"
        if let action {
            guard MIMEGrammar.isFieldValue(action) else {
                throw MultipartError(.malformedContentType, "the SOAP action holds a control character")
            }
            envelopeType += "; action="
            MIMEGrammar.appendTokenOrQuoted(action, to: &envelopeType)
        }
        return try MIMEContentType(
            type: "application",
            subtype: "xop+xml",
            parameters: [(name: "charset", value: "UTF-8"), (name: "type", value: envelopeType)]
        )
    }

    /// `text/plain; charset=us-ascii`, the type of a part without a Content-Type header (RFC 2045 §5.2).
    public static let mimeDefault = MIMEContentType(
        validatedType: "text",
        subtype: "plain",
        parameters: [.init(name: "charset", value: "us-ascii")]
    )

    /// `application/octet-stream` (RFC 2046 §4.5.1).
    public static let octetStream = MIMEContentType(
        validatedType: "application",
        subtype: "octet-stream",
        parameters: []
    )
}
