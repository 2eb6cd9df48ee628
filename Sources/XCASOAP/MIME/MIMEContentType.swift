/// A MIME media type with parameters: the value of a `Content-Type` header (RFC 2045 §5.1, RFC 7231 §3.1.1.1).
///
/// Type, subtype and parameter names are case-insensitive and stored lower-cased; parameter values keep their case
/// and are stored unescaped. ``description`` serialises the type again, quoting values that are not tokens:
///
///     let type = try MIMEContentType(parsing: #"Multipart/Related; boundary=b1; start="<root@x>""#)
///     type.mediaType   // "multipart/related"
///     type.start       // "<root@x>"
///     type.description // #"multipart/related; boundary=b1; start="<root@x>""#
///
/// Parameters keep their order; equality compares type, subtype and the parameters in order.
public struct MIMEContentType: Sendable, Hashable, CustomStringConvertible {
    /// One `name=value` parameter. The name is lower-cased, the value unescaped.
    public struct Parameter: Sendable, Hashable {
        public let name: String
        public let value: String
    }

    /// The top-level type, lower-cased (`multipart`, `application`).
    public let type: String
    /// The subtype, lower-cased (`related`, `soap+xml`).
    public let subtype: String
    /// The parameters in the order given, names lower-cased and unique.
    public let parameters: [Parameter]

    /// Builds a content type, checking that type, subtype and names are tokens, that values hold no control
    /// characters (so they can always be written as a quoted-string) and that no name repeats.
    public init(
        type: String,
        subtype: String,
        parameters: [(name: String, value: String)] = []
    )
        throws(MultipartError)
    {
        guard MIMEGrammar.isToken(type), MIMEGrammar.isToken(subtype) else {
            throw MultipartError(.malformedContentType, "type and subtype must be non-empty RFC 2045 tokens")
        }
        var checked: [Parameter] = []
        checked.reserveCapacity(parameters.count)
        for (name, value) in parameters {
            guard MIMEGrammar.isToken(name) else {
                throw MultipartError(.malformedContentType, "a parameter name must be a non-empty RFC 2045 token")
            }
            guard MIMEGrammar.isFieldValue(value) else {
                throw MultipartError(.malformedContentType, "parameter '\(name)' holds a control character")
            }
            try Self.append(Parameter(name: MIMEGrammar.asciiLowercased(name), value: value), to: &checked)
        }
        self.type = MIMEGrammar.asciiLowercased(type)
        self.subtype = MIMEGrammar.asciiLowercased(subtype)
        self.parameters = checked
    }

    init(validatedType type: String, subtype: String, parameters: [Parameter]) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    static func append(_ parameter: Parameter, to parameters: inout [Parameter]) throws(MultipartError) {
        guard !parameters.contains(where: { $0.name == parameter.name }) else {
            throw MultipartError(.duplicateParameter, "parameter '\(parameter.name)' appears more than once")
        }
        parameters.append(parameter)
    }

    /// `type/subtype`, lower-cased.
    public var mediaType: String { type + "/" + subtype }

    /// True when the media type is `type/subtype` (compared case-insensitively, parameters ignored).
    public func hasMediaType(_ mediaType: String) -> Bool {
        let utf8 = mediaType.utf8
        guard utf8.count == type.utf8.count + 1 + subtype.utf8.count else { return false }
        return MIMEGrammar.equalsIgnoringCase(mediaType, self.mediaType)
    }

    /// The value of parameter `name` (case-insensitive), unescaped, or nil.
    public func parameter(_ name: String) -> String? {
        parameters.first(where: { MIMEGrammar.equalsIgnoringCase($0.name, name) })?.value
    }

    /// A copy with parameter `name` set to `value` (replacing it in place, or appended), or removed when nil.
    public func setting(_ name: String, to value: String?) throws(MultipartError) -> MIMEContentType {
        var pairs = parameters.map { (name: $0.name, value: $0.value) }
        if let index = pairs.firstIndex(where: { MIMEGrammar.equalsIgnoringCase($0.name, name) }) {
            if let value { pairs[index].value = value } else { pairs.remove(at: index) }
        } else if let value {
            pairs.append((name, value))
        }
        return try MIMEContentType(type: type, subtype: subtype, parameters: pairs)
    }

    /// `boundary` (RFC 2046 §5.1.1), mandatory for `multipart/*`.
    public var boundary: String? { parameter("boundary") }
    /// `start`: the Content-ID of the root part, with its angle brackets (RFC 2387 §3.2).
    public var start: String? { parameter("start") }
    /// `start-info`: the content type of the root part's content, `application/soap+xml` for MTOM (RFC 2387 §3.3).
    public var startInfo: String? { parameter("start-info") }
    /// `type`: for `multipart/related` the root part's media type (RFC 2387 §3.1); for `application/xop+xml` the
    /// media type of the XOP document (XOP 1.0 §A.2).
    public var typeParameter: String? { parameter("type") }
    /// `action`: the SOAP action (RFC 3902 for `application/soap+xml`; repeated on the multipart type by MTOM senders).
    public var action: String? { parameter("action") }
    /// `charset`.
    public var charset: String? { parameter("charset") }

    /// `type/subtype; name=value; name="quoted value"`: values are written as tokens where RFC 7230 allows it,
    /// else as quoted-strings with `"` and `\` escaped.
    public var description: String {
        var output = mediaType
        for parameter in parameters {
            output += "; "
            output += parameter.name
            output += "="
            MIMEGrammar.appendTokenOrQuoted(parameter.value, to: &output)
        }
        return output
    }
}
