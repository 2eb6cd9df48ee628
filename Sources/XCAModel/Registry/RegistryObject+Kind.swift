extension RegistryObject {
    /// The ebRIM element an object is, from its name in the rim namespace.
    public enum Kind: Hashable, Sendable {
        case extrinsicObject
        case registryPackage
        case objectRef
        case association
        case classification
        case externalIdentifier
        /// Any other element; the local name (or Clark name when not in the rim namespace).
        case other(String)

        public init(_ name: QualifiedName) {
            guard name.namespace == Namespace.rim else {
                self = .other(name.description)
                return
            }
            switch name.localName {
            case "ExtrinsicObject": self = .extrinsicObject
            case "RegistryPackage": self = .registryPackage
            case "ObjectRef": self = .objectRef
            case "Association": self = .association
            case "Classification": self = .classification
            case "ExternalIdentifier": self = .externalIdentifier
            default: self = .other(name.localName)
            }
        }

        /// The rim local name.
        public var localName: String {
            switch self {
            case .extrinsicObject: "ExtrinsicObject"
            case .registryPackage: "RegistryPackage"
            case .objectRef: "ObjectRef"
            case .association: "Association"
            case .classification: "Classification"
            case .externalIdentifier: "ExternalIdentifier"
            case .other(let name): name
            }
        }
    }
}
