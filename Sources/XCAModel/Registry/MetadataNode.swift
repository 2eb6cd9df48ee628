/// A child of a `MetadataElement`: an element or character data (entities decoded, CDATA merged).
public enum MetadataNode: Hashable, Sendable {
    case element(MetadataElement)
    case text(String)

    /// The element, when this node is one.
    @inlinable
    public var element: MetadataElement? {
        if case .element(let element) = self { element } else { nil }
    }
}
