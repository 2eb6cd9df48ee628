/// `query:ResponseOption/@returnType` of an AdhocQueryRequest (ITI TF-2 3.18.4.1.2.1 (≈)).
public enum ReturnType: String, Hashable, Sendable, CaseIterable {
    /// Full objects: ExtrinsicObjects, RegistryPackages, Associations, with their slots and classifications.
    case leafClass = "LeafClass"
    /// Object references (ids and `home`) only.
    case objectRef = "ObjectRef"
}
