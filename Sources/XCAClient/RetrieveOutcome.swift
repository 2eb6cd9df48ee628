import XCAModel

/// What an ITI-39 retrieve wrote, and what it did not get.
public struct RetrieveOutcome: Sendable {
    /// The answer's own status.
    public var answerStatus: ResponseStatus
    /// The answer's RegistryErrors, as sent.
    public var errors: [RegistryError]
    /// The documents written, each complete, with its file.
    public var written: [DeliveredDocument]
    /// The documents asked for that were not written.
    public var notReceived: [DocumentRequest]
    /// Why the answer stopped before its end, if it did.
    public var interruption: XCAClientError?

    public init(
        answerStatus: ResponseStatus,
        errors: [RegistryError],
        written: [DeliveredDocument],
        notReceived: [DocumentRequest],
        interruption: XCAClientError?
    ) {
        self.answerStatus = answerStatus
        self.errors = errors
        self.written = written
        self.notReceived = notReceived
        self.interruption = interruption
    }

    /// Success when every document was written and the answer reported no error; PartialSuccess when some were;
    /// Failure when none.
    public var status: ResponseStatus {
        let failed = !notReceived.isEmpty || interruption != nil || errors.contains { $0.severity == .error }
        guard failed else { return .success }
        return written.isEmpty ? .failure : .partialSuccess
    }
}
