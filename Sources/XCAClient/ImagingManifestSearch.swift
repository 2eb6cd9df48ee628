import XCAModel

/// The first half of the viewer path: the patient's imaging manifests, found with FindDocuments and fetched with
/// ITI-39.
public struct ImagingManifestSearch: Sendable {
    /// The manifests read, each with the community it came from.
    public var manifests: [ImagingManifest]
    /// The manifest entries the query found (after the study filter).
    public var entries: [QueryRow]
    /// RegistryErrors of the query and of the manifests' retrieve, as sent.
    public var errors: [RegistryError]
    /// Manifests that could not be had: not received, unreadable, or an entry that cannot be retrieved.
    public var failures: [XCAClientError]

    public init(manifests: [ImagingManifest], entries: [QueryRow], errors: [RegistryError], failures: [XCAClientError])
    {
        self.manifests = manifests
        self.entries = entries
        self.errors = errors
        self.failures = failures
    }
}
