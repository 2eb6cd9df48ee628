import NIOCore
import XCAModel
import XCASOAP

/// The merged retrieve response, ready to stream to the caller: an MTOM package (SOAP 1.2 MTOM, XOP 1.0;
/// `multipart/related`, root part first) whose root is the merged `xdsb:RetrieveDocumentSetResponse` and whose
/// attachments come from the legs as they arrive. Made by ``RetrieveResponseComposer/compose(legs:errors:)``.
package struct ComposedRetrieveResponse: Sendable {
    /// A document sent inline by its community, relayed as an attachment.
    struct InlineAttachment: Sendable {
        let contentID: ContentID
        let contentType: MIMEContentType
        let bytes: [UInt8]
    }

    /// One leg as the relay writes it.
    struct RelayLeg: Sendable {
        let community: HomeCommunityID
        let source: RetrieveAttachmentSource
        /// The community's Content-ID → the merged response's, for the leg's attachment documents.
        let renamed: [ContentID: ContentID]
        let inline: [InlineAttachment]
    }

    /// The bytes of inline documents and spooled attachments go out in pieces of this size.
    static let pieceSize = 64 << 10

    let writer: MTOMWriter
    /// The MTOM package's HTTP Content-Type: `multipart/related; type="application/xop+xml"; boundary=…;
    /// start="<…>"; start-info="application/soap+xml"; action="…"`.
    package let contentType: String
    package let status: ResponseStatus
    package let documentCount: Int
    let envelope: [UInt8]
    let legs: [RelayLeg]

    init(writer: MTOMWriter, status: ResponseStatus, documentCount: Int, envelope: [UInt8], legs: [RelayLeg]) {
        self.writer = writer
        self.contentType = writer.contentType.description
        self.status = status
        self.documentCount = documentCount
        self.envelope = envelope
        self.legs = legs
    }

    /// The root part's content: the SOAP 1.2 envelope with the merged response (for tests and inspection).
    package var rootEnvelope: [UInt8] { envelope }
}
