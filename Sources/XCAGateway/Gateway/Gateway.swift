import HTTPTypes
import Logging
import NIOCore
import XCABinding
import XCAFederation
import XCAModel
import XCASOAP
import XCATransport

/// The Initiating Gateway's request pipeline behind `/xca` (ITI-38, ITI-39) and `/xcai` (RAD-75, RAD-69): decode and
/// validate the caller's request, plan the legs per community, fan out under one deadline, merge the answers and
/// stream the merged response back. It owns no listener (``GatewayService`` puts it behind the mTLS server), so tests
/// can call ``handle(_:)`` directly.
package final class Gateway: Sendable {
    package let settings: GatewaySettings
    package let directory: CommunityDirectory
    package let breakers: CircuitBreakerRegistry
    package let limiter: CommunityLimiter
    let links: [HomeCommunityID: CommunityLink]
    let client: SOAPCommunityClient
    let fanOut: FanOut
    let logger: Logger
    let decoder = RequestDecoder()

    package init(
        settings: GatewaySettings,
        links: [CommunityLink],
        http: CommunityHTTPClient,
        breakers: CircuitBreakerRegistry = CircuitBreakerRegistry(),
        logger: Logger = Logger(label: "xca.gateway")
    ) throws {
        self.settings = settings
        self.directory = try CommunityDirectory(links.map(\.community))
        var byID: [HomeCommunityID: CommunityLink] = [:]
        for link in links { byID[link.community.homeCommunityID] = link }
        self.links = byID
        self.client = SOAPCommunityClient(http: http)
        self.breakers = breakers
        self.limiter = CommunityLimiter()
        self.fanOut = FanOut(breakers: breakers, limiter: limiter)
        self.logger = logger
    }

    /// Answers one HTTP request: `GET /` (what this is), `GET /status` (communities and circuits, JSON), `POST /xca`,
    /// `POST /xcai`; anything else 404/405.
    package func handle(_ request: TransportRequest) async throws -> TransportResponse {
        switch (request.method, request.path) {
        case (.get, "/"), (.head, "/"):
            return .plainText(.ok, description)
        case (.get, "/status"):
            return .json(.ok, statusJSON())
        case (_, GatewayEndpoint.xca.rawValue), (_, GatewayEndpoint.xcai.rawValue):
            guard request.method == .post else {
                var response = TransportResponse.plainText(.methodNotAllowed, "POST a SOAP 1.2 request\n")
                response.headerFields[.allow] = "POST"
                return response
            }
        default:
            return .plainText(.notFound, "no such endpoint: use /xca (ITI-38, ITI-39) or /xcai (RAD-75, RAD-69)\n")
        }
        let endpoint = GatewayEndpoint(rawValue: request.path)
        let requestID = MessageID.random()
        var logger = self.logger
        logger[metadataKey: "xca.request.id"] = "\(requestID)"
        logger[metadataKey: "xca.caller"] = "\(request.peer.subject)"

        let decoded: DecodedRequest
        do {
            decoded = try await decode(request, at: endpoint)
        } catch {
            let fault = Self.fault(for: error)
            logger.notice("request refused", metadata: ["xca.fault": "\(fault.code.rawValue)"])
            return .soapFault(fault, relatesTo: nil)
        }
        logger[metadataKey: "xca.transaction"] = "\(decoded.transaction.rawValue)"
        let started = ContinuousClock.now
        let validation = decoded.validationErrors(location: settings.homeCommunityID.rawValue)
        let response: TransportResponse
        if !validation.isEmpty {
            logger.notice("request invalid", metadata: ["xca.errors": "\(validation.map(\.code.rawValue))"])
            response = try refusal(decoded, errors: validation)
        } else {
            switch decoded.request {
            case .crossGatewayQuery(let query):
                response = try await self.query(query, header: decoded.header, logger: logger)
            case .crossGatewayRetrieve(let retrieve):
                response = try await self.retrieve(retrieve, header: decoded.header, logger: logger)
            case .retrieveImagingDocumentSet(let retrieve):
                response = try await self.retrieveImaging(
                    retrieve,
                    transaction: decoded.transaction,
                    header: decoded.header,
                    logger: logger
                )
            }
        }
        logger.info("answered", metadata: ["xca.elapsed": "\(LegClassification.seconds(started.duration(to: .now)))"])
        return response
    }

    /// The SOAP envelope of a plain or MTOM request, decoded and dispatched on wsa:Action for `endpoint`.
    private func decode(_ request: TransportRequest, at endpoint: GatewayEndpoint?) async throws -> DecodedRequest {
        let mime = try MIMEContentType(parsing: request.headerFields[.contentType] ?? "")
        let format = try SOAPMessageFormat(contentType: mime)
        let body = try await request.body.collect(upTo: settings.maxRequestBytes)
        let envelope: [UInt8]
        switch format {
        case .plain:
            envelope = Array(buffer: body)
        case .mtom:
            let message = try await MTOMMessage.read(contentType: mime, body: body, maxAttachmentBytes: settings.maxRequestBytes)
            envelope = Array(buffer: message.root.body)
        }
        let decoded = try decoder.decode(envelope, at: endpoint)
        try SOAPMessageFormat.checkAction(SOAPMessageFormat.action(of: mime), matches: decoded.header.addressing)
        return decoded
    }

    /// The answer to a request whose content earned RegistryErrors before anything was sent anywhere: Failure.
    private func refusal(_ decoded: DecodedRequest, errors: [RegistryError]) throws -> TransportResponse {
        let addressing = decoded.header.addressing.response(action: decoded.transaction.responseAction)
        switch decoded.request {
        case .crossGatewayQuery:
            let envelope = try CrossGatewayQueryResponse(status: .failure, errors: errors).encode(addressing: addressing)
            return .soap(envelope, action: decoded.transaction.responseAction)
        case .crossGatewayRetrieve, .retrieveImagingDocumentSet:
            let composed = try RetrieveResponseComposer(transaction: decoded.transaction, requestHeader: decoded.header.addressing)
                .compose(legs: [], errors: errors)
            return .relay(composed)
        }
    }

    /// The one place where an error raised before planning becomes a SOAP Fault (architecture rule 7): a
    /// ``SOAPFault`` as it is, a ``BindingError`` as its Sender fault, a malformed MTOM package as a Sender fault,
    /// anything else a Receiver fault that does not repeat the error.
    static func fault(for error: any Error) -> SOAPFault {
        switch error {
        case let fault as SOAPFault: fault
        case let binding as BindingError: binding.soapFault
        case let multipart as MultipartError: SOAPFault(code: .sender, reason: "the MTOM package cannot be read: \(multipart.code)")
        case let transport as TransportError where transport.code == .bodyTooLarge:
            SOAPFault(code: .sender, reason: "the request is larger than the gateway accepts")
        default: .receiver("the gateway could not read the request")
        }
    }

    private var description: String {
        let lines = directory.communities.map { community in
            "  \(community.name)  \(community.homeCommunityID.rawValue)\(community.isEnabled ? "" : "  (disabled)")"
        }
        return """
            XCA / XCA-I Initiating Gateway \(settings.homeCommunityID.rawValue)
            POST /xca   ITI-38 Cross Gateway Query, ITI-39 Cross Gateway Retrieve
            POST /xcai  RAD-75 Cross Gateway Retrieve Imaging Document Set, RAD-69 Retrieve Imaging Document Set
            GET /status communities and circuit breakers (JSON)
            communities:
            \(lines.joined(separator: "\n"))

            """
    }
}
