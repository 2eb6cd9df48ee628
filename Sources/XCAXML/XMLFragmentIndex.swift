/// Where the child elements of chosen container elements lie in a document's bytes, as found by
/// ``XMLFragmentScanner``: enough to copy each child verbatim (``XMLWriter/copyFragment(_:of:in:editing:)``)
/// instead of re-serialising it node by node, and to read the rest of the document without them
/// (``documentWithoutContainerContent(_:)``).
///
/// Offsets are byte offsets into the scanned document, which must be the bytes handed to the copy and removal
/// methods.
package struct XMLFragmentIndex: Sendable {
    /// One matched container element, in document order.
    package struct Container: Sendable, Equatable {
        /// The bytes between the end of the container's start tag and the start of its end tag; nil when the
        /// container was written as an empty element (`<a/>`).
        package var content: Range<Int>?
        /// How many line breaks a reader counts between the container's start tag and its end tag, so that
        /// removing the content can keep the lines of everything after it.
        package var lineBreaks: Int
        /// The container's child elements: indices into ``XMLFragmentIndex/fragments``.
        package var fragments: Range<Int>
    }

    /// One child element of a container.
    package struct Fragment: Sendable, Equatable {
        /// From its `<` to the `>` that ends it.
        package var range: Range<Int>
        /// The offset of the `>` (or `/>`) that closes its start tag: where attributes can be added.
        package var startTagEnd: Int
        /// The namespace declarations it needs where it is copied to: indices into
        /// ``XMLFragmentIndex/fragmentDeclarations``.
        package var declarations: Range<Int>
    }

    /// A namespace binding a fragment relies on from outside itself that the destination does not provide.
    package struct Declaration: Sendable, Equatable {
        /// nil for the default namespace.
        package var prefix: String?
        /// "" to undeclare the default namespace.
        package var uri: String
        /// ` xmlns:prefix="uri"`, escaped, ready to insert into a start tag.
        package var bytes: [UInt8]
    }

    package internal(set) var containers: [Container] = []
    package internal(set) var fragments: [Fragment] = []
    /// The names of the unqualified attributes captured on each fragment's root, as configured.
    package let capturedNames: [String]
    /// The captured values: fragment `i`'s value of `capturedNames[k]` is at `i * capturedNames.count + k`;
    /// nil where the root has no such attribute.
    package internal(set) var capturedValues: [String?] = []
    package internal(set) var declarations: [Declaration] = []
    /// Indices into ``declarations``, per fragment.
    package internal(set) var fragmentDeclarations: [Int] = []

    init(capturedNames: [String]) {
        self.capturedNames = capturedNames
    }

    /// The value of captured attribute `slot` (an index into ``capturedNames``) on fragment `fragment`'s root.
    package func attribute(_ slot: Int, of fragment: Int) -> String? {
        capturedValues[fragment * capturedNames.count + slot]
    }

    /// The index of a captured attribute's name, nil when it was not captured.
    package func slot(of name: String) -> Int? {
        capturedNames.firstIndex(of: name)
    }

    /// `document` with the content of every non-empty container replaced by as many line feeds as it held line
    /// breaks: a reader then meets each container as an element without children, at the same line as before,
    /// and everything else exactly as it was.
    package func documentWithoutContainerContent(_ document: UnsafeRawBufferPointer) -> [UInt8] {
        var removed = 0
        var added = 0
        for container in containers {
            guard let content = container.content else { continue }
            removed += content.count
            added += container.lineBreaks
        }
        var result: [UInt8] = []
        result.reserveCapacity(document.count - removed + added)
        var from = 0
        for container in containers {
            guard let content = container.content else { continue }
            result.append(contentsOf: document[from..<content.lowerBound])
            result.append(contentsOf: repeatElement(0x0A, count: container.lineBreaks))
            from = content.upperBound
        }
        result.append(contentsOf: document[from..<document.count])
        return result
    }
}

extension XMLFragmentIndex {
    /// An ``XMLAttributeEdit`` of the fragments' roots, prepared once for many copies: the attribute must be one
    /// of the captured ones, and its value is escaped here.
    package struct RootEdit: Sendable {
        let slot: Int
        let name: [UInt8]
        let value: String
        let mode: XMLAttributeEdit.Mode
        /// ` name="value"`, escaped: inserted where the root lacks the attribute.
        let attribute: [UInt8]
        /// The escaped value alone: written over the root's own value.
        let escapedValue: [UInt8]
    }

    /// Prepares `edit` for ``XMLWriter/copyFragment(_:of:in:editing:)``. Throws `misuse` when its attribute was
    /// not captured, and the writer's errors for a name or value XML cannot carry.
    package func rootEdit(_ edit: XMLAttributeEdit) throws(XMLError) -> RootEdit {
        guard let slot = slot(of: edit.name) else {
            throw XMLError(.misuse, "attribute \(edit.name) was not captured by the fragment scan")
        }
        var writer = XMLWriter(capacity: 64)
        try writer.startElement("a")
        _ = writer.drain()
        try writer.attribute(edit.name, edit.value)
        let attribute = writer.bytes
        // ` name="` … `"`
        let escaped = Array(attribute[(edit.name.utf8.count + 3)..<(attribute.count - 1)])
        return RootEdit(
            slot: slot,
            name: Array(edit.name.utf8),
            value: edit.value,
            mode: edit.mode,
            attribute: attribute,
            escapedValue: escaped
        )
    }
}
