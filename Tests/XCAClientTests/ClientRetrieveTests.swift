import Foundation
import Testing
import XCAClient
import XCAFixtures
import XCAModel

/// `XCAClient.retrieve` (ITI-39) against real servers: the files written are the fixture documents byte for byte.
@Suite("XCAClient: ITI-39 retrieve", .timeLimit(.minutes(2)))
struct ClientRetrieveTests {
    let patient = FixtureExpectations.everywhere

    func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("xca-client-out-\(UUID().uuidString)").path
    }

    /// The patient's first report and first manifest in each community, as DocumentRequests.
    func requests() -> [DocumentRequest] {
        FixtureExpectations.approvedEntries(of: patient).compactMap { community, entry in
            entry.repositoryUniqueID.map {
                DocumentRequest(
                    homeCommunityID: community.homeCommunityID,
                    repositoryUniqueID: $0,
                    documentUniqueID: entry.uniqueID
                )
            }
        }
    }

    func expectIdentical(_ outcome: RetrieveOutcome, _ requests: [DocumentRequest], in directory: String) async throws {
        #expect(outcome.status == .success)
        #expect(outcome.written.count == requests.count)
        for request in requests {
            let community = try #require(
                FixtureExpectations.federation.communities.first { $0.homeCommunityID == request.homeCommunityID }
            )
            let document = try #require(community.documents.first { $0.uniqueID == request.documentUniqueID })
            let path =
                directory + "/" + request.documentUniqueID.rawValue + "." + MIMEFileExtension.of(document.mimeType)
            let written = try #require(
                outcome.written.first { $0.document.documentUniqueID == request.documentUniqueID }
            )
            #expect(written.path == path)
            let bytes = try #require(FileManager.default.contents(atPath: path))
            #expect([UInt8](bytes) == (try await document.content.collect()))
            #expect(written.size == document.content.size)
        }
        // Only whole documents are left in the directory.
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(names.count == requests.count)
        #expect(!names.contains { $0.hasPrefix(".") })
    }

    @Test("Every approved document of 999 000 0018 in three communities through the gateway, byte-identical")
    func throughGateway() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let requests = requests()
        #expect(Set(requests.compactMap(\.homeCommunityID)).count == 3)
        try await ClientHarness.with { harness in
            let outcome = try await harness.withGatewayClient { client in
                try await client.retrieve(requests, into: directory)
            }
            try await expectIdentical(outcome, requests, in: directory)
        }
    }

    @Test("Straight from one fixture community, byte-identical")
    func atCommunity() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let south = try FixtureExpectations.community("south-west-imaging")
        let requests = requests().filter { $0.homeCommunityID == south.homeCommunityID }
        try await ClientHarness.with([.fixture("south-west-imaging")], gateway: false) { harness in
            let outcome = try await harness.withCommunityClient("south-west-imaging") { client in
                try await client.retrieve(requests, into: directory)
            }
            try await expectIdentical(outcome, requests, in: directory)
        }
    }

    @Test("An unknown document next to a known one: PartialSuccess, the error and the missing document reported")
    func unknownDocument() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let known = try #require(requests().first)
        let unknown = DocumentRequest(
            homeCommunityID: known.homeCommunityID,
            repositoryUniqueID: known.repositoryUniqueID,
            documentUniqueID: DocumentUniqueID(rawValue: "1.2.826.0.1.3680043.10.424242")
        )
        try await ClientHarness.with { harness in
            let outcome = try await harness.withGatewayClient { client in
                try await client.retrieve([known, unknown], into: directory)
            }
            #expect(outcome.status == .partialSuccess)
            #expect(outcome.written.map(\.document.documentUniqueID) == [known.documentUniqueID])
            #expect(outcome.notReceived == [unknown])
            #expect(outcome.errors.contains { $0.code == .documentUniqueIDError })
        }
    }

    @Test("A malformed request is refused before any connection")
    func refused() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let known = try #require(requests().first)
        let bad = [
            DocumentRequest(
                homeCommunityID: nil,
                repositoryUniqueID: known.repositoryUniqueID,
                documentUniqueID: known.documentUniqueID
            ),
            DocumentRequest(
                homeCommunityID: known.homeCommunityID,
                repositoryUniqueID: RepositoryUniqueID("x"),
                documentUniqueID: known.documentUniqueID
            ),
            DocumentRequest(
                homeCommunityID: known.homeCommunityID,
                repositoryUniqueID: known.repositoryUniqueID,
                documentUniqueID: DocumentUniqueID("1.02")
            ),
        ]
        try await ClientHarness.with { harness in
            try await harness.withGatewayClient { client in
                for request in bad {
                    let error = await #expect(throws: XCAClientError.self) {
                        try await client.retrieve([request], into: directory)
                    }
                    #expect(error?.code == .invalidInput)
                }
                let none = await #expect(throws: XCAClientError.self) { try await client.retrieve([], into: directory) }
                #expect(none?.code == .invalidInput)
            }
            #expect(harness.gatewayStatistics?.snapshot.accepted == 0)
        }
        #expect(!FileManager.default.fileExists(atPath: directory))
    }
}
