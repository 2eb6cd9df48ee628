import XCAModel

/// The patient-keyed stored queries: FindDocuments (ITI TF-2 3.18.4.1.2.3.7.1), FindSubmissionSets (…7.2),
/// FindFolders (…7.3), GetAll (…7.4) and FindDocumentsByReferenceId (…7.14 (≈)). A patient is matched on the
/// whole CX value.
extension StoredQueryEngine {
    func findDocuments(_ arguments: QueryArguments, _ query: StoredQuery, into result: inout QueryResultBuilder) {
        guard let patient = arguments.single("$XDSDocumentEntryPatientId") else { return }
        let filter = DocumentEntryFilter(arguments, query: query)
        for position in index.entriesByPatient[patient] ?? [] where filter.matches(index.entries[position]) {
            result.add(index.entries[position])
        }
    }

    func findSubmissionSets(_ arguments: QueryArguments, into result: inout QueryResultBuilder) {
        guard let patient = arguments.single("$XDSSubmissionSetPatientId") else { return }
        let statuses = arguments.statuses("$XDSSubmissionSetStatus")
        let sources =
            arguments.has("$XDSSubmissionSetSourceId") ? Set(arguments.values("$XDSSubmissionSetSourceId")) : nil
        let time = arguments.range(from: "$XDSSubmissionSetSubmissionTimeFrom", to: "$XDSSubmissionSetSubmissionTimeTo")
        let authors = arguments.likePatterns("$XDSSubmissionSetAuthorPerson")
        let contentTypes = arguments.codes("$XDSSubmissionSetContentType")
        for position in index.submissionSetsByPatient[patient] ?? [] {
            let package = index.submissionSets[position]
            if let statuses, !statuses.contains(package.status) { continue }
            if let sources, !(package.sourceID.map(sources.contains) ?? false) { continue }
            guard time.contains(package.time), contentTypes.matches(package.codes) else { continue }
            if let authors,
                !package.authorPersons.contains(where: { person in authors.contains { $0.matches(person) } })
            {
                continue
            }
            result.add(package)
        }
    }

    func findFolders(_ arguments: QueryArguments, into result: inout QueryResultBuilder) {
        guard let patient = arguments.single("$XDSFolderPatientId") else { return }
        let statuses = arguments.statuses("$XDSFolderStatus")
        let time = arguments.range(from: "$XDSFolderLastUpdateTimeFrom", to: "$XDSFolderLastUpdateTimeTo")
        let codes = arguments.codes("$XDSFolderCodeList")
        for position in index.foldersByPatient[patient] ?? [] {
            let package = index.folders[position]
            if let statuses, !statuses.contains(package.status) { continue }
            guard time.contains(package.time), codes.matches(package.codes) else { continue }
            result.add(package)
        }
    }

    /// The patient's DocumentEntries (status, formatCode, confidentialityCode and type filters), SubmissionSets and
    /// Folders (their status filters), and the Associations among the objects returned.
    func getAll(_ arguments: QueryArguments, into result: inout QueryResultBuilder) {
        guard let patient = arguments.single("$patientId") else { return }
        let filter = DocumentEntryFilter(arguments, query: .getAll)
        var sources: [String] = []
        for position in index.entriesByPatient[patient] ?? [] where filter.matches(index.entries[position]) {
            result.add(index.entries[position])
            sources.append(index.entries[position].id)
        }
        let submissionSetStatuses = arguments.statuses("$XDSSubmissionSetStatus")
        for position in index.submissionSetsByPatient[patient] ?? [] {
            let package = index.submissionSets[position]
            if let submissionSetStatuses, !submissionSetStatuses.contains(package.status) { continue }
            result.add(package)
            sources.append(package.id)
        }
        let folderStatuses = arguments.statuses("$XDSFolderStatus")
        for position in index.foldersByPatient[patient] ?? [] {
            let package = index.folders[position]
            if let folderStatuses, !folderStatuses.contains(package.status) { continue }
            result.add(package)
            sources.append(package.id)
        }
        addAssociations(among: sources, into: &result)
    }

    /// Adds every Association from one of `sources` whose target is already in the result — repeated, so that an
    /// association to an association (SubmissionSet HasMember a Folder's HasMember) follows the one it targets.
    func addAssociations(among sources: [String], into result: inout QueryResultBuilder) {
        var pending = sources.flatMap { index.linksBySource[$0] ?? [] }.sorted()
        var added = true
        while added, !pending.isEmpty {
            added = false
            pending.removeAll { position in
                let link = index.links[position]
                guard result.contains(link.target) else { return false }
                result.add(link)
                added = true
                return true
            }
        }
    }
}
