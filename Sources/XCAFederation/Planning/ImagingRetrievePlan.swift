import XCAModel

/// What a RAD-69 or RAD-75 request becomes: legs per community, and one RegistryError per DocumentRequest that
/// cannot be routed.
public struct ImagingRetrievePlan: Sendable {
    /// Grouped by community in order of first appearance; a community's legs follow each other.
    public var legs: [ImagingRetrieveLeg]
    /// In request order.
    public var errors: [RegistryError]

    public init(legs: [ImagingRetrieveLeg], errors: [RegistryError]) {
        self.legs = legs
        self.errors = errors
    }
}
