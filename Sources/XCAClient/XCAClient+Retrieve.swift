import XCABinding
import XCAModel

extension XCAClient {
    /// ITI-39 Cross Gateway Retrieve (ITI TF-2 3.39) of `documents`, each written as it streams to
    /// `directory/<DocumentUniqueId>.<extension of its mimeType>` (the directory is created).
    ///
    /// - Throws: ``XCAClientError/Code/invalidInput`` before any call when a DocumentRequest lacks its
    ///   HomeCommunityId or has a malformed identifier; the call's failure (connection, TLS, timeout, SOAP Fault,
    ///   HTTP status, unreadable answer); ``XCAClientError/Code/output`` when a file cannot be written. RegistryErrors
    ///   and documents that did not come are in the outcome.
    public func retrieve(
        _ documents: [DocumentRequest],
        into directory: String
    ) async throws(XCAClientError) -> RetrieveOutcome {
        let request = RetrieveDocumentSetRequest(documents: documents)
        if documents.isEmpty {
            throw XCAClientError(.invalidInput, "no document to retrieve")
        }
        let problems = request.validate(location: "")
        guard problems.isEmpty else { throw XCAClientError.invalidInput(problems) }
        try FileDocumentOutput.createDirectory(directory)
        let wanted = Set(documents.map(\.documentUniqueID))
        let url = configuration.endpoints.retrieve
        let envelope: [UInt8]
        do {
            envelope = try request.encode(addressing: .request(action: Transaction.iti39.requestAction, to: url))
        } catch {
            throw XCAClientError(.invalidInput, "the request cannot be written: \(error)")
        }
        let result = try await retrieveExchange(
            envelope,
            action: Transaction.iti39.requestAction,
            url: url,
            wants: { wanted.contains($0.documentUniqueID) },
            open: { document throws(XCAClientError) in
                try FileDocumentOutput(
                    directory: directory,
                    fileName: Self.fileName(document.documentUniqueID.rawValue) + "."
                        + MIMEFileExtension.of(document.mimeType)
                )
            },
            events: { _ in }
        )
        let delivered = Set(result.delivered.map(\.document.documentUniqueID))
        return RetrieveOutcome(
            answerStatus: result.response.status,
            errors: result.response.errors,
            written: result.delivered,
            notReceived: documents.filter { !delivered.contains($0.documentUniqueID) },
            interruption: result.interruption
        )
    }

    /// Sends a retrieve (ITI-39, RAD-75) and reads its answer into outputs. The SOAP part must arrive within the
    /// client's timeout; the whole answer within its transfer timeout.
    func retrieveExchange(
        _ envelope: [UInt8],
        action: String,
        url: String,
        wants: @escaping @Sendable (DocumentResponse) -> Bool,
        open: @escaping @Sendable (DocumentResponse) throws(XCAClientError) -> any DocumentOutput,
        events: @escaping @Sendable (RetrieveAnswerReader.Event) -> Void
    ) async throws(XCAClientError) -> RetrieveAnswerReader.Result {
        let host = Self.host(of: url)
        let deadline = ContinuousClock.now + configuration.transferTimeout
        do {
            return try await AnswerWatch.run(timeout: configuration.timeout, host: host) { watch in
                let answer = try await self.post(envelope, action: action, to: url, deadline: deadline)
                return try await RetrieveAnswerReader.read(
                    answer,
                    host: host,
                    rootArrived: watch.arrived,
                    wants: wants,
                    open: open,
                    events: events
                )
            }
        } catch {
            throw XCAClientError.translating(error, host: host)
        }
    }

    /// A file name for an identifier: characters other than letters, digits, `.`, `-`, `_` and `^` become `_`
    /// (a uniqueId's extension may hold anything; a name must never leave its directory).
    static func fileName(_ identifier: String) -> String {
        let safe = identifier.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", "^": Character(scalar)
            case ".": Character(scalar)
            default: "_"
            }
        }
        let name = String(safe)
        return name.allSatisfy({ $0 == "." }) ? "_" + name : name
    }
}

extension XCAClientError {
    /// The request's own problems (model validation), before any call.
    static func invalidInput(_ problems: [RegistryError], file: String = #fileID, line: Int = #line) -> XCAClientError {
        XCAClientError(.invalidInput, problems.map(\.codeContext).joined(separator: "; "), file: file, line: line)
    }
}
