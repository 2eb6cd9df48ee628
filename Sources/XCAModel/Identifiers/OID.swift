/// An ISO object identifier in dotted decimal form, e.g. `1.3.6.1.4.1.21367.2005.3.7`.
///
/// Valid when it has at least two arcs, only digits and dots, no empty arc, no arc with a leading zero and a first arc
/// of 0, 1 or 2 (ISO/IEC 9834-1). No length limit here: the identifiers built on OIDs add their own.
public struct OID: IHEIdentifier, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var validationProblem: String? {
        IdentifierSyntax.oidProblem(rawValue[...]).map { "OID \($0)" }
    }

    public var description: String { rawValue }
}
