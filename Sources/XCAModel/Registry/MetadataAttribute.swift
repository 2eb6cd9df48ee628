/// One attribute of a `MetadataElement`, value kept exactly as read (entities already decoded).
public struct MetadataAttribute: Hashable, Sendable {
    public var name: QualifiedName
    public var value: String

    public init(name: QualifiedName, value: String) {
        self.name = name
        self.value = value
    }

    /// An unqualified attribute.
    public init(_ localName: String, _ value: String) {
        self.init(name: QualifiedName(localName), value: value)
    }
}
