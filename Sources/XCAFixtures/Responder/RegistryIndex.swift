import XCAModel

/// A community's registry objects indexed for the stored queries: DocumentEntries, SubmissionSets and Folders
/// with the attributes the queries filter on already read, Associations by source and target. Built once per
/// community; ids and UUIDs are compared lower-cased (UUID URNs are case-insensitive).
struct RegistryIndex: Sendable {
    /// A DocumentEntry ExtrinsicObject with what FindDocuments filters on.
    struct Entry: Sendable {
        let object: RegistryObject
        let entry: DocumentEntry
        let id: String
        let lid: String
        let creationTime: DTMInstant?
        let serviceStartTime: DTMInstant?
        let serviceStopTime: DTMInstant?
        /// `authorPerson` of every author Classification (the typed view keeps the first author only).
        let authorPersons: [String]
    }

    /// A SubmissionSet or Folder RegistryPackage.
    struct Package: Sendable {
        let object: RegistryObject
        let id: String
        let lid: String
        let uniqueID: String?
        let patientID: String?
        let status: String
        /// `submissionTime` of a SubmissionSet, `lastUpdateTime` of a Folder.
        let time: DTMInstant?
        /// `sourceId` of a SubmissionSet.
        let sourceID: String?
        let authorPersons: [String]
        /// contentTypeCode of a SubmissionSet, codeList of a Folder.
        let codes: [CodedValue]
    }

    /// An Association.
    struct Link: Sendable {
        let object: RegistryObject
        let id: String
        let type: AssociationType
        let source: String
        let target: String
    }

    enum PackageKind {
        case submissionSet
        case folder
    }

    private(set) var entries: [Entry] = []
    private(set) var submissionSets: [Package] = []
    private(set) var folders: [Package] = []
    private(set) var links: [Link] = []

    private(set) var entriesByPatient: [String: [Int]] = [:]
    private(set) var entryByID: [String: Int] = [:]
    private(set) var entriesByUniqueID: [String: [Int]] = [:]
    private(set) var entriesByLID: [String: [Int]] = [:]
    private(set) var submissionSetsByPatient: [String: [Int]] = [:]
    private(set) var submissionSetByID: [String: Int] = [:]
    private(set) var submissionSetsByUniqueID: [String: [Int]] = [:]
    private(set) var foldersByPatient: [String: [Int]] = [:]
    private(set) var folderByID: [String: Int] = [:]
    private(set) var foldersByUniqueID: [String: [Int]] = [:]
    private(set) var foldersByLID: [String: [Int]] = [:]
    private(set) var linkByID: [String: Int] = [:]
    private(set) var linksBySource: [String: [Int]] = [:]
    private(set) var linksByTarget: [String: [Int]] = [:]

    init(_ objects: [RegistryObject]) {
        // SubmissionSet / Folder markers may be top-level Classifications (as in a submission) or children.
        var markers: [String: String] = [:]
        for object in objects where object.kind == .classification {
            if let classified = object.classifiedObject, let node = object.classificationNode {
                markers[classified.lowercased()] = node.lowercased()
            }
        }
        for object in objects {
            guard let id = object.id?.rawValue.lowercased() else { continue }
            switch object.kind {
            case .extrinsicObject:
                guard let entry = DocumentEntry(object) else { continue }
                let index = entries.count
                entries.append(
                    Entry(
                        object: object,
                        entry: entry,
                        id: id,
                        lid: object.lid?.rawValue.lowercased() ?? id,
                        creationTime: entry.creationTime.flatMap(DTMInstant.init),
                        serviceStartTime: entry.serviceStartTime.flatMap(DTMInstant.init),
                        serviceStopTime: entry.serviceStopTime.flatMap(DTMInstant.init),
                        authorPersons: Self.authorPersons(of: object, scheme: XDSUUID.documentEntryAuthor)
                    )
                )
                entriesByPatient[entry.patientID.rawValue, default: []].append(index)
                entryByID[id] = index
                entriesByUniqueID[entry.uniqueID.rawValue, default: []].append(index)
                entriesByLID[entries[index].lid, default: []].append(index)
            case .registryPackage:
                switch Self.packageKind(of: object, marker: markers[id]) {
                case .submissionSet?:
                    let package = Self.package(object, id: id, kind: .submissionSet)
                    let index = submissionSets.count
                    submissionSets.append(package)
                    if let patient = package.patientID { submissionSetsByPatient[patient, default: []].append(index) }
                    submissionSetByID[id] = index
                    if let unique = package.uniqueID { submissionSetsByUniqueID[unique, default: []].append(index) }
                case .folder?:
                    let package = Self.package(object, id: id, kind: .folder)
                    let index = folders.count
                    folders.append(package)
                    if let patient = package.patientID { foldersByPatient[patient, default: []].append(index) }
                    folderByID[id] = index
                    if let unique = package.uniqueID { foldersByUniqueID[unique, default: []].append(index) }
                    foldersByLID[package.lid, default: []].append(index)
                case nil:
                    continue
                }
            case .association:
                guard let source = object.sourceObject, let target = object.targetObject,
                    let type = object.associationType
                else { continue }
                let index = links.count
                links.append(
                    Link(
                        object: object,
                        id: id,
                        type: AssociationType(rawValue: type).normalized,
                        source: source.lowercased(),
                        target: target.lowercased()
                    )
                )
                linkByID[id] = index
                linksBySource[links[index].source, default: []].append(index)
                linksByTarget[links[index].target, default: []].append(index)
            default:
                continue
            }
        }
    }

    // MARK: Lookups

    /// The HasMember associations from `source` (a SubmissionSet or Folder id).
    func members(of source: String) -> [Link] {
        (linksBySource[source] ?? []).map { links[$0] }.filter { $0.type == .hasMember }
    }

    /// The HasMember associations to `target`.
    func containers(of target: String) -> [Link] {
        (linksByTarget[target] ?? []).map { links[$0] }.filter { $0.type == .hasMember }
    }

    /// The associations whose source or target is `id`, each once.
    func links(touching id: String) -> [Link] {
        let outgoing = linksBySource[id] ?? []
        let incoming = (linksByTarget[id] ?? []).filter { !outgoing.contains($0) }
        return (outgoing + incoming).sorted().map { links[$0] }
    }

    // MARK: Building

    private static func packageKind(of object: RegistryObject, marker: String?) -> PackageKind? {
        var nodes = object.classifications.compactMap { $0.classificationNode?.lowercased() }
        if let marker { nodes.append(marker) }
        if nodes.contains(XDSUUID.submissionSet) { return .submissionSet }
        if nodes.contains(XDSUUID.folder) { return .folder }
        if object.externalIdentifierValue(scheme: XDSUUID.submissionSetUniqueID) != nil { return .submissionSet }
        if object.externalIdentifierValue(scheme: XDSUUID.folderUniqueID) != nil { return .folder }
        return nil
    }

    private static func package(_ object: RegistryObject, id: String, kind: PackageKind) -> Package {
        switch kind {
        case .submissionSet:
            Package(
                object: object,
                id: id,
                lid: object.lid?.rawValue.lowercased() ?? id,
                uniqueID: object.externalIdentifierValue(scheme: XDSUUID.submissionSetUniqueID),
                patientID: object.externalIdentifierValue(scheme: XDSUUID.submissionSetPatientID),
                status: object.status ?? AvailabilityStatus.approved.rawValue,
                time: object.slotValues(named: "submissionTime").first.flatMap(DTMInstant.init),
                sourceID: object.externalIdentifierValue(scheme: XDSUUID.submissionSetSourceID),
                authorPersons: authorPersons(of: object, scheme: XDSUUID.submissionSetAuthor),
                codes: codedValues(of: object, scheme: XDSUUID.submissionSetContentTypeCode)
            )
        case .folder:
            Package(
                object: object,
                id: id,
                lid: object.lid?.rawValue.lowercased() ?? id,
                uniqueID: object.externalIdentifierValue(scheme: XDSUUID.folderUniqueID),
                patientID: object.externalIdentifierValue(scheme: XDSUUID.folderPatientID),
                status: object.status ?? AvailabilityStatus.approved.rawValue,
                time: object.slotValues(named: "lastUpdateTime").first.flatMap(DTMInstant.init),
                sourceID: nil,
                authorPersons: [],
                codes: codedValues(of: object, scheme: XDSUUID.folderCodeList)
            )
        }
    }

    private static func authorPersons(of object: RegistryObject, scheme: String) -> [String] {
        object.classifications(scheme: scheme).flatMap { $0.slotValues(named: "authorPerson") }
    }

    private static func codedValues(of object: RegistryObject, scheme: String) -> [CodedValue] {
        object.classifications(scheme: scheme).map { classification in
            CodedValue(
                code: classification.nodeRepresentation ?? "",
                scheme: classification.slotValues(named: "codingScheme").first ?? "",
                displayName: classification.name
            )
        }
    }
}
