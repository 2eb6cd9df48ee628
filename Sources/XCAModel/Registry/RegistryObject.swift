/// One ebRIM registry object of a query response (ExtrinsicObject, RegistryPackage, ObjectRef, Association,
/// Classification, ExternalIdentifier…), held losslessly as its `MetadataElement`, with typed accessors for what the
/// gateway reads and writes. Mutators keep the children in ebRIM schema order.
public struct RegistryObject: Hashable, Sendable {
    /// The element as received (or as built), including everything the gateway does not interpret.
    public var element: MetadataElement

    public init(_ element: MetadataElement) {
        self.element = element
    }

    /// An empty object of the given kind with an `id`.
    public init(kind: Kind, id: String) {
        self.element = MetadataElement(rim: kind.localName, ["id": id])
    }

    /// What kind of ebRIM object this is, from the element name.
    public var kind: Kind {
        Kind(element.name)
    }

    // MARK: Attributes

    /// `@id`: the entryUUID (a `urn:uuid:` in XDS; symbolic ids occur only in submissions).
    public var id: EntryUUID? {
        get { element.attribute("id").map(EntryUUID.init(rawValue:)) }
        set { element.setAttribute("id", to: newValue?.rawValue) }
    }

    /// `@lid`, the logical id shared by all versions of an object.
    public var lid: EntryUUID? {
        get { element.attribute("lid").map(EntryUUID.init(rawValue:)) }
        set { element.setAttribute("lid", to: newValue?.rawValue) }
    }

    /// `@home`, the homeCommunityId (ITI TF-2 3.38.4.1.3: on every ExtrinsicObject, RegistryPackage and ObjectRef).
    /// An empty attribute (as some registries send) reads as `nil`.
    public var home: HomeCommunityID? {
        get { element.attribute("home").flatMap { $0.isEmpty ? nil : HomeCommunityID(rawValue: $0) } }
        set { element.setAttribute("home", to: newValue?.rawValue) }
    }

    /// `@objectType`.
    public var objectType: String? {
        get { element.attribute("objectType") }
        set { element.setAttribute("objectType", to: newValue) }
    }

    /// `@status`, e.g. `urn:oasis:names:tc:ebxml-regrep:StatusType:Approved`.
    public var status: String? {
        get { element.attribute("status") }
        set { element.setAttribute("status", to: newValue) }
    }

    /// `@mimeType` (ExtrinsicObject).
    public var mimeType: String? {
        get { element.attribute("mimeType") }
        set { element.setAttribute("mimeType", to: newValue) }
    }

    /// The `value` of the first `rim:Name/rim:LocalizedString`. Setting replaces the whole `rim:Name`.
    public var name: String? {
        get { element.firstChild(named: "Name")?.firstChild(named: "LocalizedString")?.attribute("value") }
        set { setLocalizedString("Name", newValue) }
    }

    /// The `value` of the first `rim:Description/rim:LocalizedString`. Setting replaces the whole `rim:Description`.
    public var objectDescription: String? {
        get { element.firstChild(named: "Description")?.firstChild(named: "LocalizedString")?.attribute("value") }
        set { setLocalizedString("Description", newValue) }
    }

    private mutating func setLocalizedString(_ localName: String, _ value: String?) {
        element.removeChildElements { $0.name == .rim(localName) }
        if let value {
            let string = MetadataElement(rim: "LocalizedString", ["value": value])
            element.insertInSchemaOrder(MetadataElement(rim: localName, children: [.element(string)]))
        }
    }

    // MARK: Slots

    /// All `rim:Slot` children, in order.
    public var slots: [Slot] {
        element.childElements(named: "Slot").compactMap(Slot.init)
    }

    /// The values of the first slot with that name; empty when there is none.
    public func slotValues(named name: String) -> [String] {
        for case .element(let child) in element.children where child.name == .rim("Slot") && child.attribute("name") == name {
            return Slot(child)?.values ?? []
        }
        return []
    }

    /// Replaces the slot of that name in place (dropping duplicates), or inserts it after the other slots.
    public mutating func setSlot(_ slot: Slot) {
        var replaced = false
        var index = 0
        while index < element.children.count {
            if case .element(let child) = element.children[index], child.name == .rim("Slot"), child.attribute("name") == slot.name {
                if replaced {
                    element.children.remove(at: index)
                    continue
                }
                element.children[index] = .element(slot.element)
                replaced = true
            }
            index += 1
        }
        if !replaced { element.insertInSchemaOrder(slot.element) }
    }

    /// Sets the values of a slot; an empty list removes it.
    public mutating func setSlot(_ name: String, values: [String]) {
        if values.isEmpty {
            removeSlot(named: name)
        } else {
            setSlot(Slot(name: name, values: values))
        }
    }

    public mutating func removeSlot(named name: String) {
        element.removeChildElements { $0.name == .rim("Slot") && $0.attribute("name") == name }
    }

    // MARK: External identifiers and classifications

    /// The `rim:ExternalIdentifier` children, each as a registry object.
    public var externalIdentifiers: [RegistryObject] {
        element.childElements(named: "ExternalIdentifier").map(RegistryObject.init)
    }

    /// `@value` of the first ExternalIdentifier whose `identificationScheme` is `scheme` (UUIDs compared
    /// case-insensitively), e.g. `XDSUUID.documentEntryUniqueID`.
    public func externalIdentifierValue(scheme: String) -> String? {
        for case .element(let child) in element.children where child.name == .rim("ExternalIdentifier") {
            if let childScheme = child.attribute("identificationScheme"), childScheme.equalsIgnoringASCIICase(scheme) {
                return child.attribute("value")
            }
        }
        return nil
    }

    /// Sets the value of the ExternalIdentifier with that scheme, or adds one (with `id`, `registryObject`, `name`).
    public mutating func setExternalIdentifier(scheme: String, value: String, id: String, name: String? = nil) {
        for (index, node) in element.children.enumerated() {
            if case .element(var child) = node, child.name == .rim("ExternalIdentifier"),
                let childScheme = child.attribute("identificationScheme"), childScheme.equalsIgnoringASCIICase(scheme)
            {
                child.setAttribute("value", to: value)
                element.children[index] = .element(child)
                return
            }
        }
        var identifier = RegistryObject(MetadataElement(rim: "ExternalIdentifier", [
            "id": id,
            "objectType": XDSUUID.externalIdentifierObjectType,
            "identificationScheme": scheme,
            "value": value,
        ]))
        if let registryObject = element.attribute("id") {
            identifier.element.setAttribute("registryObject", to: registryObject)
        }
        identifier.name = name
        element.insertInSchemaOrder(identifier.element)
    }

    /// The `rim:Classification` children, each as a registry object.
    public var classifications: [RegistryObject] {
        element.childElements(named: "Classification").map(RegistryObject.init)
    }

    /// The classifications with that `classificationScheme` (UUIDs compared case-insensitively).
    public func classifications(scheme: String) -> [RegistryObject] {
        element.childElements(named: "Classification").compactMap { child in
            guard let childScheme = child.attribute("classificationScheme"), childScheme.equalsIgnoringASCIICase(scheme)
            else { return nil }
            return RegistryObject(child)
        }
    }

    /// Adds a classification after the existing ones.
    public mutating func addClassification(_ classification: RegistryObject) {
        element.insertInSchemaOrder(classification.element)
    }

    /// Removes the classifications with that scheme.
    public mutating func removeClassifications(scheme: String) {
        element.removeChildElements { child in
            child.name == .rim("Classification") && child.attribute("classificationScheme").map { $0.equalsIgnoringASCIICase(scheme) } == true
        }
    }
}

extension String {
    /// ASCII case-insensitive equality (UUID URNs, URN prefixes).
    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        let lhs = utf8
        let rhs = other.utf8
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).allSatisfy { a, b in
            a == b || (a | 0x20 == b | 0x20 && a | 0x20 >= UInt8(ascii: "a") && a | 0x20 <= UInt8(ascii: "z"))
        }
    }
}
