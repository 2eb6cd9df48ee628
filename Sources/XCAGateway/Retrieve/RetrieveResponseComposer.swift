import XCABinding
import XCAModel
import XCASOAP

/// Phase 2 of the retrieve relay: merges the opened legs into the one `xdsb:RetrieveDocumentSetResponse` the
/// caller gets (ITI TF-2 3.39.4.2; RAD TF-3 4.69.4.2, 4.75.4.2), as an MTOM package (ITI TF-2 Appendix V; XOP 1.0).
///
///     let composer = RetrieveResponseComposer(transaction: .rad75, requestHeader: request.header.addressing)
///     let merged = try composer.compose(legs: opened, errors: allErrors)
///     // HTTP 200, Content-Type merged.contentType
///     try await merged.write { chunk in try await writer.write(chunk) }
package struct RetrieveResponseComposer: Sendable {
    package let transaction: Transaction
    /// The caller's request headers: the response's RelatesTo is their MessageID.
    package let requestAddressing: AddressingHeaders
    package let naming: RetrieveRelayNaming

    /// RelatesTo = the request's MessageID, wsa:Action = the transaction's response action (ITI-39
    /// CrossGatewayRetrieveResponse, RAD-69 RetrieveDocumentSetResponse, RAD-75
    /// CrossGatewayRetrieveImagingDocumentSetResponse); boundary and Content-IDs random.
    package init(transaction: Transaction, requestHeader addressing: AddressingHeaders) {
        self.init(transaction: transaction, requestHeader: addressing, naming: .random())
    }

    /// As above with fixed names (tests: reproducible bytes).
    package init(transaction: Transaction, requestHeader addressing: AddressingHeaders, naming: RetrieveRelayNaming) {
        self.transaction = transaction
        self.requestAddressing = addressing
        self.naming = naming
    }

    /// The merged response: `errors` is the complete RegistryErrorList (the integrator has already gathered plan
    /// errors, failed legs and each opened leg's own errors); documents = every opened leg's DocumentResponses in
    /// leg order, each given a fresh unique Content-ID (legs may reuse Content-IDs), inline documents included
    /// (they become attachments); status = `ResponseStatus.derive(errors:hasResults:)` (ITI TF-3 4.2.4.2).
    ///
    /// - Throws: ``RetrieveRelayError/Code/misuse`` for ITI-38; what encoding the envelope throws (a value XML
    ///   cannot carry).
    package func compose(legs: [OpenedRetrieveLeg], errors: [RegistryError]) throws -> ComposedRetrieveResponse {
        guard transaction != .iti38 else {
            throw RetrieveRelayError(.misuse, "ITI-38 has no retrieve response")
        }
        var documents: [DocumentResponse] = []
        documents.reserveCapacity(legs.reduce(0) { $0 + $1.response.documents.count })
        var relayLegs: [ComposedRetrieveResponse.RelayLeg] = []
        relayLegs.reserveCapacity(legs.count)
        for leg in legs {
            var renamed: [ContentID: ContentID] = [:]
            var inline: [ComposedRetrieveResponse.InlineAttachment] = []
            for var document in leg.response.documents {
                let contentID = try naming.contentID(documents.count + 1)
                switch document.content {
                case .attachment(let original):
                    renamed[try ContentID(original)] = contentID
                case .inline(let bytes):
                    let type = (try? MIMEContentType(parsing: document.mimeType)) ?? .octetStream
                    inline.append(.init(contentID: contentID, contentType: type, bytes: bytes))
                }
                document.content = .attachment(contentID: contentID.value)
                documents.append(document)
            }
            relayLegs.append(.init(community: leg.community, source: leg.source, renamed: renamed, inline: inline))
        }
        let response = RetrieveDocumentSetResponse(
            status: .derive(errors: errors, hasResults: !documents.isEmpty),
            errors: errors,
            documents: documents
        )
        let action = transaction.responseAction
        let envelope = try response.encode(
            addressing: requestAddressing.response(action: action, messageID: naming.messageID)
        )
        let writer = try MTOMWriter(action: action, rootContentID: naming.rootContentID, multipart: naming.multipart)
        return ComposedRetrieveResponse(
            writer: writer,
            status: response.status,
            documentCount: documents.count,
            envelope: envelope,
            legs: relayLegs
        )
    }
}
