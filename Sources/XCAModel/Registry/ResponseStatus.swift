/// The `status` of an ebRS RegistryResponse / AdhocQueryResponse (ITI TF-3 4.2.4.2 (≈)).
public enum ResponseStatus: String, Hashable, Sendable, CaseIterable {
    case success = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"
    /// IHE extension (ITI TF-3 4.2.4.2): some results and some errors.
    case partialSuccess = "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess"
    case failure = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure"

    /// The rule every peer applies: no errors → success (warnings alone do not downgrade); errors and some results →
    /// partial success; errors and no results → failure.
    public static func derive(errors: [RegistryError], hasResults: Bool) -> ResponseStatus {
        guard errors.contains(where: { $0.severity == .error }) else { return .success }
        return hasResults ? .partialSuccess : .failure
    }
}
