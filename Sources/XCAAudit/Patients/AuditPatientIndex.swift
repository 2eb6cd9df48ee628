import Synchronization
import XCAModel

/// A bounded in-memory map from the documents and studies the gateway's ITI-38 answers listed to their patients'
/// NHS numbers, so that a later ITI-39 or RAD-75 for them can be audited with its patient (audit.md §8.2). The least
/// recently used entries go when it is full. Thread-safe (one `Mutex`); every call is O(1).
///
/// Only valid NHS numbers are kept. Nothing here is ever logged.
public final class AuditPatientIndex: AuditPatientResolver {
    /// What one key resolves to.
    struct Entry: Sendable {
        var patient: NHSNumber
        var repository: RepositoryUniqueID?
        var home: HomeCommunityID?
    }

    enum Key: Hashable, Sendable {
        case document(DocumentUniqueID)
        case study(StudyInstanceUID)
    }

    /// The referenceIdList type of a Study Instance UID (ITI TF-3 Table 4.2.3.2.22-1 (≈), XDS-I.b).
    static let studyInstanceUIDReferenceType = "urn:ihe:iti:xds:2016:studyInstanceUID"

    private let cache: Mutex<LeastRecentlyUsed<Key, Entry>>

    /// - Parameter capacity: the most entries kept (documents and studies together); at least 1.
    public init(capacity: Int = 100_000) {
        cache = Mutex(LeastRecentlyUsed(capacity: max(1, capacity)))
    }

    /// How many entries are kept.
    public var count: Int { cache.withLock { $0.count } }

    /// Records that `document` (kept in `repository`, of community `home`) belongs to `patient`.
    public func record(_ patient: NHSNumber, document: DocumentUniqueID, repository: RepositoryUniqueID?, home: HomeCommunityID?) {
        guard patient.isValid else { return }
        let entry = Entry(patient: patient, repository: repository, home: home)
        cache.withLock { $0.set(entry, for: .document(document)) }
    }

    /// Records that `study` belongs to `patient`.
    public func record(_ patient: NHSNumber, study: StudyInstanceUID) {
        guard patient.isValid else { return }
        cache.withLock { $0.set(Entry(patient: patient), for: .study(study)) }
    }

    /// Records the DocumentEntries of an ITI-38 answer whose patient is an NHS number: each document, and each
    /// study its `referenceIdList` names (`<uid>^^^^urn:ihe:iti:xds:2016:studyInstanceUID`, the XDS-I.b manifest).
    public func record(_ entries: some Sequence<DocumentEntry>) {
        var documents: [(Key, Entry)] = []
        for entry in entries {
            guard let patient = entry.patientID.nhsNumber, patient.isValid else { continue }
            let value = Entry(patient: patient, repository: entry.repositoryUniqueID, home: entry.home)
            documents.append((.document(entry.uniqueID), value))
            for reference in entry.referenceIdList {
                if let study = Self.studyInstanceUID(inReference: reference) {
                    documents.append((.study(study), Entry(patient: patient)))
                }
            }
        }
        guard !documents.isEmpty else { return }
        cache.withLock { cache in
            for (key, value) in documents { cache.set(value, for: key) }
        }
    }

    public func patient(document: DocumentUniqueID, repository: RepositoryUniqueID?, home: HomeCommunityID?) -> NHSNumber? {
        guard let entry = cache.withLock({ $0.value(for: .document(document)) }) else { return nil }
        if let repository, let known = entry.repository, known != repository { return nil }
        if let home, let known = entry.home, !Self.sameCommunity(known, home) { return nil }
        return entry.patient
    }

    public func patient(study: StudyInstanceUID) -> NHSNumber? {
        cache.withLock { $0.value(for: .study(study)) }?.patient
    }

    /// Whether two homeCommunityIds are the same, the `urn:oid:` prefix compared without regard to case.
    static func sameCommunity(_ one: HomeCommunityID, _ other: HomeCommunityID) -> Bool {
        if one.rawValue == other.rawValue { return true }
        let a = one.rawValue.utf8
        let b = other.rawValue.utf8
        guard a.count == b.count, a.count > 8 else { return false }
        return a.prefix(8).elementsEqual(b.prefix(8)) { $0 | 0x20 == $1 | 0x20 } && a.dropFirst(8).elementsEqual(b.dropFirst(8))
    }

    /// The Study Instance UID of a CXi reference id `uid^^^^urn:ihe:iti:xds:2016:studyInstanceUID`.
    static func studyInstanceUID(inReference reference: String) -> StudyInstanceUID? {
        let parts = reference.split(separator: "^", omittingEmptySubsequences: false)
        guard parts.count >= 5, parts[4] == studyInstanceUIDReferenceType, !parts[0].isEmpty else { return nil }
        return StudyInstanceUID(rawValue: String(parts[0]))
    }
}
