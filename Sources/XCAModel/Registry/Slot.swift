/// A typed view of an ebRIM `rim:Slot`: a name, an optional `slotType` and the `rim:ValueList/rim:Value` texts.
public struct Slot: Hashable, Sendable {
    public var name: String
    public var slotType: String?
    public var values: [String]

    public init(name: String, values: [String], slotType: String? = nil) {
        self.name = name
        self.values = values
        self.slotType = slotType
    }

    /// Reads a `rim:Slot` element; `nil` when it is not one or has no `name`.
    public init?(_ element: MetadataElement) {
        guard element.name == .rim("Slot"), let name = element.attribute("name") else { return nil }
        self.name = name
        self.slotType = element.attribute("slotType")
        self.values = element.firstChild(named: "ValueList")?.childElements(named: "Value").map(\.text) ?? []
    }

    /// The `rim:Slot` element.
    public var element: MetadataElement {
        var attributes = [MetadataAttribute("name", name)]
        if let slotType { attributes.append(MetadataAttribute("slotType", slotType)) }
        let values = values.map { MetadataNode.element(MetadataElement(rim: "Value", children: [.text($0)])) }
        return MetadataElement(name: .rim("Slot"), attributes: attributes, children: [.element(MetadataElement(rim: "ValueList", children: values))])
    }
}
