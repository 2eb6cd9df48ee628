/// A certificate file in use and what for: `gateway server identity`, `community north-imaging trust anchor`…
public struct CertificateUse: Sendable, Hashable {
    public var use: String
    /// A PEM file holding one certificate or a chain (leaf first).
    public var path: String

    public init(_ use: String, path: String) {
        self.use = use
        self.path = path
    }
}
