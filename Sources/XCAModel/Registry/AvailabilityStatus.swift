/// The `status` of a registry object (ITI TF-3 4.2.3.2.2 (≈)). Open vocabulary: unknown values pass through.
public struct AvailabilityStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let approved = AvailabilityStatus(rawValue: "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved")
    public static let deprecated = AvailabilityStatus(rawValue: "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated")

    public var description: String { rawValue }
}
