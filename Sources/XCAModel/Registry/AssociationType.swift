/// The `associationType` of an ebRIM Association between XDS objects (ITI TF-3 4.2.2 (≈): HasMember and the
/// document relationships of 4.2.2.2 (≈)). Open vocabulary: unknown values pass through.
public struct AssociationType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// A SubmissionSet or Folder holds a DocumentEntry, Folder or Association.
    public static let hasMember = AssociationType(rawValue: "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember")
    /// RPLC: the source document replaces the target.
    public static let replace = AssociationType(rawValue: "urn:ihe:iti:2007:AssociationType:RPLC")
    /// XFRM: the source document is a transformation of the target.
    public static let transform = AssociationType(rawValue: "urn:ihe:iti:2007:AssociationType:XFRM")
    /// APND: the source document is an addendum to the target.
    public static let append = AssociationType(rawValue: "urn:ihe:iti:2007:AssociationType:APND")
    /// XFRM_RPLC: the source document transforms and replaces the target.
    public static let transformAndReplace = AssociationType(rawValue: "urn:ihe:iti:2007:AssociationType:XFRM_RPLC")
    /// signs: the source document is a digital signature of the target.
    public static let signs = AssociationType(rawValue: "urn:ihe:iti:2007:AssociationType:signs")
    /// IsSnapshotOf (On-Demand Documents): the source stable entry is a snapshot of the target on-demand entry.
    public static let isSnapshotOf = AssociationType(rawValue: "urn:ihe:iti:2010:AssociationType:IsSnapshotOf")

    /// The type with a bare name (`HasMember`, `RPLC`, as some registries write them) expanded to its URN; any
    /// other value unchanged.
    public var normalized: AssociationType {
        guard !rawValue.utf8.contains(UInt8(ascii: ":")) else { return self }
        let known: [AssociationType] = [
            .hasMember, .replace, .transform, .append, .transformAndReplace, .signs, .isSnapshotOf,
        ]
        return known.first { $0.rawValue.hasSuffix(":" + rawValue) } ?? self
    }

    public var description: String { rawValue }
}
