/// The body of an ITI-38 response: `query:AdhocQueryResponse` (ITI TF-2 3.38.4.1.3).
public struct CrossGatewayQueryResponse: Hashable, Sendable {
    public var status: ResponseStatus
    /// The children of `rim:RegistryObjectList`, in order (ExtrinsicObjects, RegistryPackages, ObjectRefs, …).
    public var registryObjects: [RegistryObject]
    /// `rs:RegistryErrorList`.
    public var errors: [RegistryError]
    /// `@startIndex`, when sent.
    public var startIndex: Int?
    /// `@totalResultCount`, when sent.
    public var totalResultCount: Int?

    public init(
        status: ResponseStatus,
        registryObjects: [RegistryObject] = [],
        errors: [RegistryError] = [],
        startIndex: Int? = nil,
        totalResultCount: Int? = nil
    ) {
        self.status = status
        self.registryObjects = registryObjects
        self.errors = errors
        self.startIndex = startIndex
        self.totalResultCount = totalResultCount
    }

    /// A response whose status follows from the objects and errors (`ResponseStatus.derive`).
    public init(registryObjects: [RegistryObject], errors: [RegistryError]) {
        self.init(
            status: .derive(errors: errors, hasResults: !registryObjects.isEmpty),
            registryObjects: registryObjects,
            errors: errors
        )
    }

    /// The DocumentEntries among the registry objects.
    public var documentEntries: [DocumentEntry] {
        registryObjects.compactMap(DocumentEntry.init)
    }
}
