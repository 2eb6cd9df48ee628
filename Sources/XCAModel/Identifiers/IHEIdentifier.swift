/// An identifier carried on the wire, kept exactly as it was sent.
///
/// Every identifier is its own type over a `String` so that a `DocumentUniqueID` cannot be passed where a
/// `RepositoryUniqueID` is expected. Construction never fails: a malformed value is still representable (it has to be
/// reported back to the sender, and routed or echoed unchanged); ask `validationProblem` / `isValid` before trusting it.
public protocol IHEIdentifier: RawRepresentable, Hashable, Sendable where RawValue == String {
    /// Wraps the value as sent; never fails.
    init(rawValue: String)

    /// `nil` when the value is valid; otherwise a short English reason that never repeats the value itself.
    var validationProblem: String? { get }
}

extension IHEIdentifier {
    /// Wraps the value as sent; never fails.
    @inlinable
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }

    /// `true` when `validationProblem` is `nil`.
    @inlinable
    public var isValid: Bool { validationProblem == nil }
}
