/// One `rim:Slot` of an AdhocQuery: the parameter name (e.g. `$XDSDocumentEntryPatientId`) and the raw texts of its
/// `rim:Value` elements, in order, still encoded (`'…'`, `(…)`); decode them with `StoredQueryValue.parse(_:)`.
public struct QueryParameter: Hashable, Sendable {
    public var name: String
    public var values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }

    /// The decoded element texts of all values; values that do not parse are skipped (validation reports them).
    public var decodedValues: [String] {
        values.flatMap { value -> [String] in
            (try? StoredQueryValue.parse(value).get())?.texts ?? []
        }
    }
}
