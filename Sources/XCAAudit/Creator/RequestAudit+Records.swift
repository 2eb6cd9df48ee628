import XCABinding
import XCAModel

extension RequestAudit {
    /// Which of a request's documents an event covers.
    enum Part: Sendable {
        case all
        /// What was delivered (the success event of a PartialSuccess).
        case succeeded
        /// What was not (its failure event).
        case failed
    }

    /// One event's outcome and the part of the request it covers.
    struct OutcomeClass: Sendable {
        var outcome: AuditOutcome
        var description: String?
        var part: Part
    }

    /// One SOP instance of an imaging request, with its study and series.
    struct ImagingInstance: Sendable {
        var study: StudyInstanceUID
        var series: SeriesInstanceUID
        var document: DocumentRequest
    }

    /// The events of the request, responder-role first, then each leg's in the order the legs were added. Each has
    /// a freshly minted id.
    public func records() -> [AuditRecord] {
        let gatewayEndpoint = creator.settings.endpointURL(path: endpoint?.rawValue ?? "")
        guard let decoded else {
            return [refusedRecord(gatewayEndpoint: gatewayEndpoint)]
        }
        let responder = Self.classes(final)
        var records: [AuditRecord] = []
        func append(
            _ transaction: Transaction,
            _ role: AuditRole,
            _ outcome: OutcomeClass,
            leg: AuditLeg?,
            patient: AuditPatient?,
            subject: AuditSubject
        ) {
            let interaction = role == .initiator ? Self.legTransaction(transaction).requestAction : transaction.requestAction
            records.append(
                AuditRecord(
                    id: AuditUUID.random(),
                    recorded: received,
                    transaction: .known(role == .initiator ? Self.legTransaction(transaction) : transaction),
                    role: role,
                    outcome: outcome.outcome,
                    outcomeDescription: outcome.description,
                    transactionID: transactionID,
                    interaction: interaction,
                    user: user.identity,
                    caller: caller,
                    community: leg?.community,
                    legMessageID: leg?.messageID,
                    gatewayEndpoint: gatewayEndpoint,
                    patient: patient,
                    subject: subject
                )
            )
        }

        switch decoded.request {
        case .crossGatewayQuery(let query):
            let entity = decoded.query ?? AuditQuery(queryID: query.queryID, request: [], homeCommunityID: query.home)
            let patients = decoded.queryPatients.isEmpty ? [nil] : decoded.queryPatients
            for outcome in responder {
                for patient in patients {
                    append(decoded.transaction, .responder, outcome, leg: nil, patient: patient, subject: .query(entity))
                }
            }
            for leg in legs {
                var sent = entity
                sent.homeCommunityID = leg.community.homeCommunityID
                for outcome in Self.classes(leg) {
                    for patient in patients {
                        append(decoded.transaction, .initiator, outcome, leg: leg, patient: patient, subject: .query(sent))
                    }
                }
            }

        case .crossGatewayRetrieve(let retrieve):
            let retrieved = final?.retrieved ?? legs.reduce(into: Set()) { $0.formUnion($1.retrieved) }
            for outcome in responder {
                let documents = Self.select(retrieve.documents, outcome.part, retrieved: retrieved, id: \.documentUniqueID)
                for (patient, group) in group(documents, patient: documentPatient) {
                    append(decoded.transaction, .responder, outcome, leg: nil, patient: patient, subject: .documents(group.map(AuditDocument.init)))
                }
            }
            for leg in legs {
                let sent = leg.documents.isEmpty
                    ? retrieve.documents.filter { $0.homeCommunityID == leg.community.homeCommunityID } : leg.documents
                for outcome in Self.classes(leg) {
                    let documents = Self.select(sent, outcome.part, retrieved: leg.retrieved, id: \.documentUniqueID)
                    for (patient, group) in group(documents, patient: documentPatient) {
                        append(decoded.transaction, .initiator, outcome, leg: leg, patient: patient, subject: .documents(group.map(AuditDocument.init)))
                    }
                }
            }

        case .retrieveImagingDocumentSet(let retrieve):
            let instances = Self.instances(of: retrieve)
            let retrieved = final?.retrieved ?? legs.reduce(into: Set()) { $0.formUnion($1.retrieved) }
            for outcome in responder {
                let chosen = Self.select(instances, outcome.part, retrieved: retrieved, id: \.document.documentUniqueID)
                for (patient, group) in group(chosen, patient: studyPatient) {
                    append(decoded.transaction, .responder, outcome, leg: nil, patient: patient, subject: .studies(Self.studies(group)))
                }
            }
            for leg in legs {
                let sent = leg.imaging.map(Self.instances(of:))
                    ?? instances.filter { $0.document.homeCommunityID == leg.community.homeCommunityID }
                for outcome in Self.classes(leg) {
                    let chosen = Self.select(sent, outcome.part, retrieved: leg.retrieved, id: \.document.documentUniqueID)
                    for (patient, group) in group(chosen, patient: studyPatient) {
                        append(decoded.transaction, .initiator, outcome, leg: leg, patient: patient, subject: .studies(Self.studies(group)))
                    }
                }
            }
        }
        return records
    }

    // MARK: Refused requests

    /// The one event of a request refused before it was decoded (or, if the pipeline never said, aborted).
    private func refusedRecord(gatewayEndpoint: String) -> AuditRecord {
        let outcome: AuditOutcome
        let description: String
        if let refusal {
            outcome = refusal.code == .receiver ? .seriousFailure : .minorFailure
            let token = "env:" + refusal.code.rawValue + (refusal.subcode.map { "/" + $0 } ?? "")
            description = OutcomeDescription.make("Failure", code: token, location: nil)
        } else {
            outcome = .seriousFailure
            description = "Aborted; no response released"
        }
        return AuditRecord(
            id: AuditUUID.random(),
            recorded: received,
            transaction: .unknown(attempted: refusal?.attempted),
            role: .responder,
            outcome: outcome,
            outcomeDescription: description,
            transactionID: transactionID,
            interaction: refusal?.attempted?.requestAction,
            user: nil,
            caller: caller,
            community: nil,
            legMessageID: nil,
            gatewayEndpoint: gatewayEndpoint,
            patient: nil,
            subject: .none
        )
    }

    // MARK: Outcomes

    /// audit.md §8.3: Success → one event 0; PartialSuccess → 0 for what succeeded and 4 for what failed; Failure →
    /// 4 when every error is the requester's, else 8. No final status: the request was aborted (8).
    static func classes(_ final: Final?) -> [OutcomeClass] {
        guard let final else {
            return [OutcomeClass(outcome: .seriousFailure, description: "Aborted; no response released", part: .all)]
        }
        return classes(status: final.status, errors: final.errors)
    }

    static func classes(status: ResponseStatus, errors: [RegistryError]) -> [OutcomeClass] {
        switch status {
        case .success:
            return [OutcomeClass(outcome: .success, description: nil, part: .all)]
        case .partialSuccess:
            return [
                OutcomeClass(outcome: .success, description: nil, part: .succeeded),
                OutcomeClass(outcome: .minorFailure, description: OutcomeDescription.make("PartialSuccess", errors: errors), part: .failed),
            ]
        case .failure:
            let failing = errors.filter { $0.severity == .error }
            let requesterSide = !failing.isEmpty && failing.allSatisfy(\.code.isRequesterSide)
            return [
                OutcomeClass(
                    outcome: requesterSide ? .minorFailure : .seriousFailure,
                    description: OutcomeDescription.make("Failure", errors: errors),
                    part: .all
                )
            ]
        }
    }

    /// A leg's outcome: its answer's status, or 8 for a community that did not answer, faulted or sent an answer
    /// that could not be read — with the code the gateway reported for it (XDSUnavailableCommunity, XDSRegistryError)
    /// at the community's homeCommunityId.
    static func classes(_ leg: AuditLeg) -> [OutcomeClass] {
        let location = leg.community.homeCommunityID.rawValue
        switch leg.result {
        case .answered(let status, let errors):
            return classes(status: status, errors: errors)
        case .unavailable:
            let description = OutcomeDescription.make("Failure", code: RegistryError.Code.unavailableCommunity.rawValue, location: location)
            return [OutcomeClass(outcome: .seriousFailure, description: description, part: .all)]
        case .faulted, .malformed:
            let description = OutcomeDescription.make("Failure", code: RegistryError.Code.registryError.rawValue, location: location)
            return [OutcomeClass(outcome: .seriousFailure, description: description, part: .all)]
        }
    }

    /// The items an event of `part` covers: all, those delivered, or those not. When the split says nothing (no
    /// delivery known, or every item on one side) the event covers them all rather than none.
    static func select<Item>(_ items: [Item], _ part: Part, retrieved: Set<DocumentUniqueID>, id: KeyPath<Item, DocumentUniqueID>)
        -> [Item]
    {
        guard part != .all, !retrieved.isEmpty else { return items }
        let chosen = items.filter { retrieved.contains($0[keyPath: id]) == (part == .succeeded) }
        return chosen.isEmpty ? items : chosen
    }

    /// The transaction a leg of a request of `transaction` is: RAD-69 from a local consumer goes out as RAD-75.
    static func legTransaction(_ transaction: Transaction) -> Transaction {
        transaction == .rad69 ? .rad75 : transaction
    }

    // MARK: Patients

    /// ITI-38: the query's patient id; for queries without one (GetDocuments by uniqueId and the like), the patients
    /// the lookup finds for the documents named — one event each (ITI TF-2 3.20.7.1: one audit message per
    /// patient); `[nil]` when none is known.
    func queryPatients(_ query: CrossGatewayQueryRequest) -> [AuditPatient?] {
        if let id = query.patientID, let patient = AuditPatient(patientID: id) { return [patient] }
        guard let resolver = creator.patients else { return [nil] }
        var found: [AuditPatient?] = []
        for value in query.values(of: "$XDSDocumentEntryUniqueId") {
            guard let number = resolver.patient(document: DocumentUniqueID(value), repository: nil, home: query.home) else {
                continue
            }
            let patient = AuditPatient(nhsNumber: number)
            if !found.contains(patient) { found.append(patient) }
        }
        return found.isEmpty ? [nil] : found
    }

    func documentPatient(_ document: DocumentRequest) -> NHSNumber? {
        creator.patients?.patient(
            document: document.documentUniqueID,
            repository: document.repositoryUniqueID,
            home: document.homeCommunityID
        )
    }

    func studyPatient(_ instance: ImagingInstance) -> NHSNumber? {
        creator.patients?.patient(study: instance.study)
    }

    /// `items` grouped by patient, groups in order of first appearance (usually one).
    func group<Item>(_ items: [Item], patient: (Item) -> NHSNumber?) -> [(AuditPatient?, [Item])] {
        var groups: [(NHSNumber?, [Item])] = []
        for item in items {
            let number = patient(item)
            if let index = groups.firstIndex(where: { $0.0 == number }) {
                groups[index].1.append(item)
            } else {
                groups.append((number, [item]))
            }
        }
        return groups.map { ($0.0.map(AuditPatient.init(nhsNumber:)), $0.1) }
    }

    // MARK: Imaging

    static func instances(of request: RetrieveImagingDocumentSetRequest) -> [ImagingInstance] {
        var result: [ImagingInstance] = []
        for study in request.studies {
            for series in study.series {
                for document in series.documents {
                    result.append(ImagingInstance(study: study.studyInstanceUID, series: series.seriesInstanceUID, document: document))
                }
            }
        }
        return result
    }

    /// The study entities of `instances`: one per study, in order, with its series, repositories and communities
    /// (each once) and the number of instances.
    static func studies(_ instances: [ImagingInstance]) -> [AuditStudy] {
        var studies: [AuditStudy] = []
        for instance in instances {
            let index: Int
            if let found = studies.firstIndex(where: { $0.studyInstanceUID == instance.study }) {
                index = found
            } else {
                studies.append(
                    AuditStudy(studyInstanceUID: instance.study, series: [], repositories: [], homeCommunityIDs: [], instanceCount: 0)
                )
                index = studies.count - 1
            }
            if !studies[index].series.contains(instance.series) { studies[index].series.append(instance.series) }
            let repository = instance.document.repositoryUniqueID
            if !studies[index].repositories.contains(repository) { studies[index].repositories.append(repository) }
            if let home = instance.document.homeCommunityID, !studies[index].homeCommunityIDs.contains(home) {
                studies[index].homeCommunityIDs.append(home)
            }
            studies[index].instanceCount += 1
        }
        return studies
    }
}
