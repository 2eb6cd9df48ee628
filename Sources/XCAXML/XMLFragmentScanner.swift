import CLibXML2

/// Finds, in one SAX pass of libxml2 and without building anything per node, the byte ranges of the child elements
/// of chosen container elements (the objects of an ebRIM `RegistryObjectList`), so that they can be copied verbatim
/// (``XMLWriter/copyFragment(_:of:in:editing:)``) rather than re-serialised node by node.
///
/// A verbatim copy is only right where the bytes mean the same in their new place. The scan therefore also
/// records, per fragment, the namespace bindings it relies on from outside itself that the destination does not
/// provide (``destinationBindings``), to be declared on the copy's root; and it gives up — the caller then uses
/// the reader and ``XMLWriter/copyElement(from:editingRootAttribute:)`` — when:
/// - the document is not well-formed, over a limit, or has a DTD or an entity reference (``Unavailable/rejected``:
///   the reader reports the problem properly);
/// - it is not UTF-8 (``Unavailable/notUTF8``);
/// - a fragment holds a comment or processing instruction, which re-serialisation drops
///   (``Unavailable/commentOrInstruction``);
/// - the positions libxml2 reports do not match the bytes (``Unavailable/inconsistentPositions``): a check, not an
///   expected outcome.
///
/// The reader's hardening applies: DOCTYPE refused before parsing, no entity substitution, no network, and every
/// ``XMLLimits`` limit enforced at least as strictly as ``XMLStreamReader`` does.
package struct XMLFragmentScanner: Sendable {
    /// One element of a container's path from the document element.
    package struct Step: Sendable, Hashable {
        package var localName: String
        package var namespace: String

        package init(_ localName: String, namespace: String) {
            self.localName = localName
            self.namespace = namespace
        }
    }

    /// A namespace binding; `prefix` nil for the default namespace.
    package struct Binding: Sendable, Hashable {
        package var prefix: String?
        package var uri: String

        package init(prefix: String?, uri: String) {
            self.prefix = prefix
            self.uri = uri
        }
    }

    /// Why a document was not indexed.
    package enum Unavailable: Sendable, Equatable {
        /// Not well-formed, namespace errors, over a limit, a DTD or an entity reference: the reader says which.
        case rejected
        /// In an encoding other than UTF-8: its bytes cannot be copied into UTF-8 output.
        case notUTF8
        /// A comment or processing instruction inside a fragment, which re-serialisation would drop.
        case commentOrInstruction
        /// No element on any of the container paths.
        case noContainer
        /// libxml2's positions did not match the bytes (a check; not expected with any libxml2 2.9 or later).
        case inconsistentPositions
        /// A fragment relies on, or declares, more namespace bindings than the scan tracks (32 from outside, 64
        /// of its own).
        case tooManyBindings
    }

    package enum Outcome: Sendable {
        case indexed(XMLFragmentIndex)
        case unavailable(Unavailable)
    }

    /// The paths, from the document element, of the elements whose children are indexed. A container's
    /// descendants are not searched for further containers.
    package var containers: [[Step]] { didSet { prepared = Prepared(self) } }
    /// The bindings in scope where the fragments are copied to; the default namespace is unbound there unless
    /// listed. The `xml` prefix is always bound.
    package var destinationBindings: [Binding] { didSet { prepared = Prepared(self) } }
    /// Unqualified attributes whose values are captured on each fragment's root.
    package var capturedAttributes: [String] { didSet { prepared = Prepared(self) } }
    package var limits: XMLLimits

    /// The names and bindings above as bytes, made once per scanner rather than once per scan.
    struct Prepared: Sendable {
        var paths: [[(localName: [UInt8], namespace: [UInt8])]] = []
        var destination: [(prefix: [UInt8]?, uri: [UInt8])] = []
        var destinationDefault: [UInt8]?
        var captured: [[UInt8]] = []

        init() {}

        init(_ scanner: XMLFragmentScanner) {
            paths = scanner.containers.map { path in path.map { (Array($0.localName.utf8), Array($0.namespace.utf8)) } }
            destination = scanner.destinationBindings.filter { $0.prefix != nil }.map {
                ($0.prefix.map { Array($0.utf8) }, Array($0.uri.utf8))
            }
            destinationDefault = scanner.destinationBindings.last { $0.prefix == nil }.map { Array($0.uri.utf8) }
            captured = scanner.capturedAttributes.map { Array($0.utf8) }
        }
    }

    private(set) var prepared = Prepared()

    package init(
        containers: [[Step]],
        destinationBindings: [Binding],
        capturedAttributes: [String],
        limits: XMLLimits = .default
    ) {
        self.containers = containers
        self.destinationBindings = destinationBindings
        self.capturedAttributes = capturedAttributes
        self.limits = limits
        self.prepared = Prepared(self)
    }

    /// Scans `document` (not copied; it must stay valid and unchanged while the index is used).
    package func scan(_ document: UnsafeRawBufferPointer) -> Outcome {
        _ = LibXML2.initialised
        guard document.count > 0, document.count <= limits.maxDocumentSize, document.count <= Int(Int32.max),
            let base = document.baseAddress?.assumingMemoryBound(to: UInt8.self)
        else { return .unavailable(.rejected) }
        if case .doctype = XMLProlog.scan(document) { return .unavailable(.rejected) }
        guard containers.count <= 64, !containers.contains(where: \.isEmpty) else { return .unavailable(.noContainer) }
        guard let parser = xmlNewParserCtxt() else { return .unavailable(.rejected) }
        defer { xmlFreeParserCtxt(parser) }

        let state = UnsafeMutablePointer<ScanState>.allocate(capacity: 1)
        state.initialize(to: ScanState(document: base, count: document.count, scanner: self))
        defer {
            state.deinitialize(count: 1)
            state.deallocate()
        }
        // The context owns its handler (freed with it): overwrite it with ours.
        guard let sax = parser.pointee.sax else { return .unavailable(.rejected) }
        sax.pointee = Self.handler()
        parser.pointee._private = UnsafeMutableRawPointer(state)
        // Read through callbacks, as from a socket: libxml2 keeps a small window (no copy of the whole document,
        // no XML_PARSE_HUGE needed for its lookup limit), and positions stay exact through its shrinking.
        // Blanks are kept so that every text byte passes the length check.
        let options = LibXML2.parserOptions(for: limits) & ~Int32(bitPattern: XML_PARSE_NOBLANKS.rawValue)
        let tree = xmlCtxtReadIO(
            parser,
            { context, buffer, length in
                guard let context, let buffer, length > 0 else { return 0 }
                return context.assumingMemoryBound(to: ScanState.self).pointee.read(into: buffer, length: length)
            },
            { _ in 0 },
            UnsafeMutableRawPointer(state),
            nil,
            nil,
            options
        )
        if let tree { xmlFreeDoc(tree) }  // never built by this handler; freed all the same

        if let failure = state.pointee.failure { return .unavailable(failure) }
        guard parser.pointee.wellFormed == 1, state.pointee.depth == 0 else { return .unavailable(.rejected) }
        guard !state.pointee.index.containers.isEmpty else { return .unavailable(.noContainer) }
        return .indexed(state.pointee.index)
    }

    // MARK: SAX

    private static func handler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { context, localName, prefix, uri, namespaceCount, namespaces, count, _, attributes in
            guard let parser = XMLFragmentScanner.parser(context), let localName else { return }
            XMLFragmentScanner.scanState(parser).pointee.startElement(
                parser,
                localName: localName,
                prefix: prefix,
                uri: uri,
                namespaceCount: Int(namespaceCount),
                namespaces: namespaces,
                attributeCount: Int(count),
                attributes: attributes
            )
        }
        handler.endElementNs = { context, _, _, _ in
            guard let parser = XMLFragmentScanner.parser(context) else { return }
            XMLFragmentScanner.scanState(parser).pointee.endElement(parser)
        }
        let characters: charactersSAXFunc = { context, _, length in
            guard let parser = XMLFragmentScanner.parser(context) else { return }
            XMLFragmentScanner.scanState(parser).pointee.characters(parser, length: Int(length))
        }
        // The same function for both, so that libxml2 does not look for ignorable blanks.
        handler.characters = characters
        handler.ignorableWhitespace = characters
        handler.comment = { context, _ in
            guard let parser = XMLFragmentScanner.parser(context) else { return }
            XMLFragmentScanner.scanState(parser).pointee.markup(parser)
        }
        handler.processingInstruction = { context, _, _ in
            guard let parser = XMLFragmentScanner.parser(context) else { return }
            XMLFragmentScanner.scanState(parser).pointee.markup(parser)
        }
        handler.internalSubset = { context, _, _, _ in
            guard let parser = XMLFragmentScanner.parser(context) else { return }
            XMLFragmentScanner.scanState(parser).pointee.fail(.rejected, parser)
        }
        handler.externalSubset = { context, _, _, _ in
            guard let parser = XMLFragmentScanner.parser(context) else { return }
            XMLFragmentScanner.scanState(parser).pointee.fail(.rejected, parser)
        }
        handler.reference = { context, _ in
            guard let parser = XMLFragmentScanner.parser(context) else { return }
            XMLFragmentScanner.scanState(parser).pointee.fail(.rejected, parser)
        }
        handler.serror = { context, error in
            // Errors, namespace errors included, leave the document to the reader; warnings do not matter here.
            guard let parser = XMLFragmentScanner.parser(context), let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue
            else { return }
            XMLFragmentScanner.scanState(parser).pointee.fail(.rejected, parser)
        }
        return handler
    }

    private static func parser(_ context: UnsafeMutableRawPointer?) -> xmlParserCtxtPtr? {
        context?.assumingMemoryBound(to: xmlParserCtxt.self)
    }

    private static func scanState(_ parser: xmlParserCtxtPtr) -> UnsafeMutablePointer<ScanState> {
        // Set before parsing starts, cleared only after it ends.
        parser.pointee._private.unsafelyUnwrapped.assumingMemoryBound(to: ScanState.self)
    }
}

/// The scan's state, behind a pointer that the SAX callbacks get back through the parser context.
private struct ScanState {
    typealias Name = UnsafePointer<xmlChar>

    let document: UnsafePointer<UInt8>
    let count: Int
    var readPosition = 0

    // Limits, as the reader applies them.
    let maxDepth: Int
    let maxAttributes: Int
    let maxAttributeLength: Int
    let maxTextLength: Int
    let maxNameLength: Int

    var depth = 0
    var textRun = 0
    var failure: XMLFragmentScanner.Unavailable?

    // Containers: paths as bytes, a bit per path still matching at each depth.
    let paths: [[(localName: [UInt8], namespace: [UInt8])]]
    let longestPath: Int
    var pathMasks: [UInt64]
    var containerDepth = 0
    var containerStartTagEnd = 0
    var containerIsEmpty = false
    var containerLine = 0
    var containerFirstFragment = 0

    // The fragment being read.
    var fragmentStart = 0
    var fragmentStartTagEnd = 0
    /// The prefixes declared inside the fragment, with the depth of the element declaring them.
    var scope: [(depth: Int, prefix: Name?)] = []
    /// Bindings the destination provides, as met (pointers into libxml2's dictionary, stable for the parse).
    var provided: [(prefix: Name?, uri: Name?)] = []
    /// Bindings that need declaring, as met; parallel to `index.declarations`.
    var declared: [(prefix: Name?, uri: Name?)] = []
    var needed: [Int] = []

    let destination: [(prefix: [UInt8]?, uri: [UInt8])]
    let destinationDefault: [UInt8]?
    let captured: [[UInt8]]
    var index: XMLFragmentIndex

    init(document: UnsafePointer<UInt8>, count: Int, scanner: XMLFragmentScanner) {
        self.document = document
        self.count = count
        let limits = scanner.limits
        maxDepth = limits.maxDepth
        maxAttributes = limits.maxAttributesPerElement
        maxAttributeLength = limits.maxAttributeLength
        let huge = LibXML2.parserOptions(for: limits) & Int32(bitPattern: XML_PARSE_HUGE.rawValue) != 0
        maxTextLength = huge ? limits.maxTextLength : min(limits.maxTextLength, XMLLimits.libxml2TextCeiling)
        maxNameLength = limits.maxNameLength
        let prepared = scanner.prepared
        paths = prepared.paths
        longestPath = paths.map(\.count).max() ?? 0
        pathMasks = Array(repeating: 0, count: longestPath + 1)
        pathMasks[0] = paths.count == 64 ? .max : (1 << UInt64(paths.count)) - 1
        destination = prepared.destination
        destinationDefault = prepared.destinationDefault
        captured = prepared.captured
        index = XMLFragmentIndex(capturedNames: scanner.capturedAttributes)
    }

    // MARK: Input

    mutating func read(into buffer: UnsafeMutablePointer<CChar>, length: Int32) -> Int32 {
        let size = min(Int(length), count - readPosition)
        guard size > 0 else { return 0 }
        UnsafeMutableRawPointer(buffer).copyMemory(from: document + readPosition, byteCount: size)
        readPosition += size
        return Int32(size)
    }

    /// The parser's byte offset in the document.
    func position(_ parser: xmlParserCtxtPtr) -> Int {
        guard let input = parser.pointee.input, let cur = input.pointee.cur, let base = input.pointee.base else {
            return -1
        }
        return Int(input.pointee.consumed) + (cur - base)
    }

    // MARK: Events

    mutating func fail(_ reason: XMLFragmentScanner.Unavailable, _ parser: xmlParserCtxtPtr) {
        if failure == nil { failure = reason }
        xmlStopParser(parser)
    }

    mutating func characters(_ parser: xmlParserCtxtPtr, length: Int) {
        textRun += length
        if textRun > maxTextLength { fail(.rejected, parser) }
    }

    mutating func markup(_ parser: xmlParserCtxtPtr) {
        textRun = 0
        if containerDepth > 0 && depth > containerDepth { fail(.commentOrInstruction, parser) }
    }

    mutating func startElement(
        _ parser: xmlParserCtxtPtr,
        localName: Name,
        prefix: Name?,
        uri: Name?,
        namespaceCount: Int,
        namespaces: UnsafeMutablePointer<Name?>?,
        attributeCount: Int,
        attributes: UnsafeMutablePointer<Name?>?
    ) {
        depth += 1
        textRun = 0
        guard depth <= maxDepth, attributeCount <= maxAttributes, Int(xmlStrlen(localName)) <= maxNameLength else {
            return fail(.rejected, parser)
        }
        if let attributes {
            for attribute in 0..<attributeCount {
                guard let value = attributes[attribute * 5 + 3], let end = attributes[attribute * 5 + 4],
                    end - value <= maxAttributeLength
                else { return fail(.rejected, parser) }
            }
        }
        if depth == 1, parser.pointee.input?.pointee.buf?.pointee.encoder != nil { return fail(.notUTF8, parser) }

        if containerDepth > 0 {
            if depth == containerDepth + 1 {
                beginFragment(parser, localName: localName, prefix: prefix, count: attributeCount, attributes)
                if failure != nil { return }
            }
            if namespaceCount > 0, let namespaces {
                guard scope.count + namespaceCount <= 64 else { return fail(.tooManyBindings, parser) }
                for declaration in 0..<namespaceCount { scope.append((depth, namespaces[declaration * 2])) }
            }
            rely(on: prefix, uri, parser)
            if let attributes {
                for attribute in 0..<attributeCount {
                    if let attributePrefix = attributes[attribute * 5 + 1] {
                        rely(on: attributePrefix, attributes[attribute * 5 + 2], parser)
                    }
                }
            }
            return
        }

        guard depth <= longestPath else { return }
        var mask = pathMasks[depth - 1]
        var complete = false
        if mask != 0 {
            for (path, steps) in paths.enumerated() where mask & (1 << UInt64(path)) != 0 {
                if steps.count >= depth, Self.equal(localName, steps[depth - 1].localName),
                    Self.equal(uri, steps[depth - 1].namespace)
                {
                    if steps.count == depth { complete = true }
                } else {
                    mask &= ~(1 << UInt64(path))
                }
            }
        }
        pathMasks[depth] = mask
        if complete { beginContainer(parser) }
    }

    mutating func endElement(_ parser: xmlParserCtxtPtr) {
        textRun = 0
        let ending = depth
        depth -= 1
        guard containerDepth > 0 else { return }
        if ending > containerDepth {
            while let last = scope.last, last.depth == ending { scope.removeLast() }
            if ending == containerDepth + 1 { finishFragment(parser) }
        } else {
            finishContainer(parser)
        }
    }

    // MARK: Containers and fragments

    mutating func beginContainer(_ parser: xmlParserCtxtPtr) {
        let tagEnd = position(parser)
        guard let empty = startTagEnd(at: tagEnd) else { return fail(.inconsistentPositions, parser) }
        containerDepth = depth
        containerStartTagEnd = tagEnd
        containerIsEmpty = empty
        containerLine = Int(parser.pointee.input?.pointee.line ?? 0)
        containerFirstFragment = index.fragments.count
    }

    mutating func finishContainer(_ parser: xmlParserCtxtPtr) {
        containerDepth = 0
        var content: Range<Int>?
        var lineBreaks = 0
        if !containerIsEmpty {
            let end = position(parser)
            let contentStart = containerStartTagEnd + 1
            guard end <= count, end > contentStart, document[end - 1] == UInt8(ascii: ">"),
                let endTag = lastTagOpening(before: end - 1, notBefore: contentStart),
                document[endTag + 1] == UInt8(ascii: "/")
            else { return fail(.inconsistentPositions, parser) }
            content = contentStart..<endTag
            // Lines the reader counts between the two tags, less those inside the end tag itself (`</a\n>`).
            var inEndTag = 0
            for offset in endTag..<end where document[offset] == 0x0A { inEndTag += 1 }
            let line = Int(parser.pointee.input?.pointee.line ?? 0)
            lineBreaks = max(0, line - containerLine - inEndTag)
        }
        index.containers.append(
            XMLFragmentIndex.Container(
                content: content,
                lineBreaks: lineBreaks,
                fragments: containerFirstFragment..<index.fragments.count
            )
        )
    }

    mutating func beginFragment(
        _ parser: xmlParserCtxtPtr,
        localName: Name,
        prefix: Name?,
        count attributeCount: Int,
        _ attributes: UnsafeMutablePointer<Name?>?
    ) {
        let tagEnd = position(parser)
        guard startTagEnd(at: tagEnd) != nil, let start = lastTagOpening(before: tagEnd, notBefore: 0),
            nameMatches(at: start + 1, prefix: prefix, localName: localName)
        else { return fail(.inconsistentPositions, parser) }
        fragmentStart = start
        fragmentStartTagEnd = tagEnd
        needed.removeAll(keepingCapacity: true)

        let first = index.capturedValues.count
        index.capturedValues.append(contentsOf: repeatElement(nil, count: captured.count))
        guard let attributes, !captured.isEmpty else { return }
        for attribute in 0..<attributeCount where attributes[attribute * 5 + 1] == nil {
            guard let name = attributes[attribute * 5] else { continue }
            for (slot, wanted) in captured.enumerated() where Self.equal(name, wanted) {
                if let value = attributes[attribute * 5 + 3], let end = attributes[attribute * 5 + 4] {
                    index.capturedValues[first + slot] = String(
                        decoding: UnsafeBufferPointer(start: value, count: end - value),
                        as: UTF8.self
                    )
                }
            }
        }
    }

    mutating func finishFragment(_ parser: xmlParserCtxtPtr) {
        let end = position(parser)
        guard end <= count, end > fragmentStartTagEnd, document[end - 1] == UInt8(ascii: ">") else {
            return fail(.inconsistentPositions, parser)
        }
        let declarations = index.fragmentDeclarations.count
        index.fragmentDeclarations.append(contentsOf: needed)
        index.fragments.append(
            XMLFragmentIndex.Fragment(
                range: fragmentStart..<end,
                startTagEnd: fragmentStartTagEnd,
                declarations: declarations..<index.fragmentDeclarations.count
            )
        )
    }

    // MARK: Namespaces

    /// Notes that an element or attribute of the fragment is named with `prefix`, which libxml2 resolved to
    /// `uri`, and records a declaration for the copy unless the fragment declares the prefix itself or the
    /// destination binds it the same way.
    mutating func rely(on prefix: Name?, _ uri: Name?, _ parser: xmlParserCtxtPtr) {
        if prefix == nil && uri == nil && destinationDefault == nil { return }  // no namespace, none in scope
        for known in provided where known.prefix == prefix && known.uri == uri { return }
        if !scope.isEmpty {
            for declaration in scope.reversed() where Self.samePrefix(declaration.prefix, prefix) { return }
        }
        if let prefix, prefix == parser.pointee.str_xml || Self.equal(prefix, Self.xml) { return }
        if providedByDestination(prefix, uri) {
            guard provided.count < 32 else { return fail(.tooManyBindings, parser) }
            provided.append((prefix, uri))
            return
        }
        var found: Int?
        for (number, known) in declared.enumerated() where known.prefix == prefix && known.uri == uri {
            found = number
            break
        }
        if found == nil {
            guard declared.count < 32 else { return fail(.tooManyBindings, parser) }
            let declaration = Self.declaration(prefix: prefix, uri: uri)
            declared.append((prefix, uri))
            index.declarations.append(declaration)
            found = declared.count - 1
        }
        if let found, !needed.contains(found) { needed.append(found) }
    }

    func providedByDestination(_ prefix: Name?, _ uri: Name?) -> Bool {
        guard let prefix else {
            // The default namespace: the same URI, or none on both sides.
            guard let destinationDefault else { return uri == nil }
            return Self.equal(uri, destinationDefault)
        }
        for binding in destination where binding.prefix.map({ Self.equal(prefix, $0) }) ?? false {
            return Self.equal(uri, binding.uri)
        }
        return false
    }

    static let xml = Array("xml".utf8)

    static func declaration(prefix: Name?, uri: Name?) -> XMLFragmentIndex.Declaration {
        let prefixString = prefix.map { String(cString: $0) }
        let uriString = uri.map { String(cString: $0) } ?? ""
        var writer = XMLWriter(capacity: 32 + uriString.utf8.count)
        writer.bytes.append(contentsOf: " xmlns".utf8)
        if let prefixString {
            writer.bytes.append(UInt8(ascii: ":"))
            writer.bytes.append(contentsOf: prefixString.utf8)
        }
        writer.bytes.append(contentsOf: "=\"".utf8)
        // libxml2 hands out well-formed UTF-8 of XML characters: escape, no need to validate.
        if let uri { try? writer.appendEscaped(buffer(uri), attribute: true, validate: false) }
        writer.bytes.append(UInt8(ascii: "\""))
        return XMLFragmentIndex.Declaration(prefix: prefixString, uri: uriString, bytes: writer.bytes)
    }

    // MARK: Bytes

    /// Whether the document has a start tag's end at `offset`: true for `/>`, false for `>`, nil for neither.
    func startTagEnd(at offset: Int) -> Bool? {
        guard offset >= 0, offset < count else { return nil }
        if document[offset] == UInt8(ascii: ">") { return false }
        if document[offset] == UInt8(ascii: "/"), offset + 1 < count, document[offset + 1] == UInt8(ascii: ">") {
            return true
        }
        return nil
    }

    /// The offset of the last `<` before `offset`: the opening of the tag `offset` is in, as `<` cannot occur
    /// inside a tag.
    func lastTagOpening(before offset: Int, notBefore lowest: Int) -> Int? {
        var index = min(offset, count) - 1
        while index >= lowest {
            if document[index] == UInt8(ascii: "<") { return index }
            index -= 1
        }
        return nil
    }

    /// Whether `prefix:localName` (or `localName`) is written at `offset`, followed by the end of the name.
    func nameMatches(at offset: Int, prefix: Name?, localName: Name) -> Bool {
        var at = offset
        if let prefix {
            let length = Int(xmlStrlen(prefix))
            guard at + length < count, xmlStrncmp(document + at, prefix, Int32(length)) == 0,
                document[at + length] == UInt8(ascii: ":")
            else { return false }
            at += length + 1
        }
        let length = Int(xmlStrlen(localName))
        guard at + length < count, xmlStrncmp(document + at, localName, Int32(length)) == 0 else { return false }
        switch document[at + length] {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/"): return true
        default: return false
        }
    }

    static func equal(_ name: Name?, _ bytes: [UInt8]) -> Bool {
        guard let name else { return bytes.isEmpty }
        return bytes.withUnsafeBufferPointer { wanted in
            guard let base = wanted.baseAddress else { return name[0] == 0 }
            return xmlStrncmp(name, base, Int32(wanted.count)) == 0 && name[wanted.count] == 0
        }
    }

    static func samePrefix(_ one: Name?, _ other: Name?) -> Bool {
        if one == other { return true }
        guard let one, let other else { return false }
        return xmlStrEqual(one, other) == 1
    }

    static func buffer(_ pointer: Name) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer)))
    }
}
