/// A lossless, generic XML element: how one ebRIM registry object (ExtrinsicObject, RegistryPackage, ObjectRef,
/// Association, Classification…) is held, so that slots, classifications and external identifiers the gateway does
/// not interpret travel through unchanged. Attribute and child order are preserved.
public struct MetadataElement: Hashable, Sendable {
    public var name: QualifiedName
    public var attributes: [MetadataAttribute]
    public var children: [MetadataNode]

    public init(name: QualifiedName, attributes: [MetadataAttribute] = [], children: [MetadataNode] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// An element in the ebRIM namespace with unqualified attributes, in the order given.
    public init(rim localName: String, _ attributes: KeyValuePairs<String, String> = [:], children: [MetadataNode] = []) {
        self.init(
            name: .rim(localName),
            attributes: attributes.map { MetadataAttribute($0.key, $0.value) },
            children: children
        )
    }

    // MARK: Attributes

    /// The value of an attribute, by local name and namespace (unqualified by default).
    public func attribute(_ localName: String, namespace: String = "") -> String? {
        for attribute in attributes where attribute.name.localName == localName && attribute.name.namespace == namespace {
            return attribute.value
        }
        return nil
    }

    /// Sets an attribute in place (keeping its position), appends it when new, removes it when `value` is `nil`.
    public mutating func setAttribute(_ localName: String, namespace: String = "", to value: String?) {
        let index = attributes.firstIndex { $0.name.localName == localName && $0.name.namespace == namespace }
        switch (index, value) {
        case (let index?, let value?): attributes[index].value = value
        case (let index?, nil): attributes.remove(at: index)
        case (nil, let value?): attributes.append(MetadataAttribute(name: QualifiedName(namespace: namespace, localName: localName), value: value))
        case (nil, nil): break
        }
    }

    // MARK: Children

    /// The element children, in order.
    public var childElements: [MetadataElement] {
        children.compactMap(\.element)
    }

    /// Element children with the given local name and namespace (ebRIM by default).
    public func childElements(named localName: String, namespace: String = Namespace.rim) -> [MetadataElement] {
        children.compactMap { node in
            guard case .element(let element) = node, element.name.localName == localName, element.name.namespace == namespace
            else { return nil }
            return element
        }
    }

    /// The first element child with the given local name and namespace (ebRIM by default).
    public func firstChild(named localName: String, namespace: String = Namespace.rim) -> MetadataElement? {
        for case .element(let element) in children where element.name.localName == localName && element.name.namespace == namespace {
            return element
        }
        return nil
    }

    /// The concatenated character data of the direct text children.
    public var text: String {
        var result = ""
        for case .text(let text) in children { result += text }
        return result
    }
}
