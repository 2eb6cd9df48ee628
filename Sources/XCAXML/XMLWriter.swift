/// A fast, escaping, namespace-aware streaming XML writer.
///
/// Output accumulates in ``bytes``; a streaming caller takes what is written so far with ``drain()`` and sends
/// it on, so memory stays bounded by what is written between two drains. Text and attribute values are escaped
/// (a fast path copies runs that need nothing); characters XML 1.0 cannot carry and invalid UTF-8 are refused
/// with an error, never written. Namespace declarations are emitted where a prefix is not yet bound to the
/// wanted URI in scope, and omitted where it already is.
public struct XMLWriter: Sendable {
    /// What has been written since the last ``drain()``.
    public internal(set) var bytes: [UInt8]
    private var open: [OpenElement] = []
    /// The names of the open elements, back to back (one buffer instead of an array per element).
    private var names: [UInt8] = []
    private(set) var bindings: [Binding] = []
    private var startTagOpen = false

    private struct OpenElement: Sendable {
        var nameLength: Int
        var bindingCount: Int
    }

    struct Binding: Sendable {
        var prefix: String?  // nil = default namespace
        var uri: String
    }

    public init(capacity: Int = 16 << 10) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Whether every started element has been ended.
    public var isComplete: Bool { open.isEmpty }
    /// How many elements are open.
    public var depth: Int { open.count }

    /// Hands over what has been written so far and starts a new buffer of the same capacity.
    public mutating func drain() -> [UInt8] {
        var taken: [UInt8] = []
        taken.reserveCapacity(bytes.capacity)
        swap(&taken, &bytes)
        return taken
    }

    /// Exchanges the output buffer with `buffer`: the writer goes on after what `buffer` holds, and `buffer`
    /// gets what was written so far. For a caller that keeps appending to one buffer from several writers.
    package mutating func swapBuffer(_ buffer: inout [UInt8]) {
        swap(&bytes, &buffer)
    }

    /// The namespace the `xml` prefix is bound to.
    public static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// `<?xml version="1.0" encoding="UTF-8"?>`.
    public mutating func declaration() {
        append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    }

    // MARK: Elements

    /// Starts an element by its qualified name as written (`rim:Slot`); no namespace bookkeeping.
    public mutating func startElement(_ qualifiedName: String) throws(XMLError) {
        try Self.checkName(qualifiedName)
        closeStartTag()
        bytes.append(UInt8(ascii: "<"))
        let before = names.count
        names.append(contentsOf: qualifiedName.utf8)
        bytes.append(contentsOf: names[before...])
        open.append(OpenElement(nameLength: names.count - before, bindingCount: bindings.count))
        startTagOpen = true
    }

    /// Starts an element from a qualified name in raw UTF-8 (as a parsed document gives it).
    public mutating func startElement(qualifiedNameBytes name: UnsafeBufferPointer<UInt8>) throws(XMLError) {
        try Self.checkName(name)
        startElement(trustedName: name)
    }

    /// Starts an element whose name a parser has already checked.
    mutating func startElement(trustedName name: UnsafeBufferPointer<UInt8>) {
        closeStartTag()
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name)
        names.append(contentsOf: name)
        open.append(OpenElement(nameLength: name.count, bindingCount: bindings.count))
        startTagOpen = true
    }

    /// Starts an element in `namespace` ("" for none) written with `prefix` (nil for the default namespace),
    /// declaring the prefix if it is not already bound to that namespace here.
    public mutating func startElement(_ localName: String, namespace: String, prefix: String? = nil) throws(XMLError) {
        if let prefix, !prefix.isEmpty {
            try startElement(prefix + ":" + localName)
            try declareNamespace(prefix: prefix, uri: namespace)
        } else {
            try startElement(localName)
            try declareNamespace(prefix: nil, uri: namespace)
        }
    }

    /// Declares `prefix` (nil: the default namespace) for `uri` on the element just started, unless that binding
    /// is already in scope.
    public mutating func declareNamespace(prefix: String?, uri: String) throws(XMLError) {
        guard startTagOpen else { throw XMLError(.misuse, "a namespace declaration needs an open start tag") }
        if prefix == "xml" {
            // Bound by definition (Namespaces in XML §3); never declared, never rebound.
            guard uri == Self.xmlNamespace else { throw XMLError(.misuse, "the xml prefix cannot be rebound") }
            return
        }
        if boundURI(for: prefix) == uri { return }
        if prefix == nil && uri.isEmpty && boundURI(for: nil) == nil { return }
        if let prefix {
            guard !uri.isEmpty else { throw XMLError(.misuse, "prefix \(prefix) cannot be bound to no namespace") }
            try Self.checkName(prefix)
            append(" xmlns:")
            append(prefix)
        } else {
            append(" xmlns")
        }
        append("=\"")
        try appendEscaped(uri, attribute: true)
        bytes.append(UInt8(ascii: "\""))
        bindings.append(Binding(prefix: prefix, uri: uri))
    }

    /// The namespace a prefix (nil: the default) is bound to in scope.
    public func boundURI(for prefix: String?) -> String? {
        for binding in bindings.reversed() where binding.prefix == prefix { return binding.uri }
        return nil
    }

    /// Ends the innermost open element (as `/>` when it has no content).
    public mutating func endElement() throws(XMLError) {
        guard let element = open.popLast() else { throw XMLError(.misuse, "endElement() without an open element") }
        if startTagOpen {
            append("/>")
            startTagOpen = false
        } else {
            append("</")
            bytes.append(contentsOf: names[(names.count - element.nameLength)...])
            bytes.append(UInt8(ascii: ">"))
        }
        names.removeLast(element.nameLength)
        bindings.removeSubrange(element.bindingCount...)
    }

    /// `<name>text</name>`.
    public mutating func element(_ qualifiedName: String, text: String) throws(XMLError) {
        try startElement(qualifiedName)
        try self.text(text)
        try endElement()
    }

    // MARK: Attributes

    /// An attribute by its qualified name as written, on the element just started.
    public mutating func attribute(_ qualifiedName: String, _ value: String) throws(XMLError) {
        guard startTagOpen else { throw XMLError(.misuse, "attribute \(qualifiedName) after the start tag was closed") }
        try Self.checkName(qualifiedName)
        bytes.append(UInt8(ascii: " "))
        append(qualifiedName)
        append("=\"")
        try appendEscaped(value, attribute: true)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A namespace-qualified attribute, declaring `prefix` if needed.
    public mutating func attribute(_ localName: String, namespace: String, prefix: String, _ value: String)
        throws(XMLError)
    {
        try declareNamespace(prefix: prefix, uri: namespace)
        try attribute(prefix + ":" + localName, value)
    }

    /// An attribute from raw UTF-8 (validated and escaped).
    public mutating func attribute(qualifiedName: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>)
        throws(XMLError)
    {
        guard startTagOpen else { throw XMLError(.misuse, "attribute after the start tag was closed") }
        try Self.checkName(qualifiedName)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: qualifiedName)
        append("=\"")
        try appendEscaped(value, attribute: true, validate: true)
        bytes.append(UInt8(ascii: "\""))
    }

    // MARK: Text

    /// Character data, escaped.
    public mutating func text(_ text: String) throws(XMLError) {
        closeStartTag()
        try appendEscaped(text, attribute: false)
    }

    /// Character data from raw bytes, checked to be UTF-8 and escaped.
    public mutating func text(utf8: UnsafeBufferPointer<UInt8>) throws(XMLError) {
        closeStartTag()
        try appendEscaped(utf8, attribute: false, validate: true)
    }

    // MARK: Private

    mutating func closeStartTagForCopy() { closeStartTag() }

    private mutating func closeStartTag() {
        if startTagOpen {
            bytes.append(UInt8(ascii: ">"))
            startTagOpen = false
        }
    }

    private mutating func append(_ string: String) {
        bytes.append(contentsOf: string.utf8)
    }

    private mutating func appendEscaped(_ string: String, attribute: Bool) throws(XMLError) {
        var string = string
        // Native strings are contiguous; `makeContiguousUTF8` is a no-op for them.
        string.makeContiguousUTF8()
        let result: XMLError? = string.utf8.withContiguousStorageIfAvailable { buffer -> XMLError? in
            do throws(XMLError) { try appendEscaped(buffer, attribute: attribute, validate: false) } catch { return error }
            return nil
        } ?? nil
        if let result { throw result }
    }
}
