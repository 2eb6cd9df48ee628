/// One `rs:RegistryError` of a RegistryErrorList (ebRS 3.0; ITI TF-3 4.2.4.1 (≈)).
///
/// `codeContext` is free text for people; build it without patient identifiers. `location` is the reporting
/// community's homeCommunityId when this gateway emits the error (ITI TF-2 3.38.4.1.3); from partners accept anything.
public struct RegistryError: Hashable, Sendable {
    public var code: Code
    public var codeContext: String
    public var location: String?
    public var severity: Severity

    public init(_ code: Code, codeContext: String, location: String? = nil, severity: Severity = .error) {
        self.code = code
        self.codeContext = codeContext
        self.location = location
        self.severity = severity
    }
}
