import Synchronization
import XCASOAP

/// A leg's live MTOM reader, positioned after the root part, with the body it reads: the attachments still on the
/// community's connection.
///
/// Ownership rule: the reader is handed over exactly once — from the task that opened the leg
/// (``RetrieveLegReader/open(community:status:contentType:body:limits:spoolDirectory:)``, inside the fan-out) to the
/// task that relays the merged response (``ComposedRetrieveResponse/write(into:)``), which ``take()``s it and from
/// then on is its only user. The reader and its body iterator are not `Sendable`; the box is, because the value sits
/// in a `Mutex` that makes the hand-over atomic: a second ``take()`` finds nothing, so no two tasks ever use the
/// reader (no `@unchecked` needed).
final class LiveAttachments: Sendable {
    struct Stream {
        var reader: MTOMReader<MTOMBodyStream>
        let upstream: MTOMBodyStream
    }

    private let stream: Mutex<Stream?>
    /// What the relay does with a part the root does not reference (the leg's limits at open).
    let unreferencedAttachments: RetrieveRelayLimits.UnreferencedAttachments

    init(_ stream: sending Stream, unreferencedAttachments: RetrieveRelayLimits.UnreferencedAttachments) {
        self.stream = Mutex(stream)
        self.unreferencedAttachments = unreferencedAttachments
    }

    /// The reader, the first time; nil afterwards.
    func take() -> Stream? {
        stream.withLock { stream in
            let taken = stream
            stream = nil
            return taken
        }
    }
}

/// One attachment a spooled leg wrote to its ``RetrieveSpoolFile``.
struct SpooledAttachment: Sendable {
    let header: MTOMAttachmentHeader
    let offset: Int
    let length: Int
}

/// Where a leg's attachment bytes come from when the merged response is written.
enum RetrieveAttachmentSource: Sendable {
    /// Nothing left to read: a plain SOAP answer (inline documents or none), or an MTOM answer whose root
    /// references no attachment (its parts, if any, were read at open).
    case none
    /// Still on the community's connection, read as the caller's socket accepts.
    case live(LiveAttachments)
    /// Read back from the leg's spool file, in arrival order.
    case spooled(RetrieveSpoolFile, [SpooledAttachment])
}
