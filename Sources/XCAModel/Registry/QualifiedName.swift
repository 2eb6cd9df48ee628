/// An XML name as namespace URI + local name. The prefix is a serialisation detail and is not kept.
public struct QualifiedName: Hashable, Sendable, CustomStringConvertible {
    /// The namespace URI; empty for unqualified names (e.g. most attributes).
    public var namespace: String
    public var localName: String

    public init(namespace: String, localName: String) {
        self.namespace = namespace
        self.localName = localName
    }

    /// An unqualified name (no namespace), as used by ebRIM attributes.
    public init(_ localName: String) {
        self.init(namespace: "", localName: localName)
    }

    /// A name in the ebRIM 3.0 namespace.
    public static func rim(_ localName: String) -> QualifiedName {
        QualifiedName(namespace: Namespace.rim, localName: localName)
    }

    /// Clark notation, `{namespace}localName`.
    public var description: String { namespace.isEmpty ? localName : "{\(namespace)}\(localName)" }
}
