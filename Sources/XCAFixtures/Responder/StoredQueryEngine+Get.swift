import XCAModel

/// The stored queries keyed by object ids (ITI TF-2 3.18.4.1.2.3.7.5–13 (≈)): GetDocuments, GetFolders,
/// GetAssociations, GetDocumentsAndAssociations, GetSubmissionSets, GetSubmissionSetAndContents,
/// GetFolderAndContents, GetFoldersForDocument, GetRelatedDocuments. Ids the community does not hold match
/// nothing; they are not errors.
extension StoredQueryEngine {
    // MARK: Object lookups

    /// The DocumentEntries named by `$XDSDocumentEntryEntryUUID`, `$XDSDocumentEntryUniqueId` or
    /// `$XDSDocumentEntryLogicalID` (validation lets exactly one through), in the order asked.
    func requestedEntries(_ arguments: QueryArguments) -> [RegistryIndex.Entry] {
        let positions: [Int]
        if arguments.has("$XDSDocumentEntryEntryUUID") {
            positions = arguments.uuids("$XDSDocumentEntryEntryUUID").compactMap { index.entryByID[$0] }
        } else if arguments.has("$XDSDocumentEntryUniqueId") {
            positions = arguments.values("$XDSDocumentEntryUniqueId").flatMap { index.entriesByUniqueID[$0] ?? [] }
        } else {
            positions = arguments.uuids("$XDSDocumentEntryLogicalID").flatMap { index.entriesByLID[$0] ?? [] }
        }
        return positions.map { index.entries[$0] }
    }

    /// The Folders named by `$XDSFolderEntryUUID`, `$XDSFolderUniqueId` or `$XDSFolderLogicalID`.
    func requestedFolders(_ arguments: QueryArguments) -> [RegistryIndex.Package] {
        let positions: [Int]
        if arguments.has("$XDSFolderEntryUUID") {
            positions = arguments.uuids("$XDSFolderEntryUUID").compactMap { index.folderByID[$0] }
        } else if arguments.has("$XDSFolderUniqueId") {
            positions = arguments.values("$XDSFolderUniqueId").flatMap { index.foldersByUniqueID[$0] ?? [] }
        } else {
            positions = arguments.uuids("$XDSFolderLogicalID").flatMap { index.foldersByLID[$0] ?? [] }
        }
        return positions.map { index.folders[$0] }
    }

    // MARK: Queries

    func getDocuments(_ arguments: QueryArguments, into result: inout QueryResultBuilder) {
        for entry in requestedEntries(arguments) { result.add(entry) }
    }

    func getFolders(_ arguments: QueryArguments, into result: inout QueryResultBuilder) {
        for folder in requestedFolders(arguments) { result.add(folder) }
    }

    /// The Associations whose source or target is one of `$uuid`.
    func getAssociations(_ arguments: QueryArguments, into result: inout QueryResultBuilder) {
        for id in arguments.uuids("$uuid") {
            for link in index.links(touching: id) { result.add(link) }
        }
    }

    /// The DocumentEntries, then the Associations whose source or target is one of them.
    func getDocumentsAndAssociations(_ arguments: QueryArguments, into result: inout QueryResultBuilder) {
        let entries = requestedEntries(arguments)
        for entry in entries { result.add(entry) }
        for entry in entries {
            for link in index.links(touching: entry.id) { result.add(link) }
        }
    }

    /// The SubmissionSets holding (HasMember) one of `$uuid` (DocumentEntries, Folders or Associations), then those
    /// HasMember Associations.
    func getSubmissionSets(_ arguments: QueryArguments, into result: inout QueryResultBuilder) {
        var links: [RegistryIndex.Link] = []
        for id in arguments.uuids("$uuid") {
            for link in index.containers(of: id) {
                guard let position = index.submissionSetByID[link.source] else { continue }
                result.add(index.submissionSets[position])
                links.append(link)
            }
        }
        for link in links { result.add(link) }
    }

    /// The SubmissionSet, its DocumentEntries (formatCode, confidentialityCode and type filters), its Folders, and
    /// the Associations: its HasMember Associations to what is returned, and member Associations between returned
    /// objects (a Folder's HasMember of a DocumentEntry) with the HasMember that holds them.
    func getSubmissionSetAndContents(_ arguments: QueryArguments, into result: inout QueryResultBuilder) {
        let positions: [Int]
        if arguments.has("$XDSSubmissionSetEntryUUID") {
            positions = arguments.uuids("$XDSSubmissionSetEntryUUID").compactMap { index.submissionSetByID[$0] }
        } else {
            positions = arguments.values("$XDSSubmissionSetUniqueId").flatMap {
                index.submissionSetsByUniqueID[$0] ?? []
            }
        }
        guard let position = positions.first else { return }
        let submissionSet = index.submissionSets[position]
        let filter = DocumentEntryFilter(arguments, query: .getSubmissionSetAndContents)
        var entries: [RegistryIndex.Entry] = []
        var folders: [RegistryIndex.Package] = []
        var memberLinks: [RegistryIndex.Link] = []
        var linkMembers: [(member: RegistryIndex.Link, holder: RegistryIndex.Link)] = []
        for link in index.members(of: submissionSet.id) {
            if let entry = index.entryByID[link.target].map({ index.entries[$0] }) {
                guard filter.matches(entry) else { continue }
                entries.append(entry)
                memberLinks.append(link)
            } else if let folder = index.folderByID[link.target].map({ index.folders[$0] }) {
                folders.append(folder)
                memberLinks.append(link)
            } else if let member = index.linkByID[link.target].map({ index.links[$0] }) {
                linkMembers.append((member, link))
            }
        }
        result.add(submissionSet)
        for entry in entries { result.add(entry) }
        for folder in folders { result.add(folder) }
        for link in memberLinks { result.add(link) }
        for (member, holder) in linkMembers where result.contains(member.source) && result.contains(member.target) {
            result.add(member)
            result.add(holder)
        }
    }

    /// The Folder, its DocumentEntries (formatCode, confidentialityCode and type filters) and the HasMember
    /// Associations to them.
    func getFolderAndContents(_ arguments: QueryArguments, into result: inout QueryResultBuilder) {
        guard let folder = requestedFolders(arguments).first else { return }
        let filter = DocumentEntryFilter(arguments, query: .getFolderAndContents)
        var links: [RegistryIndex.Link] = []
        result.add(folder)
        for link in index.members(of: folder.id) {
            guard let entry = index.entryByID[link.target].map({ index.entries[$0] }), filter.matches(entry) else {
                continue
            }
            result.add(entry)
            links.append(link)
        }
        for link in links { result.add(link) }
    }

    /// The Folders that hold (HasMember) the DocumentEntry.
    func getFoldersForDocument(_ arguments: QueryArguments, into result: inout QueryResultBuilder) {
        for entry in requestedEntries(arguments) {
            for link in index.containers(of: entry.id) {
                if let position = index.folderByID[link.source] { result.add(index.folders[position]) }
            }
        }
    }

    /// The DocumentEntry and the DocumentEntries related to it by an Association of one of `$AssociationTypes`
    /// (in either direction; the related ones filtered by type, stable by default), with those Associations.
    /// Nothing at all when nothing is related — the entry is not returned alone.
    func getRelatedDocuments(_ arguments: QueryArguments, into result: inout QueryResultBuilder) {
        let types = Set(arguments.values("$AssociationTypes").map { AssociationType(rawValue: $0).normalized })
        let entryTypes = arguments.documentEntryTypes
        for entry in requestedEntries(arguments) {
            var related: [(RegistryIndex.Entry, RegistryIndex.Link)] = []
            for link in index.links(touching: entry.id) where types.contains(link.type) {
                let other = link.source == entry.id ? link.target : link.source
                guard let position = index.entryByID[other],
                    entryTypes.contains(index.entries[position].entry.entryType)
                else { continue }
                related.append((index.entries[position], link))
            }
            guard !related.isEmpty else { continue }
            result.add(entry)
            for (other, _) in related { result.add(other) }
            for (_, link) in related { result.add(link) }
        }
    }
}
