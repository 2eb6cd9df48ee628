extension RegistryError {
    /// `rs:RegistryError/@severity` (ebRS 3.0).
    public enum Severity: String, Hashable, Sendable, CaseIterable {
        case error = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error"
        case warning = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning"
    }
}
