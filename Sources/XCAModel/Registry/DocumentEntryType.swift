/// The `objectType` of a DocumentEntry ExtrinsicObject (ITI TF-3 4.2.5.2 (≈)).
public enum DocumentEntryType: String, Hashable, Sendable, CaseIterable {
    case stable = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1"
    case onDemand = "urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248"

    /// Matches the UUID URN case-insensitively.
    public init?(objectType: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.equalsIgnoringASCIICase(objectType) }) else { return nil }
        self = match
    }
}
