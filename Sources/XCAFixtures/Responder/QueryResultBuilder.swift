import XCAModel

/// The registry objects a stored query returns, in the order found, each once (by lower-cased id).
struct QueryResultBuilder {
    private(set) var objects: [RegistryObject] = []
    private var ids: Set<String> = []

    func contains(_ id: String) -> Bool { ids.contains(id) }

    mutating func add(_ object: RegistryObject, id: String) {
        if ids.insert(id).inserted { objects.append(object) }
    }

    mutating func add(_ entry: RegistryIndex.Entry) { add(entry.object, id: entry.id) }
    mutating func add(_ package: RegistryIndex.Package) { add(package.object, id: package.id) }
    mutating func add(_ link: RegistryIndex.Link) { add(link.object, id: link.id) }
}
