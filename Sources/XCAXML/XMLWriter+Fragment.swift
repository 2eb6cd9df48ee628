extension XMLWriter {
    /// Copies fragment `fragment` of `index` — a child element found by ``XMLFragmentScanner`` — straight from
    /// `document`, the bytes the index was made from: a `memcpy`, where ``copyElement(from:editingRootAttribute:)``
    /// re-serialises node by node. Only the root's start tag changes: `edit` is applied to it, and the namespace
    /// declarations the fragment relies on from outside itself are added to it. The writer must be where the
    /// scan's `destinationBindings` are in scope, and nowhere a default namespace is bound unless it listed one.
    ///
    /// The copy is infoset-equivalent to ``copyElement(from:editingRootAttribute:)``'s: the same names in the
    /// same namespaces with the same prefixes, the same attributes and text, written as the source wrote them
    /// (character references, CDATA sections, whitespace between elements and attribute quotes are kept).
    ///
    /// Returns whether `edit` changed the element.
    @discardableResult
    package mutating func copyFragment(
        _ fragment: Int,
        of index: XMLFragmentIndex,
        in document: UnsafeRawBufferPointer,
        editing edit: XMLFragmentIndex.RootEdit? = nil
    ) throws(XMLError) -> Bool {
        let item = index.fragments[fragment]
        guard item.range.upperBound <= document.count, let base = document.baseAddress?.assumingMemoryBound(to: UInt8.self)
        else { throw XMLError(.misuse, "copyFragment(_:of:in:) needs the document the index was made from") }
        closeStartTagForCopy()
        var from = item.range.lowerBound
        var edited = false
        if let edit {
            let current = index.attribute(edit.slot, of: fragment)
            if current == nil {
                appendDocumentBytes(base, from..<item.startTagEnd)
                bytes.append(contentsOf: edit.attribute)
                from = item.startTagEnd
                edited = true
            } else if edit.mode == .replace || current?.isEmpty == true {
                guard let value = Self.valueRange(of: edit.name, in: base, tag: from..<item.startTagEnd) else {
                    throw XMLError(.malformed, "attribute \(edit.name) not found where the scan saw it")
                }
                appendDocumentBytes(base, from..<value.lowerBound)
                bytes.append(contentsOf: edit.escapedValue)
                from = value.upperBound
                edited = current != edit.value
            }
        }
        appendDocumentBytes(base, from..<item.startTagEnd)
        for declaration in item.declarations {
            bytes.append(contentsOf: index.declarations[index.fragmentDeclarations[declaration]].bytes)
        }
        appendDocumentBytes(base, item.startTagEnd..<item.range.upperBound)
        return edited
    }

    private mutating func appendDocumentBytes(_ base: UnsafePointer<UInt8>, _ range: Range<Int>) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    /// The bytes between the quotes of unqualified attribute `name` in the start tag `tag` (from its `<` to the
    /// `>` or `/>` that closes it), found by reading the tag: it is well-formed, so `<` cannot occur in it and a
    /// value ends at its own quote character.
    static func valueRange(of name: [UInt8], in base: UnsafePointer<UInt8>, tag: Range<Int>) -> Range<Int>? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        let end = tag.upperBound
        var at = tag.lowerBound + 1
        while at < end, !isSpace(base[at]) { at += 1 }  // the element's name
        while true {
            while at < end, isSpace(base[at]) { at += 1 }
            guard at < end else { return nil }
            let nameStart = at
            while at < end, !isSpace(base[at]), base[at] != UInt8(ascii: "=") { at += 1 }
            let nameEnd = at
            while at < end, isSpace(base[at]) { at += 1 }
            guard at < end, base[at] == UInt8(ascii: "=") else { return nil }
            at += 1
            while at < end, isSpace(base[at]) { at += 1 }
            guard at < end, base[at] == UInt8(ascii: "\"") || base[at] == UInt8(ascii: "'") else { return nil }
            let quote = base[at]
            at += 1
            let valueStart = at
            while at < end, base[at] != quote { at += 1 }
            guard at < end else { return nil }
            if UnsafeBufferPointer(start: base + nameStart, count: nameEnd - nameStart).elementsEqual(name) {
                return valueStart..<at
            }
            at += 1
        }
    }
}
