/// The uniqueId of a document repository (or, in XDS-I, of an Imaging Document Source): an OID of at most 64
/// characters (ITI TF-3 4.2.3.2.18 (≈)).
public struct RepositoryUniqueID: IHEIdentifier, CustomStringConvertible {
    public let rawValue: String

    public static let maximumLength = 64

    public init(rawValue: String) { self.rawValue = rawValue }

    public var validationProblem: String? {
        IdentifierSyntax.oidProblem(rawValue[...], maximumLength: Self.maximumLength).map { "repositoryUniqueId \($0)" }
    }

    public var description: String { rawValue }
}
