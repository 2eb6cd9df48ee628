import NIOCore
import XCASOAP

extension ComposedRetrieveResponse {
    /// Writes the root part, then every attachment as it arrives from its leg (legs in order; within a leg its
    /// inline documents, then its attachments in arrival order, each with its new Content-ID and its original
    /// Content-Type), then the close delimiter. Each leg is read only as fast as `sink` accepts (the sink is the
    /// caller's socket): one chunk is pulled from a community when the previous one has been sunk, so memory stays
    /// at a chunk or two per response whatever the size of the study. Call once.
    ///
    /// A part a live leg sends that its root does not reference is read and dropped (or, when the leg was opened
    /// with ``RetrieveRelayLimits/UnreferencedAttachments/refuse``, fails the relay).
    ///
    /// - Throws: once bytes have gone out the package cannot be repaired, so the integrator aborts the connection
    ///   on any error: the leg's body error unchanged (transport failure mid-stream), the sink's error unchanged,
    ///   ``RetrieveRelayError`` `.truncated` (a leg ended early), `.malformed` (a leg's framing broke),
    ///   `.missingAttachment` (a leg ended without a part its root named), `.unexpectedAttachment`, `.spool`, or
    ///   `.misuse` (this response was already written).
    package func write(into sink: (ByteBuffer) async throws -> Void) async throws {
        let head = writer.rootPartHead()
        var root = ByteBufferAllocator().buffer(capacity: head.readableBytes + envelope.count + 512)
        root.writeImmutableBuffer(head)
        root.writeBytes(envelope)
        var output = RelayOutput(pending: root)
        for leg in legs {
            for attachment in leg.inline {
                output.queue(
                    writer.attachmentHead(contentID: attachment.contentID, contentType: attachment.contentType)
                )
                try await sendPieces(of: attachment.bytes, through: &output, to: sink)
            }
            switch leg.source {
            case .none:
                break
            case .live(let live):
                try await relay(live, leg: leg, through: &output, to: sink)
            case .spooled(let file, let attachments):
                for attachment in attachments {
                    guard let contentID = leg.renamed[attachment.header.contentID] else { continue }
                    output.queue(
                        writer.attachmentHead(contentID: contentID, contentType: attachment.header.contentType)
                    )
                    var offset = 0
                    while offset < attachment.length {
                        let length = min(Self.pieceSize, attachment.length - offset)
                        let piece: ByteBuffer
                        do {
                            piece = try file.read(at: attachment.offset + offset, length: length)
                        } catch {
                            throw error.naming(leg.community)
                        }
                        try await output.send(piece, to: sink)
                        offset += length
                    }
                }
            }
        }
        output.queue(writer.close())
        try await output.flush(to: sink)
    }

    /// Relays a live leg's attachments as they come off its connection.
    private func relay(
        _ live: LiveAttachments,
        leg: RelayLeg,
        through output: inout RelayOutput,
        to sink: (ByteBuffer) async throws -> Void
    ) async throws {
        guard var stream = live.take() else {
            throw RetrieveRelayError(.misuse, "the attachments of a leg were already relayed")
        }
        var relayed: Set<ContentID> = []
        do {
            while let header = try await stream.reader.nextAttachment() {
                guard let contentID = leg.renamed[header.contentID] else {
                    if live.unreferencedAttachments == .refuse {
                        throw RetrieveLegReader.unexpectedAttachment(header.contentID)
                    }
                    continue  // nextAttachment() skips its body
                }
                output.queue(writer.attachmentHead(contentID: contentID, contentType: header.contentType))
                while let chunk = try await stream.reader.nextAttachmentChunk() {
                    try await output.send(chunk, to: sink)
                }
                relayed.insert(header.contentID)
            }
            try await stream.upstream.drain()
        } catch {
            let translated = RetrieveRelayError.translating(error)
            throw (translated as? RetrieveRelayError)?.naming(leg.community) ?? translated
        }
        if relayed.count < leg.renamed.count,
            let missing = leg.renamed.keys.sorted().first(where: { !relayed.contains($0) })
        {
            throw RetrieveLegReader.missingAttachment(missing).naming(leg.community)
        }
    }

    /// Sends in-memory bytes in ``pieceSize`` buffers (one copy into each).
    private func sendPieces(
        of bytes: [UInt8],
        through output: inout RelayOutput,
        to sink: (ByteBuffer) async throws -> Void
    ) async throws {
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + Self.pieceSize, bytes.count)
            try await output.send(ByteBuffer(bytes: bytes[offset..<end]), to: sink)
            offset = end
        }
    }
}
