/// One parameter of a stored query as defined in ITI TF-2 3.18.4.1.2.3.7 (≈): name, optionality, multiplicity.
public struct StoredQueryParameter: Hashable, Sendable {
    /// What a parameter's values are, for syntax checks.
    public enum ValueType: Hashable, Sendable {
        /// HL7 CX patient identifier (`'id^^^&OID&ISO'`).
        case patientID
        /// `urn:uuid:` entryUUID (or logical id).
        case entryUUID
        /// DocumentEntry uniqueId (`OID[^extension]`).
        case documentUniqueID
        /// SubmissionSet or Folder uniqueId (an OID).
        case oid
        /// `urn:oid:` homeCommunityId.
        case homeCommunityID
        /// HL7 DTM time, coded as a number: `YYYY[MM[DD[hh[mm[ss]]]]]`.
        case dateTime
        /// `code^^scheme` coded value.
        case code
        /// Availability status URN.
        case status
        /// An integer (e.g. `$MetadataLevel`).
        case integer
        /// Free text (author person, reference ids, association types…).
        case text
    }

    public let name: String
    /// Always required. Parameters of an "exactly one of" group are optional here; see `StoredQuery.choiceGroups`.
    public let isRequired: Bool
    /// May carry several values: an `('a','b')` list, or several `Value` elements (OR semantics).
    public let acceptsMultipleValues: Bool
    /// May be given in several Slots (AND of ORs) — the code-list parameters of ITI TF-2 3.18.4.1.2.3.6 (≈).
    public let acceptsAndSemantics: Bool
    public let valueType: ValueType

    public init(_ name: String, required: Bool = false, multiple: Bool = false, andOr: Bool = false, _ valueType: ValueType) {
        self.name = name
        self.isRequired = required
        self.acceptsMultipleValues = multiple || andOr
        self.acceptsAndSemantics = andOr
        self.valueType = valueType
    }
}
