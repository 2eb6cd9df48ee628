import ArgumentParser
import Foundation
import XCAClient
import XCAModel

/// `xca-gateway retrieve --document UID … --repository ID --community HCID --out DIR`: ITI-39 to a gateway, each
/// document streamed into `DIR/<uid>.<extension>`.
struct RetrieveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrieve",
        abstract: "Fetch documents from a gateway into files (ITI-39 Cross Gateway Retrieve).",
        discussion: """
            Every --document is asked of the repository and community given (the document uniqueId, \
            repositoryUniqueId and homeCommunityId that `query --wide` shows). Each document is written as it \
            streams to DIR/<uniqueId>.<extension of its mimeType> (a file appears only once complete). Exit: 0 \
            every document written, 2 some, 1 none or no answer, 64 invalid input.
            """
    )

    @Option(name: .customLong("document"), help: "A document uniqueId (repeatable).")
    var documents: [String] = []

    @Option(help: "The repositoryUniqueId holding the documents.")
    var repository: String

    @Option(help: "The homeCommunityId (urn:oid:…) of the community holding them.")
    var community: String

    @Option(help: "The directory to write into (created if missing).")
    var out: String = "."

    @OptionGroup var connection: ClientConnectionOptions

    func run() async throws {
        let requests = documents.map {
            DocumentRequest(
                homeCommunityID: HomeCommunityID(rawValue: community),
                repositoryUniqueID: RepositoryUniqueID(rawValue: repository),
                documentUniqueID: DocumentUniqueID(rawValue: $0)
            )
        }
        if let problem = Self.problem(requests) {
            ClientOutput.error(problem)
            throw ClientOutput.usage
        }
        try await connection.run { client throws(XCAClientError) in
            let outcome = try await client.retrieve(requests, into: out)
            for document in outcome.written {
                print(
                    "wrote \(ClientOutput.relative(document.path ?? "-"))  (\(ClientOutput.size(document.size)), \(document.document.mimeType))"
                )
            }
            for request in outcome.notReceived {
                ClientOutput.standardError("not received: \(request.documentUniqueID.rawValue)")
            }
            if let interruption = outcome.interruption {
                ClientOutput.error(interruption.message)
            }
            ClientOutput.report(
                outcome.status,
                summary: "\(outcome.written.count) of \(requests.count) documents written to \(out)",
                errors: outcome.errors
            )
            return ClientOutput.exitCode(for: outcome.status)
        }
    }

    /// The first thing wrong with the arguments, naming the option.
    static func problem(_ requests: [DocumentRequest]) -> String? {
        guard let first = requests.first else { return "give at least one --document" }
        if let problem = first.homeCommunityID?.validationProblem { return "--community: \(problem)" }
        if let problem = first.repositoryUniqueID.validationProblem { return "--repository: \(problem)" }
        for (index, request) in requests.enumerated() {
            if let problem = request.documentUniqueID.validationProblem { return "--document \(index + 1): \(problem)" }
        }
        return nil
    }
}
