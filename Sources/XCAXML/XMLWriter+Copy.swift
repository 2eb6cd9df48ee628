import CLibXML2

/// How ``XMLWriter/copyElement(from:editingRootAttribute:)`` changes one unqualified attribute of the copied
/// element (not of its descendants).
public struct XMLAttributeEdit: Sendable {
    public enum Mode: Sendable {
        /// Write `value` whatever the element had.
        case replace
        /// Write `value` only where the attribute is missing or empty (the ITI-38 `home` repair).
        case fillIfMissingOrEmpty
    }

    public var name: String
    public var value: String
    public var mode: Mode

    public init(name: String, value: String, mode: Mode) {
        self.name = name
        self.value = value
        self.mode = mode
    }
}

extension XMLWriter {
    /// Copies the element the reader is on — attributes, namespace declarations, text and every descendant — and
    /// leaves the reader on the element's end. No tree is built: nodes go from the reader's buffers to this
    /// writer's one by one. The copy is infoset-equivalent: the same names in the same namespaces with the same
    /// prefixes, the same attributes and text; namespace declarations the source made on ancestors outside the
    /// copied element are repeated on it, and ones already in scope in the output are not.
    ///
    /// Returns whether `edit` changed the element.
    @discardableResult
    public mutating func copyElement(from reader: XMLStreamReader, editingRootAttribute edit: XMLAttributeEdit? = nil)
        throws(XMLError) -> Bool
    {
        guard reader.node == .startElement else {
            throw reader.error(.misuse, "copyElement(from:) needs the reader on a start element")
        }
        var edited = false
        var open = 0
        var node: XMLStreamReader.Node? = .startElement
        while let current = node {
            switch current {
            case .startElement:
                edited = try copyStartTag(from: reader, edit: open == 0 ? edit : nil) || edited
                open += 1
            case .endElement:
                try endElement()
                open -= 1
                if open == 0 { return edited }
            case .text:
                closeStartTagForCopy()
                // libxml2 hands out only well-formed UTF-8 of XML characters: escape, no need to validate.
                try appendEscaped(reader.valueBuffer, attribute: false, validate: false)
            }
            node = try reader.next()
        }
        throw reader.error(.malformed, "the document ended inside a copied element")
    }

    private mutating func copyStartTag(from reader: XMLStreamReader, edit: XMLAttributeEdit?) throws(XMLError) -> Bool {
        startElement(trustedName: reader.qualifiedNameBuffer)
        var editedValueWritten = false
        var edited = false
        var failure: XMLError?
        reader.forEachAttribute { attribute in
            guard failure == nil else { return }
            do throws(XMLError) {
                if attribute.isNamespaceDeclaration {
                    try declareNamespace(prefix: attribute.declaredPrefix, uri: attribute.value)
                    return
                }
                if let edit, attribute.namespaceURIBytes == nil, attribute.localName == edit.name {
                    let current = attribute.value
                    if edit.mode == .replace || current.isEmpty {
                        try self.attribute(edit.name, edit.value)
                        edited = current != edit.value
                        editedValueWritten = true
                        return
                    }
                    editedValueWritten = true
                }
                if let prefix = attribute.prefix, let uri = attribute.namespaceURI {
                    try declareNamespace(prefix: prefix, uri: uri)
                }
                appendParsedAttribute(
                    name: Self.buffer(attribute.qualifiedNameBytes),
                    value: Self.buffer(attribute.valueBytes)
                )
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        if let edit, !editedValueWritten {
            try attribute(edit.name, edit.value)
            edited = true
        }
        // The element's own namespace, when the source declared it on an ancestor that is not being copied.
        if !isBound(prefix: reader.prefixPointer, uri: reader.namespaceURIPointer) {
            let prefix = reader.prefixPointer.map { String(cString: $0) }
            let uri = reader.namespaceURIPointer.map { String(cString: $0) } ?? ""
            try declareNamespace(prefix: prefix, uri: uri)
        }
        return edited
    }

    /// Whether `prefix` (nil: the default namespace) is bound to `uri` in scope, comparing raw bytes (no String
    /// is made): the copy path asks this for every element it copies.
    private func isBound(prefix: UnsafePointer<UInt8>?, uri: UnsafePointer<UInt8>?) -> Bool {
        let prefixBytes = prefix.map { UnsafeBufferPointer(start: $0, count: Int(xmlStrlen($0))) }
        for binding in bindings.reversed() {
            if let wanted = prefixBytes {
                guard let bound = binding.prefix, bound.utf8.elementsEqual(wanted) else { continue }
            } else if binding.prefix != nil {
                continue
            }
            guard let uri else { return binding.uri.isEmpty }
            return binding.uri.utf8.elementsEqual(UnsafeBufferPointer(start: uri, count: Int(xmlStrlen(uri))))
        }
        return prefix == nil && (uri == nil || uri?.pointee == 0)
    }

    private static func buffer(_ pointer: UnsafePointer<UInt8>?) -> UnsafeBufferPointer<UInt8> {
        guard let pointer else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer)))
    }
}
