import XCAModel

#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The few facts about each DocumentEntry of an ITI-38 answer that the audit trail needs later: which patient a
/// document or study belongs to, so that an ITI-39 or RAD-75 request — which names documents and studies, never
/// the patient — can be audited against the right patient (audit.md §8.2, `entity[patient]` for retrieves).
///
/// ``scan(_:)`` is a lightweight pass over the answer's bytes that runs beside the merge (which copies objects
/// verbatim and looks at nothing inside them): it looks only at start tags named `ExtrinsicObject`,
/// `ExternalIdentifier`, `Slot` and `Value` and the text of the values it wants, decoding the five predefined
/// entities and character references. It is best effort by design: it never throws, and an answer it cannot follow
/// (a comment inside a value, say) gives fewer facts, so a later retrieve is audited without a patient rather than
/// with a wrong one. The answer has already been read by the merger, which refuses what is not well-formed.
public struct QueryAnswerFacts: Sendable, Hashable {
    /// One ExtrinsicObject (DocumentEntry) of the answer.
    public struct Entry: Sendable, Hashable {
        /// `XDSDocumentEntry.uniqueId`.
        public var documentUniqueID: String?
        /// The `repositoryUniqueId` slot.
        public var repositoryUniqueID: String?
        /// The `home` attribute as sent (the merger stamps a missing one with the community's).
        public var home: String?
        /// `XDSDocumentEntry.patientId` as sent (a CX, entities decoded).
        public var patientID: String?
        /// Study Instance UIDs of the `urn:ihe:iti:xds:2013:referenceIdList` slot (values whose CX type is
        /// `urn:ihe:iti:xds:2016:studyInstanceUID`).
        public var studyInstanceUIDs: [String] = []

        public init(
            documentUniqueID: String? = nil,
            repositoryUniqueID: String? = nil,
            home: String? = nil,
            patientID: String? = nil,
            studyInstanceUIDs: [String] = []
        ) {
            self.documentUniqueID = documentUniqueID
            self.repositoryUniqueID = repositoryUniqueID
            self.home = home
            self.patientID = patientID
            self.studyInstanceUIDs = studyInstanceUIDs
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The DocumentEntries of an AdhocQueryResponse (enveloped or bare), in document order.
    public static func scan(_ bytes: UnsafeRawBufferPointer) -> QueryAnswerFacts {
        var scanner = Scanner(bytes: bytes)
        return QueryAnswerFacts(entries: scanner.run())
    }

    /// The DocumentEntries of an answer held in an array.
    public static func scan(_ bytes: [UInt8]) -> QueryAnswerFacts {
        bytes.withUnsafeBytes { scan($0) }
    }

    static let referenceIdListSlot = "urn:ihe:iti:xds:2013:referenceIdList"
    static let studyInstanceUIDType = "urn:ihe:iti:xds:2016:studyInstanceUID"
}

extension QueryAnswerFacts {
    /// A forward-only pass over the bytes, tag by tag. It allocates nothing but the facts it returns: attribute
    /// values are ranges of the input until one is wanted, names and schemes are compared as bytes, `<` is found with
    /// `memchr`.
    struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var position = 0
        var entries: [Entry] = []
        var current: Entry?
        /// The slot being read, when it is one of those wanted.
        var slot: WantedSlot?

        enum WantedSlot { case repository, references }

        init(bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        mutating func run() -> [Entry] {
            while let open = next(UInt8(ascii: "<"), from: position) {
                position = open + 1
                guard position < bytes.count else { break }
                switch bytes[position] {
                case UInt8(ascii: "!"):
                    skipMarkup()
                case UInt8(ascii: "?"):
                    position = find("?>", from: position).map { $0 + 2 } ?? bytes.count
                case UInt8(ascii: "/"):
                    let name = nameRange(from: position + 1)
                    if equals(name, "ExtrinsicObject") {
                        finishEntry()
                    } else if equals(name, "Slot") {
                        slot = nil
                    }
                    position = next(UInt8(ascii: ">"), from: position).map { $0 + 1 } ?? bytes.count
                default:
                    startTag()
                }
            }
            finishEntry()
            return entries
        }

        // MARK: Tags

        private mutating func startTag() {
            let name = nameRange(from: position)
            let kind: Tag
            if equals(name, "ExtrinsicObject") {
                kind = .extrinsicObject
            } else if current != nil, equals(name, "ExternalIdentifier") {
                kind = .externalIdentifier
            } else if current != nil, equals(name, "Slot") {
                kind = .slot
            } else if slot != nil, equals(name, "Value") {
                kind = .value
            } else {
                // A tag the scan does not read: `<` cannot stand in an attribute value, so the next tag is found by
                // the next `<` without stepping through this one's attributes.
                position = name.upperBound
                return
            }
            let tag = tagEnd(from: name.upperBound, kind: kind)
            position = tag.end
            switch kind {
            case .extrinsicObject:
                finishEntry()
                current = Entry(home: tag.first.map(decode))
                if tag.empty { finishEntry() }
            case .externalIdentifier:
                guard let value = tag.second, let scheme = tag.first else { return }
                if equalsDecoded(scheme, XDSUUID.documentEntryUniqueID) {
                    let text = decode(value)
                    current?.documentUniqueID = text
                } else if equalsDecoded(scheme, XDSUUID.documentEntryPatientID) {
                    let text = decode(value)
                    current?.patientID = text
                }
            case .slot:
                if let name = tag.first, equalsDecoded(name, "repositoryUniqueId") {
                    slot = tag.empty ? nil : .repository
                } else if let name = tag.first, equalsDecoded(name, QueryAnswerFacts.referenceIdListSlot) {
                    slot = tag.empty ? nil : .references
                } else {
                    slot = nil
                }
            case .value:
                guard !tag.empty, let text = readText() else { return }
                switch slot {
                case .repository:
                    current?.repositoryUniqueID = text
                case .references:
                    // CXi: ID^^^^type (ITI TF-3 4.2.3.2.28); only study references are kept.
                    if let study = Self.studyInstanceUID(text) { current?.studyInstanceUIDs.append(study) }
                case nil:
                    break
                }
            }
        }

        /// The start tags whose attributes are read, and which: `first` and `second` of ``TagEnd``.
        private enum Tag {
            /// `home`.
            case extrinsicObject
            /// `identificationScheme`, `value`.
            case externalIdentifier
            /// `name`.
            case slot
            case value

            func slot(of name: Range<Int>, in scanner: Scanner) -> Int? {
                switch self {
                case .extrinsicObject: scanner.equals(name, "home") ? 0 : nil
                case .externalIdentifier:
                    scanner.equals(name, "identificationScheme") ? 0 : scanner.equals(name, "value") ? 1 : nil
                case .slot: scanner.equals(name, "name") ? 0 : nil
                case .value: nil
                }
            }
        }

        /// Where a start tag ends and the value ranges (quotes excluded) of the attributes its kind reads.
        private struct TagEnd {
            var end: Int
            var empty = false
            var first: Range<Int>?
            var second: Range<Int>?
        }

        private mutating func finishEntry() {
            if let entry = current { entries.append(entry) }
            current = nil
            slot = nil
        }

        /// Comments, CDATA sections and declarations are stepped over whole.
        private mutating func skipMarkup() {
            if matches("!--", at: position) {
                position = find("-->", from: position + 3).map { $0 + 3 } ?? bytes.count
            } else if matches("![CDATA[", at: position) {
                position = find("]]>", from: position + 8).map { $0 + 3 } ?? bytes.count
            } else {
                position = next(UInt8(ascii: ">"), from: position).map { $0 + 1 } ?? bytes.count
            }
        }

        /// The bytes of the local part of the name that starts at `start` (the prefix and colon left out).
        private func nameRange(from start: Int) -> Range<Int> {
            var end = start
            var local = start
            while end < bytes.count, !Self.endsName(bytes[end]) {
                if bytes[end] == UInt8(ascii: ":") { local = end + 1 }
                end += 1
            }
            return local..<end
        }

        fileprivate func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
            range.count == literal.utf8CodeUnitCount && matches(literal, at: range.lowerBound)
        }

        /// Whether the attribute value in `range`, entities decoded, is `literal` (bytes compared unless it holds one).
        private func equalsDecoded(_ range: Range<Int>, _ literal: String) -> Bool {
            let raw = UnsafeRawBufferPointer(rebasing: bytes[range])
            guard hasReference(range) else {
                var literal = literal
                return literal.withUTF8 { utf8 in
                    guard utf8.count == raw.count, let a = raw.baseAddress, let b = utf8.baseAddress else {
                        return utf8.count == raw.count
                    }
                    return memcmp(a, b, raw.count) == 0
                }
            }
            return Self.decode(raw) == literal
        }

        private func equalsDecoded(_ range: Range<Int>, _ literal: StaticString) -> Bool {
            let raw = UnsafeRawBufferPointer(rebasing: bytes[range])
            guard hasReference(range) else { return equals(range, literal) }
            return literal.withUTF8Buffer { Self.decode(raw) == String(decoding: $0, as: UTF8.self) }
        }

        /// Whether an entity or character reference (`&`) stands in `range`.
        private func hasReference(_ range: Range<Int>) -> Bool {
            next(UInt8(ascii: "&"), from: range.lowerBound, before: range.upperBound) != nil
        }

        private func decode(_ range: Range<Int>) -> String {
            Self.decode(UnsafeRawBufferPointer(rebasing: bytes[range]))
        }

        /// Steps over the attributes of a start tag (quote-aware: `>` may stand in a value) to just after its `>`;
        /// whether the tag is empty (`/>`), and the values of the attributes `kind` reads.
        private func tagEnd(from start: Int, kind: Tag) -> TagEnd {
            var result = TagEnd(end: bytes.count)
            var index = start
            // The first `>` that is not inside a quoted value: the quoted values before a candidate `>` are stepped
            // over; one that holds the candidate moves the search past it.
            var candidate = next(UInt8(ascii: ">"), from: index)
            while let close = candidate {
                let double = next(UInt8(ascii: "\""), from: index, before: close)
                let single = next(UInt8(ascii: "'"), from: index, before: double ?? close)
                guard let quote = single ?? double else {
                    result.end = close + 1
                    result.empty = close > start && bytes[close - 1] == UInt8(ascii: "/")
                    return result
                }
                guard let end = next(bytes[quote], from: quote + 1) else { return TagEnd(end: bytes.count) }
                if let name = attributeName(before: quote), let slot = kind.slot(of: name, in: self) {
                    if slot == 0 { result.first = (quote + 1)..<end } else { result.second = (quote + 1)..<end }
                }
                index = end + 1
                if end > close { candidate = next(UInt8(ascii: ">"), from: index) }
            }
            return TagEnd(end: bytes.count)
        }

        /// The attribute name of the value whose opening quote is at `quote` (`name = "`).
        private func attributeName(before quote: Int) -> Range<Int>? {
            var index = quote - 1
            while index >= 0, Self.isSpace(bytes[index]) { index -= 1 }
            guard index >= 0, bytes[index] == UInt8(ascii: "=") else { return nil }
            index -= 1
            while index >= 0, Self.isSpace(bytes[index]) { index -= 1 }
            let end = index + 1
            while index >= 0, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: "\""),
                bytes[index] != UInt8(ascii: "'")
            {
                index -= 1
            }
            return end > index + 1 ? (index + 1)..<end : nil
        }

        /// The text from `position` to the next `<`, decoded and trimmed; nil when it is empty or not plain text.
        private mutating func readText() -> String? {
            guard let end = next(UInt8(ascii: "<"), from: position) else { return nil }
            if matches("<![CDATA[", at: end) { return nil }  // not expected in ebRIM values: no fact rather than a wrong one
            var low = position
            var high = end
            position = end
            while low < high, Self.isSpace(bytes[low]) { low += 1 }
            while high > low, Self.isSpace(bytes[high - 1]) { high -= 1 }
            guard low < high else { return nil }
            let text = Self.decode(UnsafeRawBufferPointer(rebasing: bytes[low..<high]))
            // Other Unicode white space (a no-break space, say) is trimmed as well, as it always was.
            guard bytes[low] >= 0x80 || bytes[high - 1] >= 0x80 || bytes[low] == UInt8(ascii: "&")
                || bytes[high - 1] == UInt8(ascii: ";")
            else { return text }
            let trimmed = text.trimmingSpaces
            return trimmed.isEmpty ? nil : trimmed
        }

        /// The study UID of a `referenceIdList` value `ID^^^^urn:ihe:iti:xds:2016:studyInstanceUID[^…]`, else nil.
        static func studyInstanceUID(_ value: String) -> String? {
            var utf8 = value.utf8[...]
            guard let caret = utf8.firstIndex(of: UInt8(ascii: "^")), caret != utf8.startIndex else { return nil }
            let id = utf8[..<caret]
            utf8 = utf8[utf8.index(after: caret)...]
            for _ in 0..<3 {
                guard let next = utf8.firstIndex(of: UInt8(ascii: "^")) else { return nil }
                utf8 = utf8[utf8.index(after: next)...]
            }
            let type = utf8.prefix { $0 != UInt8(ascii: "^") }
            guard type.elementsEqual(QueryAnswerFacts.studyInstanceUIDType.utf8) else { return nil }
            return String(Substring(id))
        }

        // MARK: Bytes

        /// The first `byte` in `start..<before` (`memchr`).
        private func next(_ byte: UInt8, from start: Int, before end: Int? = nil) -> Int? {
            let end = end ?? bytes.count
            guard start < end, let base = bytes.baseAddress, let hit = memchr(base + start, Int32(byte), end - start)
            else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }

        private func matches(_ literal: StaticString, at start: Int) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard start + count <= bytes.count else { return false }
            return literal.withUTF8Buffer { pattern in
                for offset in 0..<count where bytes[start + offset] != pattern[offset] { return false }
                return true
            }
        }

        private func find(_ literal: StaticString, from start: Int) -> Int? {
            var index = start
            while let candidate = next(literal.withUTF8Buffer { $0[0] }, from: index) {
                if matches(literal, at: candidate) { return candidate }
                index = candidate + 1
            }
            return nil
        }

        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }

        private static func endsName(_ byte: UInt8) -> Bool {
            isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
        }

        /// Attribute or text bytes with `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;` and `&#…;` decoded.
        static func decode(_ raw: UnsafeRawBufferPointer) -> String {
            guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(raw.count)
            var index = 0
            while index < raw.count {
                let byte = raw[index]
                guard byte == UInt8(ascii: "&"), let semicolon = raw[index...].firstIndex(of: UInt8(ascii: ";")),
                    semicolon - index <= 12
                else {
                    out.append(byte)
                    index += 1
                    continue
                }
                let name = String(decoding: UnsafeRawBufferPointer(rebasing: raw[(index + 1)..<semicolon]), as: UTF8.self)
                var scalar: Unicode.Scalar?
                switch name {
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "amp": scalar = "&"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                default:
                    if name.hasPrefix("#x") || name.hasPrefix("#X") {
                        scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                    } else if name.hasPrefix("#") {
                        scalar = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                    }
                }
                guard let scalar else {
                    out.append(byte)
                    index += 1
                    continue
                }
                out.append(contentsOf: String(scalar).utf8)
                index = semicolon + 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
