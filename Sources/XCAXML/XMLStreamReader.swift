import CLibXML2

/// A hardened, namespace-aware pull reader over libxml2's `xmlTextReader`.
///
/// - Refuses any document with a DOCTYPE before parsing (no external entities, no DTD fetch, no entity
///   expansion), and any entity reference that survives.
/// - Never touches the network; never prints to stderr.
/// - Enforces ``XMLLimits`` (size, depth, attribute count and length, text length, name length).
/// - Errors carry line and column.
///
/// Ignorable whitespace, comments and processing instructions are skipped. An empty element (`<a/>`) is reported
/// as a start followed by an end, so consumers need not care how it was written. Names and values are read from
/// libxml2's interned strings; the `is…`/`…Equals` accessors compare without allocating.
///
/// Not thread-safe: one reader belongs to one task.
public final class XMLStreamReader {
    /// What the reader is positioned on.
    public enum Node: Sendable, Equatable {
        case startElement
        case endElement
        /// Character data (text, CDATA, significant whitespace), entities already resolved.
        case text
    }

    private let reader: xmlTextReaderPtr
    private let limits: XMLLimits
    private let errors: ErrorCollector
    private let ownedBuffer: UnsafeMutableRawBufferPointer?
    /// Per-node state behind a pointer: stored properties of a class pay a dynamic exclusivity check on every
    /// access, which at two million nodes per 40 MB is a measurable share of the parse.
    private let state: UnsafeMutablePointer<State>

    private struct State {
        var limits: xca_xml_limits
        var node: Node?
        var pendingEnd: Bool
        var empty: Int32
    }

    /// The node the reader is on, nil before the first ``next()`` and after the end of the document.
    public var node: Node? { state.pointee.node }
    private var pendingEnd: Bool { state.pointee.pendingEnd }

    /// A reader over a copy of `bytes` (the copy is freed with the reader).
    public convenience init(_ bytes: some Collection<UInt8>, limits: XMLLimits = .default) throws(XMLError) {
        let count = bytes.count
        guard count <= limits.maxDocumentSize else {
            throw XMLError(.documentTooLarge, "document of \(count) bytes exceeds the limit of \(limits.maxDocumentSize)")
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 1)
        _ = buffer.initializeMemory(as: UInt8.self, from: bytes)
        do {
            try self.init(unsafeBytes: UnsafeRawBufferPointer(rebasing: buffer[0..<count]), limits: limits, owning: buffer)
        } catch {
            buffer.deallocate()
            throw error
        }
    }

    /// A reader over a string's UTF-8.
    public convenience init(string: String, limits: XMLLimits = .default) throws(XMLError) {
        try self.init(Array(string.utf8), limits: limits)
    }

    /// Runs `body` with a reader over `bytes` without copying them. The reader must not escape `body`.
    public static func withReader<Result>(
        over bytes: UnsafeRawBufferPointer,
        limits: XMLLimits = .default,
        _ body: (XMLStreamReader) throws -> Result
    ) throws -> Result {
        let reader = try XMLStreamReader(unsafeBytes: bytes, limits: limits, owning: nil)
        return try body(reader)
    }

    private init(unsafeBytes bytes: UnsafeRawBufferPointer, limits: XMLLimits, owning: UnsafeMutableRawBufferPointer?)
        throws(XMLError)
    {
        _ = LibXML2.initialised
        guard bytes.count <= limits.maxDocumentSize, bytes.count <= Int(Int32.max) else {
            throw XMLError(
                .documentTooLarge,
                "document of \(bytes.count) bytes exceeds the limit of \(limits.maxDocumentSize)"
            )
        }
        if case .doctype(let offset) = XMLProlog.scan(bytes) {
            let (line, column) = Self.position(of: offset, in: bytes)
            throw XMLError(
                .doctypeForbidden,
                "document type declarations are not accepted (no DTD, no entities)",
                line: line,
                column: column
            )
        }
        guard bytes.count > 0, let base = bytes.baseAddress else {
            throw XMLError(.malformed, "empty document", line: 1, column: 1)
        }
        guard
            let reader = xmlReaderForMemory(
                base.assumingMemoryBound(to: CChar.self),
                Int32(bytes.count),
                nil,
                nil,
                LibXML2.parserOptions(for: limits)
            )
        else {
            throw XMLError(.malformed, "libxml2 could not create a reader")
        }
        self.reader = reader
        self.limits = limits
        self.state = UnsafeMutablePointer<State>.allocate(capacity: 1)
        let cLimits = xca_xml_limits(
            max_depth: Int32(clamping: limits.maxDepth),
            max_attributes: Int32(clamping: limits.maxAttributesPerElement),
            max_attribute_length: Int32(clamping: limits.maxAttributeLength),
            max_text_length: Int32(clamping: limits.maxTextLength),
            max_name_length: Int32(clamping: limits.maxNameLength),
            // libxml2 refuses text nodes over its ceiling itself unless XML_PARSE_HUGE is set.
            check_text: limits.maxTextLength < XMLLimits.libxml2TextCeiling
                || LibXML2.parserOptions(for: limits) & Int32(bitPattern: XML_PARSE_HUGE.rawValue) != 0 ? 1 : 0
        )
        state.initialize(to: State(limits: cLimits, node: nil, pendingEnd: false, empty: 0))
        self.ownedBuffer = owning
        self.errors = ErrorCollector()
        xmlTextReaderSetStructuredErrorHandler(
            reader,
            { context, error in
                guard let context, let error else { return }
                Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
            },
            Unmanaged.passUnretained(errors).toOpaque()
        )
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
        xmlFreeTextReader(reader)
        ownedBuffer?.deallocate()
    }

    // MARK: Moving

    /// Moves to the next start element, end element or text; nil at the end of the document.
    @discardableResult
    public func next() throws(XMLError) -> Node? {
        let state = self.state
        if state.pointee.pendingEnd {
            state.pointee.pendingEnd = false
            state.pointee.node = .endElement
            return .endElement
        }
        let result = xca_xml_read_next(reader, &state.pointee.limits, &state.pointee.empty)
        let node: Node?
        switch result {
        case Int32(XCA_XML_START):
            state.pointee.pendingEnd = state.pointee.empty != 0
            node = .startElement
        case Int32(XCA_XML_END_ELEMENT): node = .endElement
        case Int32(XCA_XML_TEXT): node = .text
        case Int32(XCA_XML_END): node = nil
        default: throw limitError(result)
        }
        state.pointee.node = node
        return node
    }

    /// Moves to the next start element, skipping text and end elements; nil at the end of the document.
    public func nextStartElement() throws(XMLError) -> Bool {
        while let node = try next() {
            if node == .startElement { return true }
        }
        return false
    }

    /// When on a start element, moves to its matching end element (skipping the whole subtree, with every limit
    /// still enforced). Elsewhere it does nothing.
    public func skipElement() throws(XMLError) {
        guard node == .startElement else { return }
        var open = 1
        while open > 0, let node = try next() {
            switch node {
            case .startElement: open += 1
            case .endElement: open -= 1
            case .text: break
            }
        }
    }

    /// When on a start element: the concatenated text of the element, leaving the reader on its end element.
    /// Child elements are an error (`unexpectedContent`) unless `allowingChildren`, in which case their text is
    /// included.
    public func readText(allowingChildren: Bool = false) throws(XMLError) -> String {
        guard node == .startElement else { throw error(.misuse, "readText() needs the reader on a start element") }
        var text = ""
        var open = 1
        while open > 0, let node = try next() {
            switch node {
            case .startElement:
                guard allowingChildren else {
                    throw error(.unexpectedContent, "element <\(qualifiedName)> where only text was expected")
                }
                open += 1
            case .endElement: open -= 1
            case .text: text += value
            }
        }
        return text
    }

    // MARK: The current node

    /// Depth of the current node; the document element is 1.
    public var depth: Int { Int(xmlTextReaderDepth(reader)) + 1 }

    /// Local name of the current element, "" on text.
    public var localName: String { string(xmlTextReaderConstLocalName(reader)) }
    /// Namespace prefix of the current element, nil when unprefixed.
    public var prefix: String? { xmlTextReaderConstPrefix(reader).map { String(cString: $0) } }
    /// Namespace URI of the current element, "" when in no namespace.
    public var namespaceURI: String { string(xmlTextReaderConstNamespaceUri(reader)) }
    /// The name as written (`prefix:local`).
    public var qualifiedName: String { string(xmlTextReaderConstName(reader)) }
    /// The value of the current text node ("" elsewhere).
    public var value: String { string(xmlTextReaderConstValue(reader)) }
    /// Whether the current start element was written as `<a/>`.
    public var isEmptyElement: Bool { node == .startElement && pendingEnd }

    /// Whether the current node is a start element with this local name and namespace. Does not allocate.
    public func isStartElement(_ localName: StaticString, namespace: StaticString) -> Bool {
        node == .startElement && nameEquals(localName, namespace: namespace)
    }

    /// Whether the current node is an end element with this local name and namespace. Does not allocate.
    public func isEndElement(_ localName: StaticString, namespace: StaticString) -> Bool {
        node == .endElement && nameEquals(localName, namespace: namespace)
    }

    /// Whether the current element's local name and namespace are these. Does not allocate.
    public func nameEquals(_ localName: StaticString, namespace: StaticString) -> Bool {
        guard let local = xmlTextReaderConstLocalName(reader), equal(local, localName) else { return false }
        guard let uri = xmlTextReaderConstNamespaceUri(reader) else { return namespace.utf8CodeUnitCount == 0 }
        return equal(uri, namespace)
    }

    /// Whether the current element is in this namespace. Does not allocate.
    public func namespaceEquals(_ namespace: StaticString) -> Bool {
        guard let uri = xmlTextReaderConstNamespaceUri(reader) else { return namespace.utf8CodeUnitCount == 0 }
        return equal(uri, namespace)
    }

    /// The value of an attribute of the current element; `namespace` nil for an unqualified attribute.
    public func attribute(_ localName: String, namespace: String? = nil) -> String? {
        guard node == .startElement else { return nil }
        // Moving to the attribute and reading its value in place spares libxml2's copy of it (and its free).
        let found =
            if let namespace {
                xmlTextReaderMoveToAttributeNs(reader, localName, namespace)
            } else {
                xmlTextReaderMoveToAttribute(reader, localName)
            }
        guard found == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        guard let value = xmlTextReaderConstValue(reader) else { return "" }
        return String(cString: value)
    }

    /// Calls `body` for each attribute of the current element, namespace declarations included (see
    /// ``XMLAttributeView/isNamespaceDeclaration``). The view is valid only during the call.
    public func forEachAttribute<E: Error>(_ body: (XMLAttributeView) throws(E) -> Void) throws(E) {
        guard node == .startElement, xmlTextReaderHasAttributes(reader) == 1 else { return }
        defer { xmlTextReaderMoveToElement(reader) }
        var status = xmlTextReaderMoveToFirstAttribute(reader)
        while status == 1 {
            try body(XMLAttributeView(reader: reader))
            status = xmlTextReaderMoveToNextAttribute(reader)
        }
    }

    /// The namespace URI bound to `prefix` (nil: the default namespace) at the current element — for QNames in
    /// content, such as a SOAP fault's `env:Sender`.
    public func lookupNamespace(prefix: String?) -> String? {
        guard let uri = xmlTextReaderLookupNamespace(reader, prefix) else { return nil }
        defer { xca_xml_free(uri) }
        return String(cString: uri)
    }

    /// 1-based line of the current node (of the parser when the node has none).
    public var line: Int {
        let nodeLine = xca_xml_node_line(xmlTextReaderCurrentNode(reader))
        return nodeLine > 0 ? Int(nodeLine) : Int(xmlTextReaderGetParserLineNumber(reader))
    }

    /// 1-based column of the parser (libxml2 tracks columns for the parser, not per node).
    public var column: Int { Int(xmlTextReaderGetParserColumnNumber(reader)) }

    /// An error at the current position.
    public func error(_ code: XMLError.Code, _ message: String, fileID: StaticString = #fileID, sourceLine: UInt = #line)
        -> XMLError
    {
        XMLError(code, message, line: line, column: column, fileID: fileID, sourceLine: sourceLine)
    }

    // MARK: Private

    private func limitError(_ result: Int32) -> XMLError {
        switch result {
        case Int32(XCA_XML_ERR_DEPTH):
            error(.tooDeep, "elements nest deeper than \(limits.maxDepth)")
        case Int32(XCA_XML_ERR_NAME):
            error(.nameTooLong, "a name exceeds the limit of \(limits.maxNameLength) bytes")
        case Int32(XCA_XML_ERR_ATTRIBUTE_COUNT):
            error(.tooManyAttributes, "an element has more than \(limits.maxAttributesPerElement) attributes")
        case Int32(XCA_XML_ERR_ATTRIBUTE_LENGTH):
            error(.attributeTooLong, "an attribute value exceeds the limit of \(limits.maxAttributeLength) bytes")
        case Int32(XCA_XML_ERR_TEXT):
            error(.textTooLong, "a text node exceeds the limit of \(limits.maxTextLength) bytes")
        case Int32(XCA_XML_ERR_DOCTYPE):
            // The prolog scan catches these first; this is the backstop.
            error(.doctypeForbidden, "document type declarations are not accepted")
        case Int32(XCA_XML_ERR_ENTITY):
            error(.entityForbidden, "entity references are not accepted")
        default:
            parseError()
        }
    }

    private func parseError() -> XMLError {
        if let recorded = errors.first {
            let code: XMLError.Code =
                switch recorded.code {
                case 26, 27, 89, 104: .entityForbidden  // undeclared entity / entity loop / amplification
                case 2 where recorded.message.contains("huge text"): .textTooLong  // libxml2's own ceiling
                default: .malformed
                }
            return XMLError(code, recorded.message, line: recorded.line, column: recorded.column)
        }
        return XMLError(.malformed, "the document is not well-formed", line: line, column: column)
    }

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    private func equal(_ pointer: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        return xmlStrncmp(pointer, literal.utf8Start, Int32(count)) == 0 && pointer[count] == 0
    }

    private static func position(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for index in 0..<min(offset, bytes.count) {
            if bytes[index] == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}

/// Keeps the first error libxml2 reports for one reader.
private final class ErrorCollector {
    struct Recorded {
        var code: Int
        var message: String
        var line: Int
        var column: Int
    }

    private(set) var first: Recorded?

    func record(_ error: xmlError) {
        guard first == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        // Only libxml2's first line: the lines after it quote bytes of the document.
        let full = error.message.map { String(cString: $0) } ?? "not well-formed"
        var message = String(full.prefix { $0 != "\n" })
        while message.last == " " { message.removeLast() }
        first = Recorded(code: Int(error.code), message: message, line: Int(error.line), column: Int(error.int2))
    }
}

extension XMLStreamReader {
    /// The qualified name of the current node as NUL-free bytes, valid until the reader moves.
    var qualifiedNameBuffer: UnsafeBufferPointer<UInt8> { buffer(xmlTextReaderConstName(reader)) }
    /// The value of the current text node as bytes, valid until the reader moves.
    var valueBuffer: UnsafeBufferPointer<UInt8> { buffer(xmlTextReaderConstValue(reader)) }
    /// The namespace URI of the current node; nil for none.
    var namespaceURIPointer: UnsafePointer<xmlChar>? { xmlTextReaderConstNamespaceUri(reader) }
    var prefixPointer: UnsafePointer<xmlChar>? { xmlTextReaderConstPrefix(reader) }

    private func buffer(_ pointer: UnsafePointer<xmlChar>?) -> UnsafeBufferPointer<UInt8> {
        guard let pointer else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer)))
    }
}
