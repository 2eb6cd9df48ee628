import XCAModel

/// What a retrieve of images wrote, and what it did not get.
public struct ImagingRetrieveOutcome: Sendable {
    /// The manifests followed.
    public var manifests: [ImagingManifest]
    /// The instances written, each complete, in arrival order.
    public var written: [ImagingInstanceFile]
    /// The instances the manifests name that were not written (no path).
    public var notReceived: [ImagingInstanceFile]
    /// RegistryErrors of every answer (query, manifests, RAD-75), as sent.
    public var errors: [RegistryError]
    /// Calls or manifests that failed as a whole.
    public var failures: [XCAClientError]

    public init(
        manifests: [ImagingManifest],
        written: [ImagingInstanceFile] = [],
        notReceived: [ImagingInstanceFile] = [],
        errors: [RegistryError] = [],
        failures: [XCAClientError] = []
    ) {
        self.manifests = manifests
        self.written = written
        self.notReceived = notReceived
        self.errors = errors
        self.failures = failures
    }

    /// Success when every instance was written and nothing reported an error; PartialSuccess when some were
    /// written; Failure when none was (with something wrong).
    public var status: ResponseStatus {
        let failed = !notReceived.isEmpty || !failures.isEmpty || errors.contains { $0.severity == .error }
        guard failed else { return .success }
        return written.isEmpty ? .failure : .partialSuccess
    }

    /// Bytes written.
    public var bytes: Int { written.reduce(0) { $0 + $1.size } }
}
