import NIOCore
import XCABinding
import XCAModel
import XCASOAP

/// Phase 1 of the retrieve relay (ITI-39, RAD-75, RAD-69 towards a community): reads one community's answer up to
/// and including its root part, checks it and returns it ready to merge. The integrator runs it per leg inside its
/// fan-out task group, under the leg's timeout.
///
/// Errors, and what the integrator makes of them:
/// - the community's own SOAP Fault (in a 200, 400 or 500 answer) is thrown as the ``SOAPFault`` it sent →
///   `XDSRegistryError` carrying its reason;
/// - ``RetrieveRelayError`` for everything else wrong with the answer (`.httpStatus`, `.notSOAP`, `.malformed`,
///   `.tooLarge`, `.truncated`, `.inlineRefused`, `.missingAttachment`, `.unexpectedAttachment`, `.spool`) →
///   `XDSRegistryError` "malformed answer". XML, binding and multipart errors are all turned into
///   ``RetrieveRelayError``s here, never thrown as they are.
/// - the body sequence's own errors (`TransportError`: deadline, truncated connection; `CancellationError`) pass
///   through unchanged → `XDSUnavailableCommunity`.
package enum RetrieveLegReader {
    /// Reads a community's answer up to and including its root part, checks it and returns it ready to relay.
    ///
    /// - Parameters:
    ///   - status: the HTTP status. 200, 400 and 500 are read (SOAP 1.2 Part 2 §7.5.1.2 puts faults on 400/500; a
    ///     RetrieveDocumentSetResponse on 400/500 is accepted as the community's answer); any other is
    ///     ``RetrieveRelayError/Code/httpStatus``.
    ///   - contentType: the HTTP Content-Type: `application/soap+xml` or MTOM (`multipart/related;
    ///     type="application/xop+xml"`), else ``RetrieveRelayError/Code/notSOAP``.
    ///   - spoolDirectory: non-nil: after the root, every attachment is drained into an anonymous temporary file
    ///     there (created and unlinked at once) and the body is read to its end, so the connection is released
    ///     before `open` returns; missing and unreferenced attachments are then found here rather than during the
    ///     relay. nil: the attachments stay on the connection and are read during the relay, at the caller's pace.
    package static func open<Body: AsyncSequence & Sendable>(
        community: HomeCommunityID,
        status: Int,
        contentType: String,
        body: Body,
        limits: RetrieveRelayLimits,
        spoolDirectory: String?
    ) async throws -> OpenedRetrieveLeg where Body.Element == ByteBuffer {
        guard status == 200 || status == 400 || status == 500 else {
            throw RetrieveRelayError(.httpStatus, "the community answered HTTP \(status)", httpStatus: status)
        }
        let type = try soapContentType(contentType, status: status)
        let upstream = MTOMBodyStream(body)
        do {
            var reader = try MTOMReader(contentType: type, body: upstream, limits: limits.multipart)
            let root = try await reader.readRootPart()
            let response = try decodeRoot(root.body, community: community)
            let references = try attachmentReferences(of: response, limits: limits)
            let source: RetrieveAttachmentSource
            if type.type != "multipart" {
                if let missing = references.first {
                    throw missingAttachment(missing)
                }
                source = .none
            } else if references.isEmpty {
                // Nothing to relay: read any parts now so the connection is released.
                try await skipAll(&reader, limits: limits)
                try await upstream.drain()
                source = .none
            } else if let spoolDirectory {
                source = try await spool(
                    &reader,
                    upstream: upstream,
                    references: references,
                    limits: limits,
                    into: spoolDirectory
                )
            } else {
                source = .live(
                    LiveAttachments(
                        LiveAttachments.Stream(reader: reader, upstream: upstream),
                        unreferencedAttachments: limits.unreferencedAttachments
                    )
                )
            }
            return OpenedRetrieveLeg(community: community, response: response, source: source)
        } catch {
            throw RetrieveRelayError.translating(error)
        }
    }

    /// The Content-Type if it is SOAP 1.2 or MTOM.
    private static func soapContentType(_ header: String, status: Int) throws(RetrieveRelayError) -> MIMEContentType {
        let type: MIMEContentType
        do {
            type = try MIMEContentType(parsing: header)
        } catch {
            throw RetrieveRelayError(.notSOAP, "the answer's Content-Type cannot be read", httpStatus: status)
        }
        do {
            _ = try SOAPMessageFormat(contentType: type)
        } catch {
            throw RetrieveRelayError(
                .notSOAP,
                "the answer is \(type.mediaType), not SOAP 1.2 or MTOM (HTTP \(status))",
                httpStatus: status
            )
        }
        return type
    }

    /// The Content-IDs the root's documents name, checking inline documents against the limits and that no two
    /// documents name the same part.
    private static func attachmentReferences(
        of response: RetrieveDocumentSetResponse,
        limits: RetrieveRelayLimits
    ) throws(RetrieveRelayError) -> Set<ContentID> {
        var references: Set<ContentID> = []
        for document in response.documents {
            switch document.content {
            case .inline:
                guard limits.acceptInlineDocuments else {
                    throw RetrieveRelayError(.inlineRefused, "the answer carries a document inline (base64)")
                }
            case .attachment(let value):
                guard let contentID = try? ContentID(value) else {
                    throw RetrieveRelayError(.malformed, "an xop:Include names an invalid Content-ID")
                }
                guard references.insert(contentID).inserted else {
                    throw RetrieveRelayError(.malformed, "two documents name the attachment '\(contentID)'")
                }
            }
        }
        return references
    }

    /// Reads and drops every remaining part (an answer whose root references none); with
    /// ``RetrieveRelayLimits/UnreferencedAttachments/refuse`` the first one fails the leg.
    private static func skipAll(_ reader: inout MTOMReader<MTOMBodyStream>, limits: RetrieveRelayLimits) async throws {
        while let header = try await reader.nextAttachment() {
            if limits.unreferencedAttachments == .refuse { throw unexpectedAttachment(header.contentID) }
        }
    }

    /// Drains every attachment into a new spool file, then the rest of the body.
    private static func spool(
        _ reader: inout MTOMReader<MTOMBodyStream>,
        upstream: MTOMBodyStream,
        references: Set<ContentID>,
        limits: RetrieveRelayLimits,
        into directory: String
    ) async throws -> RetrieveAttachmentSource {
        let file = try RetrieveSpoolFile(directory: directory)
        var attachments: [SpooledAttachment] = []
        attachments.reserveCapacity(references.count)
        var offset = 0
        while let header = try await reader.nextAttachment() {
            guard references.contains(header.contentID) else {
                if limits.unreferencedAttachments == .refuse { throw unexpectedAttachment(header.contentID) }
                continue  // nextAttachment() skips its body
            }
            let start = offset
            while let chunk = try await reader.nextAttachmentChunk() {
                if let maximum = limits.maxSpoolBytes, offset + chunk.readableBytes > maximum {
                    throw RetrieveRelayError(.tooLarge, "the answer's attachments exceed maxSpoolBytes (\(maximum))")
                }
                try file.write(chunk, at: offset)
                offset += chunk.readableBytes
            }
            attachments.append(SpooledAttachment(header: header, offset: start, length: offset - start))
        }
        try await upstream.drain()
        if attachments.count < references.count {
            let received = Set(attachments.map(\.header.contentID))
            if let missing = references.first(where: { !received.contains($0) }) { throw missingAttachment(missing) }
        }
        return .spooled(file, attachments)
    }

    static func missingAttachment(_ contentID: ContentID) -> RetrieveRelayError {
        RetrieveRelayError(
            .missingAttachment,
            "an xop:Include names the part '\(contentID)', which the answer does not carry"
        )
    }

    static func unexpectedAttachment(_ contentID: ContentID) -> RetrieveRelayError {
        RetrieveRelayError(
            .unexpectedAttachment,
            "the answer carries the part '\(contentID)', which its root does not reference"
        )
    }
}
