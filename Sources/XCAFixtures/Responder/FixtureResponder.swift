import XCABinding
import XCAModel
import XCASOAP

/// One community of the fixture federation acting as a Responding Gateway, without sockets: it answers ITI-38
/// with its ``StoredQueryEngine``, ITI-39 from its repositories and RAD-69 / RAD-75 from its Imaging Document
/// Sources. A transport handler decodes the request with XCABinding's `RequestDecoder`, calls
/// ``respond(to:)`` and sends the ``FixtureReply``.
///
///     let responder = FixtureResponder(community: community)
///     let reply = responder.respond(toEnvelope: rootPartBytes, at: .xca)
///     // status reply.httpStatus, Content-Type reply.contentType, Content-Length reply.contentLength
///     try await reply.write { chunk in try await writer.write(chunk) }
public struct FixtureResponder: Sendable {
    public let community: FixtureCommunity
    public let queryEngine: StoredQueryEngine
    /// repositoryUniqueId → document uniqueId → position in `community.documents`.
    let documentsByRepository: [String: [String: Int]]
    /// SOP Instance UID → position in `community.instances`.
    let instancesBySOPInstanceUID: [String: Int]
    let imagingDocumentSources: Set<String>

    public init(community: FixtureCommunity) {
        self.community = community
        queryEngine = StoredQueryEngine(community: community)
        var documents: [String: [String: Int]] = [:]
        for repository in community.repositories { documents[repository.rawValue] = [:] }
        for (position, document) in community.documents.enumerated() {
            documents[document.repositoryUniqueID.rawValue, default: [:]][document.uniqueID.rawValue] = position
        }
        documentsByRepository = documents
        var instances: [String: Int] = [:]
        for (position, instance) in community.instances.enumerated() {
            instances[instance.sopInstanceUID.rawValue] = position
        }
        instancesBySOPInstanceUID = instances
        imagingDocumentSources = Set(community.imagingDocumentSources.map(\.repositoryUniqueID.rawValue))
    }

    /// The community's homeCommunityId as written in `location` and `HomeCommunityId`.
    public var homeCommunityID: HomeCommunityID { community.homeCommunityID }

    /// Answers a decoded request: ITI-38 as a plain envelope, ITI-39 / RAD-69 / RAD-75 as an MTOM package; the
    /// response's wsa:RelatesTo is the request's MessageID. Only a response that cannot be written (a value XML
    /// cannot carry) becomes a Receiver fault.
    public func respond(to request: DecodedRequest) -> FixtureReply {
        let requestAddressing = request.header.addressing
        let addressing = requestAddressing.response(action: request.transaction.responseAction)
        do {
            switch request.request {
            case .crossGatewayQuery(let query):
                let response = queryEngine.evaluate(query)
                return .envelope(
                    try response.encode(addressing: addressing),
                    transaction: .iti38,
                    status: response.status
                )
            case .crossGatewayRetrieve(let retrieve):
                return try .retrieve(self.retrieve(retrieve), transaction: .iti39, addressing: addressing)
            case .retrieveImagingDocumentSet(let retrieve):
                let retrieval = retrieveImaging(retrieve, requiringHomeCommunityID: request.transaction == .rad75)
                return try .retrieve(retrieval, transaction: request.transaction, addressing: addressing)
            }
        } catch {
            return .fault(for: error, relatesTo: requestAddressing.messageID)
        }
    }

    /// Decodes `envelope` (a plain request body, or an MTOM request's root part) received at `endpoint` and answers
    /// it; a request that cannot be decoded gets the SOAP Fault the decoder chose (VersionMismatch,
    /// MustUnderstand, ActionNotSupported, a Sender fault for a malformed body…).
    public func respond(
        toEnvelope envelope: [UInt8],
        at endpoint: GatewayEndpoint? = nil,
        decoder: RequestDecoder = RequestDecoder()
    ) -> FixtureReply {
        let decoded: DecodedRequest
        do {
            decoded = try decoder.decode(envelope, at: endpoint)
        } catch {
            return .fault(for: error)
        }
        return respond(to: decoded)
    }

    /// The ITI-38 response (see ``StoredQueryEngine``).
    public func query(_ request: CrossGatewayQueryRequest) -> CrossGatewayQueryResponse {
        queryEngine.evaluate(request)
    }

    /// A RegistryError located at this community.
    func error(_ code: RegistryError.Code, _ context: String) -> RegistryError {
        RegistryError(code, codeContext: context, location: homeCommunityID.rawValue)
    }
}
