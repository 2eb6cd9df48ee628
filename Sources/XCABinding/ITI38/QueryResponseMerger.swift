import NIOCore
import XCAModel
import XCASOAP
import XCAXML

/// Combines the ITI-38 answers of several communities into one AdhocQueryResponse by streaming re-serialisation
/// (ITI TF-2 3.38.4.1.3; architecture "Query (ITI-38)"): each answer is parsed once with the pull reader and every
/// child of its `rim:RegistryObjectList` — ExtrinsicObject, RegistryPackage, ObjectRef, Association,
/// Classification, whatever it is — is copied straight into the merged output. No tree is built and no
/// ``RegistryObject`` is made per entry; unknown slots, classifications and extensions pass through unchanged.
///
/// - `home` (ITI TF-2 3.38.4.1.3: on every ExtrinsicObject, RegistryPackage and ObjectRef) is stamped with the
///   community's homeCommunityId on each merged object where it is missing or empty; the count is reported.
/// - Objects already merged under the same key (by default `id` + `home`) are dropped (``Deduplication``).
/// - The merged objects accumulate as chunks of about ``chunkSize`` bytes, so that no buffer grows with the
///   size of the result; ``finish(addressing:status:)`` wraps them in the response, for the caller to stream out.
/// - Communities' RegistryErrors are reported in each ``CommunityResponseSummary``, not merged: the caller adds
///   the ones its federation policy keeps with ``addErrors(_:location:)``.
///
/// An answer that cannot be read is thrown and leaves the merger as it was: nothing of it is merged.
///
/// Objects are copied verbatim where that is safe (performance goal S4): one SAX pass (``XMLFragmentScanner``)
/// finds each object's bytes and the namespace declarations it needs in its new place; the objects are then copied
/// as they are, only their start tag patched (`home`, declarations), and the rest of the answer — envelope,
/// status, RegistryErrorList — is read by the pull reader as before, from a copy without the objects. Answers the
/// scan cannot vouch for (not UTF-8, comments or processing instructions inside objects, anything the reader
/// would refuse) are re-serialised node by node, with the same result.
public struct QueryResponseMerger: Sendable {
    /// Which objects count as the same object.
    public enum Deduplication: Sendable, Hashable {
        /// Keep every object.
        case off
        /// Drop an object whose `id` and (effective, after stamping) `home` were already merged.
        case byIDAndHome
        /// Drop an object whose `id` was already merged, whatever its community.
        case byID
    }

    public let deduplication: Deduplication
    /// The size at which the merged objects are cut into a new chunk.
    public let chunkSize: Int
    /// How envelopes of the answers are read (limits; wsa:Action not required by default).
    public var envelopeReader: SOAPEnvelopeReader

    private var chunks: [[UInt8]] = []
    private var keys: Set<String> = []
    /// The RegistryErrors of the merged response, in the order added.
    public private(set) var errors: [RegistryError] = []
    /// How many registry objects have been merged.
    public private(set) var objectCount = 0
    /// The bytes of merged objects held.
    public private(set) var byteCount = 0
    /// The largest buffer of merged objects produced so far, in bytes: about ``chunkSize`` unless a single object
    /// is larger.
    public private(set) var largestChunk = 0
    /// Whether objects are copied verbatim where that is safe (the default); false re-serialises every answer.
    package var copiesVerbatim = true
    /// How many answers were merged by verbatim copy.
    package private(set) var verbatimAnswers = 0

    public init(
        deduplication: Deduplication = .byIDAndHome,
        chunkSize: Int = 256 << 10,
        envelopeReader: SOAPEnvelopeReader = SOAPEnvelopeReader(requiresAction: false)
    ) {
        self.deduplication = deduplication
        self.chunkSize = max(chunkSize, 1 << 10)
        self.envelopeReader = envelopeReader
    }

    // MARK: Adding answers

    /// Merges one community's answer: a SOAP 1.2 envelope or a bare `query:AdhocQueryResponse`.
    ///
    /// Returns what the community answered — a response (status, errors) or the SOAP Fault it sent — with the
    /// counts of merged, stamped and dropped objects. Throws ``BindingError`` when the answer is not an
    /// AdhocQueryResponse or a fault, or its envelope is refused (``BindingError/Code/unsupportedMessage``), and
    /// ``XMLError`` when it is not well-formed or over a limit; then nothing of it is merged.
    public mutating func add(
        _ bytes: UnsafeRawBufferPointer,
        from community: HomeCommunityID
    ) throws -> CommunityResponseSummary {
        let stamp = XMLAttributeEdit(name: "home", value: community.rawValue, mode: .fillIfMissingOrEmpty)
        if copiesVerbatim, case .indexed(let index) = Self.scanner(limits: envelopeReader.limits).scan(bytes),
            let rootEdit = try? index.rootEdit(stamp)  // a community ID XML cannot carry fails below, as before
        {
            let verbatim = Verbatim(index: index, document: bytes, stamp: rootEdit)
            let rest = index.documentWithoutContainerContent(bytes)
            do {
                let summary = try rest.withUnsafeBytes { rest in
                    try merge(rest, verbatim: verbatim, community: community, stamp: stamp)
                }
                verbatimAnswers += 1
                return summary
            } catch is IndexMismatch {
                // The reader met a RegistryObjectList the scan did not: re-serialise (not expected to happen).
            }
        }
        return try merge(bytes, verbatim: nil, community: community, stamp: stamp)
    }

    /// Merges one community's answer held in an array.
    public mutating func add(_ bytes: [UInt8], from community: HomeCommunityID) throws -> CommunityResponseSummary {
        try bytes.withUnsafeBytes { raw in try add(raw, from: community) }
    }

    /// Merges one community's answer held in a NIO buffer (the readable bytes, not consumed).
    public mutating func add(_ buffer: ByteBuffer, from community: HomeCommunityID) throws -> CommunityResponseSummary {
        try buffer.withUnsafeReadableBytes { raw in try add(raw, from: community) }
    }

    /// Adds RegistryErrors to the merged response (ITI TF-2 3.38.4.1.3): the communities' errors the policy keeps
    /// and the gateway's own (`XDSUnavailableCommunity` for a community that did not answer). Errors without a
    /// `location` get `location` when given — the homeCommunityId of the community concerned.
    public mutating func addErrors(_ errors: [RegistryError], location: HomeCommunityID? = nil) {
        for var error in errors {
            if let location, error.location?.isEmpty ?? true { error.location = location.rawValue }
            self.errors.append(error)
        }
    }

    // MARK: Finishing

    /// The merged response in a SOAP 1.2 envelope with `addressing` (wsa:Action
    /// `urn:ihe:iti:2007:CrossGatewayQueryResponse`, RelatesTo the request), as chunks to send in order: the
    /// envelope and response start with the RegistryErrorList, the merged objects, the closing tags.
    /// The status is `status` when given, else derived from the errors and whether anything was merged
    /// (`ResponseStatus.derive`, protocol facts §2.5).
    public func finish(addressing: AddressingHeaders, status: ResponseStatus? = nil) throws(XMLError) -> [[UInt8]] {
        var writer = XMLWriter(capacity: 4 << 10)
        try SOAPEnvelopeWriter.writeStart(addressing, into: &writer)
        return try assemble(&writer, status: status, envelope: true)
    }

    /// The merged response as a bare `query:AdhocQueryResponse` document, as chunks.
    public func finishBare(status: ResponseStatus? = nil) throws(XMLError) -> [[UInt8]] {
        var writer = XMLWriter(capacity: 4 << 10)
        writer.declaration()
        return try assemble(&writer, status: status, envelope: false)
    }

    private func assemble(
        _ writer: inout XMLWriter,
        status: ResponseStatus?,
        envelope: Bool
    ) throws(XMLError)
        -> [[UInt8]]
    {
        try writer.startElement("AdhocQueryResponse", namespace: Namespace.query, prefix: "query")
        try writer.declareNamespace(prefix: "rim", uri: Namespace.rim)
        if !errors.isEmpty { try writer.declareNamespace(prefix: "rs", uri: Namespace.rs) }
        let status = status ?? .derive(errors: errors, hasResults: objectCount > 0)
        try writer.attribute("status", status.rawValue)
        try RegistryResponseCoding.writeErrors(errors, into: &writer)
        // The merged objects were written inside the same rim-prefixed RegistryObjectList (see stagingWriter).
        try writer.startElement("rim:RegistryObjectList")
        try writer.text("")
        var result: [[UInt8]] = []
        result.reserveCapacity(chunks.count + 2)
        result.append(writer.drain())
        result.append(contentsOf: chunks)
        try writer.endElement()  // RegistryObjectList
        try writer.endElement()  // AdhocQueryResponse
        if envelope { try SOAPEnvelopeWriter.writeEnd(into: &writer) }
        result.append(writer.drain())
        return result
    }

    // MARK: Private

    /// Reads an answer (or, with `verbatim`, the answer without its objects) and merges it.
    private mutating func merge(
        _ bytes: UnsafeRawBufferPointer,
        verbatim: Verbatim?,
        community: HomeCommunityID,
        stamp: XMLAttributeEdit
    ) throws -> CommunityResponseSummary {
        // The pass writes on in the last chunk when it has room (no joining copy later), else in a new one; both
        // sized for a whole chunk, so that neither grows by reallocation.
        var buffer: [UInt8] = []
        if let last = chunks.last, last.count < chunkSize { buffer = chunks.removeLast() }
        let reopened = buffer.count
        buffer.reserveCapacity(chunkSize + chunkSize / 4)
        var writer = try Self.stagingWriter()
        writer.swapBuffer(&buffer)
        var pass = Pass(
            community: community,
            stamp: stamp,
            verbatim: verbatim,
            deduplication: deduplication,
            chunkSize: chunkSize,
            writer: writer
        )
        let answer: CommunityResponseSummary.Answer
        do {
            answer = try QueryMessageDocument.read(bytes, envelopeReader: envelopeReader) { reader in
                try pass.readAnswer(reader, merged: keys)
            }.body
        } catch {
            // Nothing of the answer is kept: the reopened chunk goes back as it was.
            if reopened > 0 {
                var original = pass.produced.first ?? pass.writer.bytes
                original.removeSubrange(reopened...)
                chunks.append(original)
            }
            if let refused = error as? SOAPFault {
                throw BindingError(.unsupportedMessage, "the answer's envelope was refused: \(refused.reason)")
            }
            throw error
        }
        commit(pass, reopened: reopened)
        return CommunityResponseSummary(
            community: community,
            answer: answer,
            objectsMerged: pass.merged,
            homesStamped: pass.stamped,
            duplicatesDropped: pass.duplicates
        )
    }

    /// Where the objects of an answer are and how to copy them verbatim.
    private struct Verbatim {
        let index: XMLFragmentIndex
        let document: UnsafeRawBufferPointer
        let stamp: XMLFragmentIndex.RootEdit
    }

    /// The reader met more object lists than the scan found.
    private struct IndexMismatch: Error {}

    /// The lists whose objects are merged: `query:AdhocQueryResponse/rim:RegistryObjectList`, in a bare document
    /// or a SOAP 1.2 Body. The merged list binds `rim`, so objects using it need no declaration of their own.
    private static func scanner(limits: XMLLimits) -> XMLFragmentScanner {
        var scanner = baseScanner
        scanner.limits = limits
        return scanner
    }

    /// Made once: a scanner prepares its names as bytes when it is made.
    private static let baseScanner = XMLFragmentScanner(
        containers: containerPaths,
        destinationBindings: [.init(prefix: "rim", uri: Namespace.rim)],
        capturedAttributes: ["id", "home"]
    )

    private static let containerPaths: [[XMLFragmentScanner.Step]] = {
        let response = XMLFragmentScanner.Step("AdhocQueryResponse", namespace: Namespace.query)
        let list = XMLFragmentScanner.Step("RegistryObjectList", namespace: Namespace.rim)
        return [
            [response, list],
            [
                .init("Envelope", namespace: SOAPNamespace.soap12), .init("Body", namespace: SOAPNamespace.soap12),
                response, list,
            ],
        ]
    }()

    /// A writer whose scope is that of the merged `rim:RegistryObjectList`, so copied objects declare only the
    /// namespaces the final output does not already bind. The wrapper's start tag is written and thrown away.
    private static func stagingWriter() throws(XMLError) -> XMLWriter {
        var writer = XMLWriter(capacity: 64)
        try writer.startElement("RegistryObjectList", namespace: Namespace.rim, prefix: "rim")
        try writer.text("")
        _ = writer.drain()
        return writer
    }

    /// Takes a fully read answer's objects and keys. The first of its chunks continues the chunk the pass reopened
    /// (`reopened` bytes of it were there before).
    private mutating func commit(_ pass: consuming Pass, reopened: Int) {
        // The writer's remaining bytes are taken as they are (drain() would allocate a buffer for nothing).
        var written = -reopened
        for chunk in pass.produced + [pass.writer.bytes] where !chunk.isEmpty {
            written += chunk.count
            chunks.append(chunk)
            largestChunk = max(largestChunk, chunk.count)
        }
        byteCount += written
        keys.formUnion(pass.keys)
        objectCount += pass.merged
    }

    /// The state of reading one answer; nothing reaches the merger until the answer has been read to its end.
    private struct Pass {
        let community: HomeCommunityID
        let stamp: XMLAttributeEdit
        let verbatim: Verbatim?
        let deduplication: Deduplication
        let chunkSize: Int
        var writer: XMLWriter
        var produced: [[UInt8]] = []
        var keys: Set<String> = []
        var received = 0
        var merged = 0
        var stamped = 0
        var duplicates = 0
        /// The next of `verbatim`'s containers to copy.
        var nextContainer = 0

        init(
            community: HomeCommunityID,
            stamp: XMLAttributeEdit,
            verbatim: Verbatim?,
            deduplication: Deduplication,
            chunkSize: Int,
            writer: XMLWriter
        ) {
            self.community = community
            self.stamp = stamp
            self.verbatim = verbatim
            self.deduplication = deduplication
            self.chunkSize = chunkSize
            self.writer = writer
        }

        /// The body element: an AdhocQueryResponse (objects copied) or a SOAP Fault.
        mutating func readAnswer(
            _ reader: XMLStreamReader,
            merged: Set<String>
        ) throws -> CommunityResponseSummary.Answer {
            if reader.isStartElement("Fault", namespace: "http://www.w3.org/2003/05/soap-envelope") {
                return .fault(try SOAPFault.read(from: reader))
            }
            guard
                reader.isStartElement("AdhocQueryResponse", namespace: "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0")
            else {
                throw reader.bindingError(
                    .unsupportedMessage,
                    "expected query:AdhocQueryResponse or env:Fault, found <\(reader.qualifiedName)>"
                )
            }
            let status = RegistryResponseCoding.status(reader.attribute("status"))
            var errors: [RegistryError] = []
            while let node = try reader.next(), node != .endElement {
                guard node == .startElement else { continue }
                if reader.nameEquals("RegistryObjectList", namespace: "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0") {
                    if let verbatim {
                        // The reader sees the list without its objects; they are copied from the answer itself.
                        guard nextContainer < verbatim.index.containers.count else { throw IndexMismatch() }
                        try copyObjects(verbatim, container: nextContainer, merged: merged)
                        nextContainer += 1
                        try reader.skipElement()
                    } else {
                        try copyObjects(reader, merged: merged)
                    }
                } else if reader.localName == "RegistryErrorList" {
                    errors += try RegistryResponseCoding.readErrors(from: reader)
                } else {
                    try reader.skipElement()  // rs:ResponseSlotList, extensions
                }
            }
            return .response(status: status ?? .derive(errors: errors, hasResults: received > 0), errors: errors)
        }

        /// Copies the children of one indexed `rim:RegistryObjectList` verbatim.
        private mutating func copyObjects(_ verbatim: Verbatim, container: Int, merged: Set<String>) throws {
            let index = verbatim.index
            for fragment in index.containers[container].fragments {
                received += 1
                if deduplication != .off, let id = index.attribute(0, of: fragment) {
                    if isDuplicate(id: id, home: index.attribute(1, of: fragment), merged: merged) { continue }
                }
                if try writer.copyFragment(fragment, of: index, in: verbatim.document, editing: verbatim.stamp) {
                    stamped += 1
                }
                self.merged += 1
                if writer.bytes.count >= chunkSize { produced.append(writer.drain()) }
            }
        }

        /// Whether an object of this `id` and `home` (as sent) was merged already; if not, it is now.
        private mutating func isDuplicate(id: String, home: String?, merged: Set<String>) -> Bool {
            let key: String
            if deduplication == .byID {
                key = id
            } else {
                key = id + " " + (home.flatMap { $0.isEmpty ? nil : $0 } ?? community.rawValue)
            }
            if merged.contains(key) || !keys.insert(key).inserted {
                duplicates += 1
                return true
            }
            return false
        }

        /// Copies the children of `rim:RegistryObjectList`, leaving the reader on its end.
        private mutating func copyObjects(_ reader: XMLStreamReader, merged: Set<String>) throws {
            while let node = try reader.next(), node != .endElement {
                guard node == .startElement else { continue }
                received += 1
                if deduplication != .off, let id = reader.attribute("id"),
                    isDuplicate(id: id, home: deduplication == .byID ? nil : reader.attribute("home"), merged: merged)
                {
                    try reader.skipElement()
                    continue
                }
                if try writer.copyElement(from: reader, editingRootAttribute: stamp) { stamped += 1 }
                self.merged += 1
                if writer.bytes.count >= chunkSize { produced.append(writer.drain()) }
            }
        }
    }
}
