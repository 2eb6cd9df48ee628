import XCAModel

/// What an ITI-39 request becomes: one or more legs per community, and one RegistryError per DocumentRequest that
/// cannot be routed.
public struct RetrievePlan: Sendable {
    /// Grouped by community in order of first appearance; a community's legs follow each other.
    public var legs: [RetrieveLeg]
    /// In request order (ITI TF-2 3.39.4.1.3 (≈): the response reports every document that could not be retrieved).
    public var errors: [RegistryError]

    public init(legs: [RetrieveLeg], errors: [RegistryError]) {
        self.legs = legs
        self.errors = errors
    }
}
