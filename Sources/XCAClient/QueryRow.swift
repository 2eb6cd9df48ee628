import XCAModel

/// One line of a query's result for people and scripts: a DocumentEntry (report, imaging manifest…) or a
/// SubmissionSet / Folder, with what a viewer shows — date, community, kind, title, study, size — and what a
/// retrieve needs (uniqueId, repositoryUniqueId, homeCommunityId). Built from the registry objects as received.
public struct QueryRow: Sendable, Hashable {
    /// What the object is.
    public enum Kind: Sendable, Hashable {
        /// An XDS-I.b imaging manifest (KOS): formatCode 1.2.840.10008.5.1.4.1.1.88.59 or mimeType application/dicom.
        case imagingManifest
        /// Any other DocumentEntry, with its typeCode's (else classCode's) display name or code when it has one.
        case document(String?)
        case submissionSet
        case folder
    }

    public var kind: Kind
    /// HL7 DTM (UTC): creationTime, else serviceStartTime (DocumentEntry); submissionTime (SubmissionSet);
    /// lastUpdateTime (Folder).
    public var date: String?
    public var homeCommunityID: HomeCommunityID?
    /// `rim:Name`.
    public var title: String?
    /// The Study Instance UID of the entry's referenceIdList (CXi type `urn:ihe:iti:xds:2016:studyInstanceUID`).
    public var studyInstanceUID: StudyInstanceUID?
    /// Slot `size`, in bytes.
    public var size: Int?
    public var uniqueID: DocumentUniqueID?
    public var repositoryUniqueID: RepositoryUniqueID?
    public var entryUUID: EntryUUID?
    public var mimeType: String?

    /// The Key Object Selection Document SOP Class: the formatCode of an XDS-I.b manifest (RAD TF-3 4.68.4.1.2.3.2).
    public static let manifestFormatCode = "1.2.840.10008.5.1.4.1.1.88.59"
    static let studyInstanceUIDType = "urn:ihe:iti:xds:2016:studyInstanceUID"

    /// A row for a DocumentEntry, SubmissionSet or Folder; nil for other objects (Associations, ObjectRefs…).
    public init?(_ object: RegistryObject) {
        switch object.kind {
        case .extrinsicObject:
            guard object.isDocumentEntry || object.objectType == nil else { return nil }
            let format = object.classifications(scheme: XDSUUID.documentEntryFormatCode).first?.nodeRepresentation
            let mimeType = object.mimeType
            if format == Self.manifestFormatCode || mimeType?.lowercased() == "application/dicom" {
                kind = .imagingManifest
            } else {
                let coded =
                    object.classifications(scheme: XDSUUID.documentEntryTypeCode).first
                    ?? object.classifications(scheme: XDSUUID.documentEntryClassCode).first
                kind = .document(coded.flatMap { $0.name ?? $0.nodeRepresentation })
            }
            date = object.creationTime ?? object.slotValues(named: "serviceStartTime").first
            size = object.slotValues(named: "size").first.flatMap { Int($0) }
            repositoryUniqueID = object.repositoryUniqueID
            self.mimeType = mimeType
            studyInstanceUID = Self.studyInstanceUID(object.slotValues(named: "urn:ihe:iti:xds:2013:referenceIdList"))
        case .registryPackage:
            if !object.classifications.filter({ $0.classificationNode == XDSUUID.folder }).isEmpty {
                kind = .folder
                date = object.slotValues(named: "lastUpdateTime").first
            } else {
                kind = .submissionSet
                date = object.slotValues(named: "submissionTime").first
            }
        default:
            return nil
        }
        homeCommunityID = object.home
        title = object.name
        uniqueID = object.uniqueID
        entryUUID = object.id
    }

    /// The first referenceIdList value of type studyInstanceUID: `UID^^^^urn:ihe:iti:xds:2016:studyInstanceUID`
    /// (CXi: CX.1 the value, CX.5 the type).
    static func studyInstanceUID(_ references: [String]) -> StudyInstanceUID? {
        for reference in references {
            let components = reference.split(separator: "^", omittingEmptySubsequences: false)
            if components.count >= 5, components[4] == studyInstanceUIDType, !components[0].isEmpty {
                return StudyInstanceUID(rawValue: String(components[0]))
            }
        }
        return nil
    }

    /// `imaging manifest`, the code's display name, `submission set`, `folder`; `document` when nothing says more.
    public var kindDescription: String {
        switch kind {
        case .imagingManifest: "imaging manifest"
        case .document(let name): name ?? "document"
        case .submissionSet: "submission set"
        case .folder: "folder"
        }
    }

    /// The date for people: `2024-03-12 09:30` (UTC), shorter when the DTM is less precise.
    public var displayDate: String? {
        date.map { Self.display($0, dateTimeSeparator: " ", zone: "") }
    }

    /// The date in ISO 8601: `2024-03-12T09:30:00Z`, `2024-03-12`…
    public var isoDate: String? {
        date.map { Self.display($0, dateTimeSeparator: "T", zone: "Z") }
    }

    private static func display(_ dtm: String, dateTimeSeparator: String, zone: String) -> String {
        let digits = Array(dtm.prefix { $0.isASCII && $0.isNumber })
        guard digits.count >= 4 else { return dtm }
        func part(_ range: Range<Int>) -> String? { digits.count >= range.upperBound ? String(digits[range]) : nil }
        var text = String(digits[0..<4])
        if let month = part(4..<6) { text += "-" + month }
        if let day = part(6..<8) { text += "-" + day }
        if let hour = part(8..<10) {
            text += dateTimeSeparator + hour + ":" + (part(10..<12) ?? "00")
            if zone == "Z" { text += ":" + (part(12..<14) ?? "00") + zone }
        }
        return text
    }
}
