extension MetadataElement {
    /// The position of a child in the ebRIM 3.0 `RegistryObjectType` content model: Slot*, Name?, Description?,
    /// VersionInfo?, Classification*, ExternalIdentifier*, then the subtype's own children (ContentVersionInfo of
    /// ExtrinsicObject, RegistryObjectList of RegistryPackage). Anything else sorts last.
    static func ebRIMRank(of name: QualifiedName) -> Int {
        guard name.namespace == Namespace.rim else { return 7 }
        switch name.localName {
        case "Slot": return 0
        case "Name": return 1
        case "Description": return 2
        case "VersionInfo": return 3
        case "Classification": return 4
        case "ExternalIdentifier": return 5
        case "ContentVersionInfo", "RegistryObjectList": return 6
        default: return 7
        }
    }

    /// Inserts `child` after the last child that may precede it in the ebRIM content model, so that the element stays
    /// schema-valid (`Slot*, Name?, Description?, VersionInfo?, Classification*, ExternalIdentifier*`).
    public mutating func insertInSchemaOrder(_ child: MetadataElement) {
        let rank = Self.ebRIMRank(of: child.name)
        var index = 0
        for (offset, node) in children.enumerated() {
            if case .element(let element) = node, Self.ebRIMRank(of: element.name) <= rank { index = offset + 1 }
        }
        children.insert(.element(child), at: index)
    }

    /// Removes the element children for which `predicate` is true.
    public mutating func removeChildElements(where predicate: (MetadataElement) -> Bool) {
        children.removeAll { node in
            if case .element(let element) = node { predicate(element) } else { false }
        }
    }
}
