import HTTPTypes
import Foundation
import Logging
import NIOCore
import Synchronization
import XCAAudit
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
    /// Circuit breakers and concurrency caps outlive reloads: communities that stay keep their state.
    package let breakers: CircuitBreakerRegistry
    package let limiter: CommunityLimiter
    /// The federation new requests take (one lock to read a reference); replaced whole by ``install(_:)``.
    private let current: Mutex<GatewayFederation>
    let client: SOAPCommunityClient
    let fanOut: FanOut
    let logger: Logger
    let decoder = RequestDecoder()
    /// The audit trail (nil: requests are not audited — tests and the S5 baseline only).
    package let audit: GatewayAudit?
    /// Requests and legs counted for `/metrics`.
    package let metrics: GatewayMetrics

    package init(
        settings: GatewaySettings,
        links: [CommunityLink],
        http: CommunityHTTPClient,
        breakers: CircuitBreakerRegistry = CircuitBreakerRegistry(),
        audit: GatewayAudit? = nil,
        logger: Logger = Logger(label: "xca.gateway"),
        metrics: GatewayMetrics = GatewayMetrics()
    ) throws {
        self.current = Mutex(try GatewayFederation(settings: settings, links: links))
        self.client = SOAPCommunityClient(http: http)
        self.breakers = breakers
        self.limiter = CommunityLimiter()
        self.fanOut = FanOut(breakers: breakers, limiter: limiter)
        self.audit = audit
        self.logger = logger
        self.metrics = metrics
    }

    /// The federation a request starting now works with.
    package var federation: GatewayFederation { current.withLock { $0 } }
    package var settings: GatewaySettings { federation.settings }
    package var directory: CommunityDirectory { federation.directory }

    /// Makes `federation` the one new requests take; requests already running finish on theirs. The circuit
    /// breakers of communities it no longer has are dropped; those of communities that stay (same
    /// homeCommunityId) keep their state, and so do the concurrency caps' counts of legs in flight.
    package func install(_ federation: GatewayFederation) {
        current.withLock { $0 = federation }
        breakers.retain(only: Set(federation.directory.communities.map(\.homeCommunityID)))
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
        // The request runs on the federation of its start, whatever a reload installs meanwhile.
        let federation = self.federation
        var tally = RequestTally(received: .now)
        // Every request is audited, refused ones too (audit.md §8): its events are durable before it is answered.
        // The journal counts it in progress until `released` records it (its group commit may wait for it).
        var audit = self.audit.map { gatewayAudit in
            gatewayAudit.journal.requestBegan()
            return gatewayAudit.creator.begin(
                received: Date(),
                caller: AuditCaller(
                    subject: request.peer.subject,
                    serialNumber: request.peer.serialNumber,
                    remoteAddress: request.remoteAddress ?? ""
                ),
                endpoint: endpoint
            )
        }
        var logger = self.logger
        logger[metadataKey: "xca.request.id"] = "\(audit?.transactionID ?? MessageID.random())"
        logger[metadataKey: "xca.caller"] = "\(request.peer.subject)"
        if let gatewayAudit = self.audit, !gatewayAudit.isWritable() {
            gatewayAudit.journal.requestAbandoned()
            logger.error("request refused: the audit trail cannot be written (no audit, no access)")
            tally.transaction = Self.action(of: request).flatMap(Transaction.init(requestAction:))
            tally.record(.refused, in: metrics)
            return .soapFault(.receiver(GatewayAudit.refusal), relatesTo: nil)
        }

        let decoded: DecodedRequest
        do {
            let envelope: [UInt8]
            (decoded, envelope) = try await decode(request, at: endpoint, maxBytes: federation.settings.maxRequestBytes)
            audit?.decoded(decoded, envelope: envelope)
        } catch {
            let fault = Self.fault(for: error)
            audit?.refused(fault, action: Self.action(of: request))
            logger.notice("request refused", metadata: ["xca.fault": "\(fault.code.rawValue)"])
            tally.transaction = Self.action(of: request).flatMap(Transaction.init(requestAction:))
            tally.outcome = .fault
            return await released(.soapFault(fault, relatesTo: nil), audit: audit, logger: logger, tally: tally)
        }
        if let audit {
            logger[metadataKey: "xca.request.id"] = "\(audit.transactionID)"
            if let problem = audit.user.problem {
                logger.notice("the request's XUA assertion cannot be read; audited without a user", metadata: ["xca.reason": "\(problem)"])
            }
        }
        logger[metadataKey: "xca.transaction"] = "\(decoded.transaction.rawValue)"
        tally.transaction = decoded.transaction
        let started = ContinuousClock.now
        let validation = decoded.validationErrors(location: federation.settings.homeCommunityID.rawValue)
        let response: TransportResponse
        let status: ResponseStatus
        do {
            if !validation.isEmpty {
                logger.notice("request invalid", metadata: ["xca.errors": "\(validation.map(\.code.rawValue))"])
                audit?.finish(status: .failure, errors: validation)
                (response, status) = (try refusal(decoded, errors: validation), .failure)
            } else {
                switch decoded.request {
                case .crossGatewayQuery(let query):
                    (response, status) = try await self.query(
                        query, federation: federation, header: decoded.header, audit: &audit, logger: logger
                    )
                case .crossGatewayRetrieve(let retrieve):
                    (response, status) = try await self.retrieve(
                        retrieve, federation: federation, header: decoded.header, audit: &audit, logger: logger
                    )
                case .retrieveImagingDocumentSet(let retrieve):
                    (response, status) = try await self.retrieveImaging(
                        retrieve,
                        transaction: decoded.transaction,
                        federation: federation,
                        header: decoded.header,
                        audit: &audit,
                        logger: logger
                    )
                }
            }
        } catch {
            // No answer is released: the events record the request as aborted (outcome 8) before the error goes on.
            tally.outcome = .fault
            _ = await released(.soapFault(.receiver("aborted"), relatesTo: nil), audit: audit, logger: logger, tally: tally)
            throw error
        }
        if Task.isCancelled {
            // Cut off before its answer could go out (the caller went away, or shutdown's drain deadline passed):
            // whatever status the pipeline reached, no response is released, and the events say so.
            audit?.abort()
            tally.outcome = .fault
            _ = await released(.soapFault(.receiver("aborted"), relatesTo: nil), audit: audit, logger: logger, tally: tally)
            logger.notice("request cut off before its answer was released")
            throw CancellationError()
        }
        logger.info("answered", metadata: ["xca.elapsed": "\(LegClassification.seconds(started.duration(to: .now)))"])
        tally.outcome = RequestOutcome(status)
        return await released(response, audit: audit, logger: logger, tally: tally)
    }

    /// `response` once the request's audit events are durable; when they cannot be written, a SOAP Receiver fault
    /// instead ("no audit, no access": an answer is never released unaudited). Either way the request is counted.
    private func released(
        _ response: TransportResponse,
        audit: RequestAudit?,
        logger: Logger,
        tally: RequestTally
    ) async -> TransportResponse {
        guard let audit, let journal = self.audit?.journal else {
            tally.record(tally.outcome, in: metrics)
            return response
        }
        do {
            try await journal.record(audit.envelopes())
            tally.record(tally.outcome, in: metrics)
            return response
        } catch {
            tally.record(.refused, in: metrics)
            logger.error(
                "answer withheld: its audit events cannot be written (no audit, no access)",
                metadata: ["xca.reason": "\(String(describing: type(of: error)))"]
            )
            return .soapFault(.receiver(GatewayAudit.refusal), relatesTo: nil)
        }
    }

    /// The SOAP action a request names in its Content-Type (`action` parameter), when it can be read: the
    /// transaction a request refused before decoding attempted.
    private static func action(of request: TransportRequest) -> String? {
        guard let mime = try? MIMEContentType(parsing: request.headerFields[.contentType] ?? "") else { return nil }
        return SOAPMessageFormat.action(of: mime)
    }

    /// The SOAP envelope of a plain or MTOM request, decoded and dispatched on wsa:Action for `endpoint`.
    private func decode(
        _ request: TransportRequest,
        at endpoint: GatewayEndpoint?,
        maxBytes: Int
    ) async throws -> (request: DecodedRequest, envelope: [UInt8]) {
        let mime = try MIMEContentType(parsing: request.headerFields[.contentType] ?? "")
        let format = try SOAPMessageFormat(contentType: mime)
        let body = try await request.body.collect(upTo: maxBytes)
        let envelope: [UInt8]
        switch format {
        case .plain:
            envelope = Array(buffer: body)
        case .mtom:
            let message = try await MTOMMessage.read(contentType: mime, body: body, maxAttachmentBytes: maxBytes)
            envelope = Array(buffer: message.root.body)
        }
        let decoded = try decoder.decode(envelope, at: endpoint)
        try SOAPMessageFormat.checkAction(SOAPMessageFormat.action(of: mime), matches: decoded.header.addressing)
        return (decoded, envelope)
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
        let federation = self.federation
        let lines = federation.directory.communities.map { community in
            "  \(community.name)  \(community.homeCommunityID.rawValue)\(community.isEnabled ? "" : "  (disabled)")"
        }
        return """
            XCA / XCA-I Initiating Gateway \(federation.settings.homeCommunityID.rawValue)
            POST /xca   ITI-38 Cross Gateway Query, ITI-39 Cross Gateway Retrieve
            POST /xcai  RAD-75 Cross Gateway Retrieve Imaging Document Set, RAD-69 Retrieve Imaging Document Set
            GET /status communities and circuit breakers (JSON)
            communities:
            \(lines.joined(separator: "\n"))

            """
    }
}
