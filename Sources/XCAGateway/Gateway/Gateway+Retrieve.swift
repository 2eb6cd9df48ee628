import Foundation
import Logging
import XCAAudit
import XCABinding
import XCAFederation
import XCAModel
import XCASOAP
import XCATransport

extension Gateway {
    /// One retrieve leg ready to send: the community, the envelope, where to and with which action.
    struct RetrieveCall: Sendable {
        var community: Community
        var envelope: [UInt8]
        var url: String
        var action: String
        var documentCount: Int
        /// What the leg asks for, for its audit event: the DocumentRequests of an ITI-39 leg, or the imaging request.
        var documents: [DocumentRequest] = []
        var imaging: RetrieveImagingDocumentSetRequest?
        /// Spool the leg's attachments to disk so its connection is released before the relay reaches it.
        var spools: Bool
    }

    /// ITI-39 (ITI TF-2 3.39): DocumentRequests grouped by HomeCommunityId, one leg per community (split at its
    /// maximum), all at once; the merged MTOM response streams to the caller as the parts arrive.
    func retrieve(
        _ request: RetrieveDocumentSetRequest,
        federation: GatewayFederation,
        header: SOAPEnvelopeHeader,
        audit: inout RequestAudit?,
        logger: Logger
    ) async throws -> (response: TransportResponse, status: ResponseStatus) {
        let plan = RetrievePlanner.plan(request, in: federation.directory, gatewayHome: federation.settings.homeCommunityID)
        let calls = try plan.legs.map { leg in
            guard let url = leg.community.endpoints.retrieve else { throw GatewayError(.noEndpoint, "no retrieve endpoint") }
            let action = Transaction.iti39.requestAction
            let envelope = try RetrieveDocumentSetRequest(documents: leg.documents)
                .encode(addressing: .request(action: action, to: url))
            return RetrieveCall(
                community: leg.community, envelope: envelope, url: url, action: action,
                documentCount: leg.documents.count, documents: leg.documents, spools: false
            )
        }
        return try await relay(
            calls, planErrors: plan.errors, transaction: .iti39, federation: federation, header: header, audit: &audit,
            logger: logger
        )
    }

    /// RAD-75 (RAD TF-3 4.75) and RAD-69 from a local consumer (RAD TF-3 4.69): per community a RAD-75 request with
    /// the study/series structure rebuilt and the TransferSyntaxUIDList passed through.
    func retrieveImaging(
        _ request: RetrieveImagingDocumentSetRequest,
        transaction: Transaction,
        federation: GatewayFederation,
        header: SOAPEnvelopeHeader,
        audit: inout RequestAudit?,
        logger: Logger
    ) async throws -> (response: TransportResponse, status: ResponseStatus) {
        let plan = ImagingRetrievePlanner.plan(
            request,
            requiringHomeCommunityID: transaction == .rad75,
            in: federation.directory,
            gatewayHome: federation.settings.homeCommunityID
        )
        let calls = try plan.legs.map { leg in
            guard let url = leg.community.endpoints.imagingRetrieve else {
                throw GatewayError(.noEndpoint, "no imaging retrieve endpoint")
            }
            let action = Transaction.rad75.requestAction
            let envelope = try leg.request.encode(addressing: .request(action: action, to: url))
            return RetrieveCall(
                community: leg.community, envelope: envelope, url: url, action: action,
                documentCount: leg.request.allDocumentRequests.count, imaging: leg.request, spools: false
            )
        }
        return try await relay(
            calls, planErrors: plan.errors, transaction: transaction, federation: federation, header: header,
            audit: &audit, logger: logger
        )
    }

    /// Phase 1: every leg at once, each until its community's SOAP root part has arrived (under the community's
    /// timeout and the retrieve deadline). Phase 2 (in the response body): the merged root, then the attachments as
    /// they stream in, leg after leg, at the pace of the caller's socket.
    ///
    /// A leg holds its connection until the relay has passed its attachments on. A community with more legs in this
    /// request than it may have requests in flight could never open them all, so all its legs are spooled to disk
    /// instead (bounded memory either way; the connections are released as soon as each leg is on disk).
    private func relay(
        _ planned: [RetrieveCall],
        planErrors: [RegistryError],
        transaction: Transaction,
        federation: GatewayFederation,
        header: SOAPEnvelopeHeader,
        audit: inout RequestAudit?,
        logger: Logger
    ) async throws -> (response: TransportResponse, status: ResponseStatus) {
        var legsPerCommunity: [HomeCommunityID: Int] = [:]
        for call in planned { legsPerCommunity[call.community.homeCommunityID, default: 0] += 1 }
        let calls = planned.map { call in
            var call = call
            call.spools = legsPerCommunity[call.community.homeCommunityID, default: 0] > call.community.maxConcurrentRequests
            return call
        }
        let links = federation.links
        let client = self.client
        let settings = federation.settings
        let outcomes = await fanOut.run(
            calls,
            community: { $0.community },
            deadline: .now + settings.retrieveDeadline
        ) { call, _ in
            guard let tls = links[call.community.homeCommunityID]?.tls else { throw GatewayError(.noEndpoint, "unknown community") }
            // The HTTP deadline covers the whole transfer; the fan-out cancels this operation at the leg's deadline
            // if the root part has not arrived by then.
            let response = try await client.send(
                call.envelope,
                action: call.action,
                to: call.url,
                tls: tls,
                deadline: .now + settings.transferTimeout
            )
            try SOAPCommunityClient.requireSOAPAnswer(response)
            var limits = RetrieveRelayLimits()
            limits.maxRootPartBytes = settings.maxInlineBytes
            limits.acceptInlineDocuments = call.community.quirks.acceptInlineDocuments
            return try await RetrieveLegReader.open(
                community: call.community.homeCommunityID,
                status: response.status.code,
                contentType: response.headerFields[.contentType] ?? "",
                body: response.body,
                limits: limits,
                spoolDirectory: call.spools ? (settings.spoolDirectory ?? Self.temporaryDirectory) : nil
            )
        }

        var errors = planErrors
        var opened: [OpenedRetrieveLeg] = []
        for (call, outcome) in zip(calls, outcomes) {
            let communityOutcome: CommunityOutcome
            var retrieved: Set<DocumentUniqueID> = []
            if case .completed(let leg, _) = outcome {
                opened.append(leg)
                communityOutcome = .answered(errors: leg.response.errors, resultCount: leg.response.documents.count)
                retrieved = Set(leg.response.documents.map(\.documentUniqueID))
            } else {
                communityOutcome = LegClassification.outcome(outcome) ?? .unavailable(reason: "no answer")
            }
            Self.log(communityOutcome, of: call.community, leg: outcome, logger: logger)
            metrics.leg(call.community, call.imaging == nil ? .iti39 : .rad75, leg: outcome, judged: communityOutcome)
            let community = Self.auditCommunity(call.community, endpoint: call.url)
            if let imaging = call.imaging {
                audit?.add(.imagingRetrieve(community, request: imaging, retrieved: retrieved, result: Self.auditResult(communityOutcome)))
            } else {
                audit?.add(.retrieve(community, documents: call.documents, retrieved: retrieved, result: Self.auditResult(communityOutcome)))
            }
            errors += Aggregator.errors(for: communityOutcome, community: call.community)
        }
        let composed = try RetrieveResponseComposer(transaction: transaction, requestHeader: header.addressing)
            .compose(legs: opened, errors: errors)
        audit?.finish(status: composed.status, errors: errors)
        logger.info(
            "retrieve relaying",
            metadata: [
                "xca.status": "\(composed.status)", "xca.documents": "\(composed.documentCount)",
                "xca.legs": "\(calls.count)",
            ]
        )
        return (.relay(composed, logger: logger), composed.status)
    }

    static var temporaryDirectory: String {
        FileManager.default.temporaryDirectory.path
    }
}
