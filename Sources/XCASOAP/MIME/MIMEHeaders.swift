import NIOCore

/// The header fields of a MIME part, in order, with case-insensitive lookup by name (RFC 2045 §3, RFC 5322 §2.2).
///
/// Every field is checked when added: the name is RFC 5322 `ftext` (visible ASCII except `:`), the value holds no
/// CR, LF or other control character except HTAB. A `MIMEHeaders` value can therefore always be written out without
/// header injection.
public struct MIMEHeaders: Sendable, Hashable, Sequence, CustomStringConvertible {
    /// One header field, as received or added (name case preserved, value without surrounding whitespace).
    public struct Field: Sendable, Hashable {
        public let name: String
        public let value: String
    }

    private var fields: [Field]

    public init() { fields = [] }

    /// Checks and adds the fields in order.
    public init(_ fields: [(name: String, value: String)]) throws(MultipartError) {
        self.fields = []
        self.fields.reserveCapacity(fields.count)
        for (name, value) in fields { try add(name: name, value: value) }
    }

    init(validated fields: [Field]) { self.fields = fields }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// The first value of field `name` (case-insensitive), or nil.
    public subscript(name: String) -> String? {
        fields.first(where: { MIMEGrammar.equalsIgnoringCase($0.name, name) })?.value
    }

    /// All values of field `name` (case-insensitive), in order.
    public func values(for name: String) -> [String] {
        fields.filter { MIMEGrammar.equalsIgnoringCase($0.name, name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool {
        fields.contains(where: { MIMEGrammar.equalsIgnoringCase($0.name, name) })
    }

    /// Appends a field after checking name and value.
    public mutating func add(name: String, value: String) throws(MultipartError) {
        guard !name.utf8.isEmpty, name.utf8.allSatisfy(MIMEGrammar.isFieldNameByte) else {
            throw MultipartError(.malformedHeader, "a header name must be visible US-ASCII without ':'")
        }
        guard MIMEGrammar.isFieldValue(value) else {
            throw MultipartError(.malformedHeader, "header '\(name)' holds a line break or control character")
        }
        fields.append(Field(name: name, value: value))
    }

    /// Replaces the first field called `name` (dropping any others of that name), or appends it.
    public mutating func replaceOrAdd(name: String, value: String) throws(MultipartError) {
        guard let index = fields.firstIndex(where: { MIMEGrammar.equalsIgnoringCase($0.name, name) }) else {
            try add(name: name, value: value)
            return
        }
        var replacement = MIMEHeaders()
        try replacement.add(name: name, value: value)
        fields[index] = replacement.fields[0]
        var seen = false
        fields.removeAll { field in
            guard MIMEGrammar.equalsIgnoringCase(field.name, name) else { return false }
            defer { seen = true }
            return seen
        }
    }

    /// Removes every field called `name`.
    public mutating func remove(name: String) {
        fields.removeAll { MIMEGrammar.equalsIgnoringCase($0.name, name) }
    }

    /// The parsed `Content-Type`, or nil when the part has none (RFC 2045 §5.2 then implies
    /// ``MIMEContentType/mimeDefault``).
    public var contentType: MIMEContentType? {
        get throws(MultipartError) {
            guard let value = self["Content-Type"] else { return nil }
            return try MIMEContentType(parsing: value)
        }
    }

    /// The `Content-ID` without angle brackets, or nil when the part has none.
    public var contentID: ContentID? {
        get throws(MultipartError) {
            guard let value = self["Content-ID"] else { return nil }
            return try ContentID(headerValue: value)
        }
    }

    /// `Content-Transfer-Encoding`, lower-cased, or nil (RFC 2045 §6.1: absent means `7bit`).
    public var contentTransferEncoding: String? {
        self["Content-Transfer-Encoding"].map { MIMEGrammar.asciiLowercased(String(MIMEGrammar.trimmed($0[...]))) }
    }

    /// Writes `Name: value\r\n` for every field.
    public func write(to buffer: inout ByteBuffer) {
        for field in fields {
            buffer.writeString(field.name)
            buffer.writeStaticString(": ")
            buffer.writeString(field.value)
            buffer.writeStaticString("\r\n")
        }
    }

    public var description: String {
        fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }
}
