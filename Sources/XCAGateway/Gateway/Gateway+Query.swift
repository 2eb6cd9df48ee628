import Logging
import NIOCore
import XCAAudit
import XCABinding
import XCAFederation
import XCAModel
import XCASOAP
import XCATransport

extension Gateway {
    /// ITI-38 (ITI TF-2 3.38; protocol.md §2.3–2.5): plan → every leg at once under the query deadline → merge by
    /// streaming re-serialisation (no DOM) → one AdhocQueryResponse. Each leg sends the caller's query unchanged with
    /// its own MessageID; communities that do not answer become XDSUnavailableCommunity, faults and unreadable
    /// answers XDSRegistryError, each with location = that community's homeCommunityId.
    func query(
        _ query: CrossGatewayQueryRequest,
        federation: GatewayFederation,
        header: SOAPEnvelopeHeader,
        audit: inout RequestAudit?,
        logger: Logger
    ) async throws -> (response: TransportResponse, status: ResponseStatus) {
        let settings = federation.settings
        let plan = QueryPlanner.plan(query, in: federation.directory, gatewayHome: settings.homeCommunityID)
        let deadline = ContinuousClock.now + settings.queryDeadline
        let links = federation.links
        let client = self.client
        let maxBytes = settings.maxQueryResponseBytes
        let outcomes = await fanOut.run(plan.legs, community: { $0 }, deadline: deadline) { community, legDeadline in
            guard let url = community.endpoints.query, let tls = links[community.homeCommunityID]?.tls else {
                throw GatewayError(.noEndpoint, "no query endpoint")
            }
            let envelope = try query.encode(addressing: .request(action: Transaction.iti38.requestAction, to: url))
            let response = try await client.send(
                envelope,
                action: Transaction.iti38.requestAction,
                to: url,
                tls: tls,
                deadline: legDeadline
            )
            try SOAPCommunityClient.requireSOAPAnswer(response)
            return try await response.body.collect(upTo: maxBytes)
        }

        let queryPatient = audit?.queryNHSNumber
        var merger = QueryResponseMerger(deduplication: settings.deduplication)
        merger.addErrors(plan.errors)
        for (community, outcome) in zip(plan.legs, outcomes) {
            let communityOutcome: CommunityOutcome
            if case .completed(let body, _) = outcome {
                do {
                    let summary = try merger.add(body, from: community.homeCommunityID)
                    if let patients = self.audit?.patients {
                        Self.index(body, from: community.homeCommunityID, patient: queryPatient, into: patients)
                    }
                    switch summary.answer {
                    case .response(_, let errors):
                        communityOutcome = .answered(errors: errors, resultCount: summary.objectsMerged)
                        if summary.homesStamped > 0, !community.quirks.stampMissingHome {
                            merger.addErrors([Self.missingHome(community, count: summary.homesStamped)])
                        }
                    case .fault(let fault):
                        communityOutcome = .faulted(reason: "answered with a SOAP \(fault.code.rawValue) fault")
                    }
                } catch {
                    communityOutcome = LegClassification.outcome(failure: error)
                }
            } else {
                communityOutcome = LegClassification.outcome(outcome) ?? .unavailable(reason: "no answer")
            }
            Self.log(communityOutcome, of: community, leg: outcome, logger: logger)
            metrics.leg(community, .iti38, leg: outcome, judged: communityOutcome)
            audit?.add(.query(Self.auditCommunity(community, endpoint: community.endpoints.query), result: Self.auditResult(communityOutcome)))
            merger.addErrors(Aggregator.errors(for: communityOutcome, community: community))
        }
        let status = Aggregator.status(errors: merger.errors, resultCount: merger.objectCount)
        audit?.finish(status: status, errors: merger.errors)
        let chunks = try merger.finish(
            addressing: header.addressing.response(action: Transaction.iti38.responseAction),
            status: status
        )
        logger.info(
            "query merged",
            metadata: [
                "xca.status": "\(status)", "xca.objects": "\(merger.objectCount)", "xca.communities": "\(plan.legs.count)",
            ]
        )
        return (.soap(chunks: chunks, action: Transaction.iti38.responseAction), status)
    }

    /// ITI TF-2 3.38.4.1.3: an Initiating Gateway receiving objects without `home` reports XDSMissingHomeCommunityId,
    /// identifying the Responding Gateway; the objects were stamped, so it is a warning (the results are usable).
    static func missingHome(_ community: Community, count: Int) -> RegistryError {
        RegistryError(
            .missingHomeCommunityID,
            codeContext: "community \(community.name) returned \(count) object(s) without homeCommunityId; stamped with \(community.homeCommunityID.rawValue)",
            location: community.homeCommunityID.rawValue,
            severity: .warning
        )
    }

    /// One line per leg for operators: community, outcome, elapsed — never identifiers from the request.
    static func log<Value>(_ outcome: CommunityOutcome, of community: Community, leg: LegOutcome<Value>, logger: Logger) {
        // An answered leg is logged at debug: its metadata is not even built at the usual info level.
        if case .answered = outcome, logger.logLevel > .debug { return }
        let elapsed: Duration? =
            switch leg {
            case .completed(_, let elapsed), .failed(_, let elapsed), .timedOut(let elapsed): elapsed
            case .rejected: nil
            }
        var metadata: Logger.Metadata = ["xca.community": "\(community.name)"]
        if let elapsed { metadata["xca.elapsed"] = "\(LegClassification.seconds(elapsed))" }
        switch outcome {
        case .answered(let errors, let count):
            metadata["xca.results"] = "\(count)"
            metadata["xca.errors"] = "\(errors.count)"
            logger.debug("leg answered", metadata: metadata)
        case .unavailable(let reason):
            metadata["xca.reason"] = "\(reason)"
            logger.warning("community unavailable", metadata: metadata)
        case .faulted(let reason), .malformed(let reason):
            metadata["xca.reason"] = "\(reason)"
            logger.warning("community answer refused", metadata: metadata)
        }
    }
}
