import XCABinding
import XCAModel

extension XCAClient {
    /// The viewer's path to a patient's images (RAD TF-1 XCA-I; protocol facts §2.6): FindDocuments → the imaging
    /// manifests (KOS) by ITI-39 → RAD-75 per study to the gateway's imaging endpoint → each DICOM instance written
    /// as it streams to `directory/<study>/<series>/<sop>.dcm`. `study` limits it to one study.
    ///
    /// - Throws: ``XCAClientError/Code/invalidInput`` before any call; the failure of the query or of the manifests'
    ///   retrieve; ``XCAClientError/Code/output`` when a file cannot be written. A study whose RAD-75 fails is a
    ///   failure in the outcome, and the other studies are still retrieved.
    public func retrieveImaging(
        patient: NHSNumber,
        study: StudyInstanceUID? = nil,
        into directory: String,
        transferSyntaxes: [TransferSyntaxUID] = [.explicitVRLittleEndian, .implicitVRLittleEndian],
        progress: @escaping @Sendable (ImagingRetrieveEvent) -> Void = { _ in }
    ) async throws(XCAClientError) -> ImagingRetrieveOutcome {
        try Self.check(transferSyntaxes)
        let search = try await imagingManifests(patient: patient, study: study)
        var outcome = try await retrieveImaging(
            search.manifests,
            study: study,
            into: directory,
            transferSyntaxes: transferSyntaxes,
            progress: progress
        )
        outcome.errors = search.errors + outcome.errors
        outcome.failures = search.failures + outcome.failures
        if let study, outcome.written.isEmpty, outcome.notReceived.isEmpty, search.failures.isEmpty {
            outcome.failures.append(
                XCAClientError(.malformedAnswer, "no imaging manifest references the study \(study)")
            )
        }
        return outcome
    }

    /// The patient's imaging manifests: FindDocuments (approved entries), the entries that are XDS-I.b manifests
    /// (and, with `study`, reference that study or say nothing of theirs), one ITI-39 for all of them, each read
    /// as DICOM.
    public func imagingManifests(
        patient: NHSNumber,
        study: StudyInstanceUID? = nil
    ) async throws(XCAClientError) -> ImagingManifestSearch {
        if let problem = study?.validationProblem { throw XCAClientError(.invalidInput, "study: \(problem)") }
        let found = try await query(DocumentQuery(.findDocuments, patient: patient))
        var failures: [XCAClientError] = []
        var requests: [DocumentRequest] = []
        var entries: [QueryRow] = []
        for row in found.rows where row.kind == .imagingManifest {
            if let study, let referenced = row.studyInstanceUID, referenced != study { continue }
            entries.append(row)
            guard let home = row.homeCommunityID, let repository = row.repositoryUniqueID, let uniqueID = row.uniqueID
            else {
                failures.append(
                    XCAClientError(
                        .malformedAnswer,
                        "an imaging manifest entry lacks its home, repositoryUniqueId or uniqueId"
                    )
                )
                continue
            }
            let request = DocumentRequest(
                homeCommunityID: home,
                repositoryUniqueID: repository,
                documentUniqueID: uniqueID
            )
            if !requests.contains(request) { requests.append(request) }
        }
        var search = ImagingManifestSearch(manifests: [], entries: entries, errors: found.errors, failures: failures)
        let retrieve = RetrieveDocumentSetRequest(documents: requests)
        guard !requests.isEmpty else { return search }
        let problems = retrieve.validate(location: "")
        guard problems.isEmpty else {
            throw XCAClientError(
                .malformedAnswer,
                "the manifest entries cannot be retrieved: \(problems.map(\.codeContext).joined(separator: "; "))"
            )
        }
        let url = configuration.endpoints.retrieve
        let envelope: [UInt8]
        do {
            envelope = try retrieve.encode(addressing: .request(action: Transaction.iti39.requestAction, to: url))
        } catch {
            throw XCAClientError(.invalidInput, "the request cannot be written: \(error)")
        }
        let wanted = Set(requests.map(\.documentUniqueID))
        let limit = configuration.maxManifestBytes
        let result = try await retrieveExchange(
            envelope,
            action: Transaction.iti39.requestAction,
            url: url,
            wants: { wanted.contains($0.documentUniqueID) },
            open: { _ in MemoryDocumentOutput(limit: limit) },
            events: { _ in }
        )
        search.errors += result.response.errors
        if let interruption = result.interruption { search.failures.append(interruption) }
        for delivered in result.delivered {
            let document = delivered.document
            let home =
                document.homeCommunityID
                ?? requests.first { $0.documentUniqueID == document.documentUniqueID }?.homeCommunityID
            guard let home else { continue }
            do throws(XCAClientError) {
                var manifest = try ImagingManifest(
                    dicom: delivered.bytes ?? [],
                    homeCommunityID: home,
                    documentUniqueID: document.documentUniqueID
                )
                if let study { manifest.studies.removeAll { $0.studyInstanceUID != study } }
                if !manifest.studies.isEmpty { search.manifests.append(manifest) }
            } catch {
                search.failures.append(error)
            }
        }
        let received = Set(result.delivered.map(\.document.documentUniqueID))
        for request in requests where !received.contains(request.documentUniqueID) {
            search.failures.append(
                XCAClientError(.malformedAnswer, "the imaging manifest \(request.documentUniqueID) was not received")
            )
        }
        return search
    }

    /// RAD-75 for the instances `manifests` name (one request per study, to the imaging endpoint), each instance
    /// written as it streams to `directory/<study>/<series>/<sop>.dcm`.
    public func retrieveImaging(
        _ manifests: [ImagingManifest],
        study: StudyInstanceUID? = nil,
        into directory: String,
        transferSyntaxes: [TransferSyntaxUID] = [.explicitVRLittleEndian, .implicitVRLittleEndian],
        progress: @escaping @Sendable (ImagingRetrieveEvent) -> Void = { _ in }
    ) async throws(XCAClientError) -> ImagingRetrieveOutcome {
        try Self.check(transferSyntaxes)
        let plan = ImagingRetrievePlan(manifests: manifests, study: study, transferSyntaxes: transferSyntaxes)
        var outcome = ImagingRetrieveOutcome(manifests: manifests)
        progress(.planned(studies: plan.requests.count, series: plan.seriesCount, instances: plan.instances.count))
        guard !plan.requests.isEmpty else { return outcome }
        try FileDocumentOutput.createDirectory(directory)
        let url = configuration.endpoints.imagingRetrieve
        let action = Transaction.rad75.requestAction
        for request in plan.requests {
            let problems = request.validate(location: "")
            guard let studyUID = request.studies.first?.studyInstanceUID, problems.isEmpty else {
                throw XCAClientError(
                    .malformedAnswer,
                    "a RAD-75 request cannot be built: \(problems.map(\.codeContext).joined(separator: "; "))"
                )
            }
            let requested = request.allDocumentRequests.map { plan.instances[$0.documentUniqueID.rawValue] }.compactMap
            { $0 }
            progress(.studyStarted(studyUID, instances: requested.count))
            let wanted = Set(requested.map(\.sopInstanceUID.rawValue))
            let instances = plan.instances
            let result: RetrieveAnswerReader.Result
            do throws(XCAClientError) {
                let envelope: [UInt8]
                do {
                    envelope = try request.encode(addressing: .request(action: action, to: url))
                } catch {
                    throw XCAClientError(.invalidInput, "the request cannot be written: \(error)")
                }
                result = try await retrieveExchange(
                    envelope,
                    action: action,
                    url: url,
                    wants: { wanted.contains($0.documentUniqueID.rawValue) },
                    open: { document throws(XCAClientError) in
                        guard let place = instances[document.documentUniqueID.rawValue] else {
                            throw XCAClientError(.malformedAnswer, "an instance that was not asked for")
                        }
                        return try FileDocumentOutput(
                            directory: directory + "/" + place.studyInstanceUID.rawValue + "/"
                                + place.seriesInstanceUID.rawValue,
                            fileName: place.sopInstanceUID.rawValue + ".dcm"
                        )
                    },
                    events: { event in
                        switch event {
                        case .bytes(let count):
                            progress(.received(bytes: count))
                        case .delivered(let delivered):
                            if var file = instances[delivered.document.documentUniqueID.rawValue] {
                                file.path = delivered.path
                                file.size = delivered.size
                                progress(.written(file))
                            }
                        }
                    }
                )
            } catch  where error.code == .output {
                throw error
            } catch {
                outcome.failures.append(error)
                outcome.notReceived += requested
                progress(.studyFinished(studyUID, written: 0, requested: requested.count))
                continue
            }
            outcome.errors += result.response.errors
            if let interruption = result.interruption { outcome.failures.append(interruption) }
            var received: Set<String> = []
            for delivered in result.delivered {
                guard var file = plan.instances[delivered.document.documentUniqueID.rawValue] else { continue }
                file.path = delivered.path
                file.size = delivered.size
                outcome.written.append(file)
                received.insert(file.sopInstanceUID.rawValue)
            }
            outcome.notReceived += requested.filter { !received.contains($0.sopInstanceUID.rawValue) }
            progress(.studyFinished(studyUID, written: received.count, requested: requested.count))
        }
        return outcome
    }

    private static func check(_ transferSyntaxes: [TransferSyntaxUID]) throws(XCAClientError) {
        guard !transferSyntaxes.isEmpty else { throw XCAClientError(.invalidInput, "no transfer syntax to ask for") }
        for syntax in transferSyntaxes {
            if let problem = syntax.validationProblem { throw XCAClientError(.invalidInput, problem) }
        }
    }
}
