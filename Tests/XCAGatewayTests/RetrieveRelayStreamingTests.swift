import Foundation
import NIOCore
import Testing
import XCABinding
import XCAFixtures
import XCAModel
import XCASOAP

@testable import XCAGateway

/// Phase 2 as a stream: failures mid-stream, missing and unexpected parts, spooling, back-pressure.
@Suite("Retrieve relay: streaming")
struct RetrieveRelayStreamingTests {
    typealias F = RelayFixtures
    static let home = HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.3680043.10.88")

    static func composer(_ transaction: Transaction = .iti39) throws -> RetrieveResponseComposer {
        RetrieveResponseComposer(
            transaction: transaction,
            requestHeader: .request(
                action: transaction.requestAction,
                messageID: "urn:uuid:00000000-0000-4000-8000-00000000000a"
            ),
            naming: try RetrieveRelayNaming(
                multipart: MultipartWriter(boundary: "streaming-test-boundary"),
                rootContentID: ContentID("root@streaming"),
                messageID: "urn:uuid:00000000-0000-4000-8000-00000000000b",
                contentIDToken: "s"
            )
        )
    }

    /// An answer whose root names `named` and which carries `carried`.
    static func answer(named: [String], carried: [(String, [UInt8])]) throws -> LegAnswer {
        let documents = named.enumerated().map { index, contentID in
            DocumentResponse(
                homeCommunityID: home,
                repositoryUniqueID: RepositoryUniqueID(rawValue: "1.2.826.0.1.3680043.10.88.1"),
                documentUniqueID: DocumentUniqueID(rawValue: "1.2.826.0.1.3680043.10.88.2.\(index + 1)"),
                mimeType: "application/octet-stream",
                content: .attachment(contentID: contentID)
            )
        }
        return try F.mtomAnswer(
            community: home,
            response: RetrieveDocumentSetResponse(documents: documents, errors: []),
            attachments: carried
        )
    }

    static func bytes(_ seed: Int, _ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: ($0 &+ seed) &* 2_654_435_761 >> 13) }
    }

    @Test func aLegFailingAfterItsRootFailsTheWrite() async throws {
        let north = try F.community("north-imaging")
        let (answer, _) = try await F.iti39(north, count: 3)
        // The root part comes in the first few pieces; the failure comes well after it.
        let pieces = answer.body().chunks.count
        let leg = try await answer.open(failAfter: pieces - 2)
        let composed = try Self.composer().compose(legs: [leg], errors: [])
        var written = 0
        await #expect(throws: FakeTransportFailure()) {
            try await composed.write { written += $0.readableBytes }
        }
        #expect(written > composed.rootEnvelope.count)
    }

    @Test func aLegEndingEarlyIsTruncated() async throws {
        let north = try F.community("north-imaging")
        var (answer, _) = try await F.iti39(north, count: 3)
        answer.bytes.removeLast(200)
        let leg = try await answer.open()
        let composed = try Self.composer().compose(legs: [leg], errors: [])
        await #expect(throws: RetrieveRelayError(.truncated, "")) { try await composed.write { _ in } }
    }

    @Test func aPartTheRootNamedButNeverCameFailsTheWrite() async throws {
        let answer = try Self.answer(named: ["a@x", "b@x"], carried: [("a@x", Self.bytes(1, 5_000))])
        let leg = try await answer.open()
        let composed = try Self.composer().compose(legs: [leg], errors: [])
        let error = await #expect(throws: RetrieveRelayError(.missingAttachment, "")) {
            try await composed.write { _ in }
        }
        // During the relay the error names the leg's community and the part.
        #expect(error?.message.contains(Self.home.rawValue) == true)
        #expect(error?.message.contains("b@x") == true)
    }

    @Test func aPartTheRootDoesNotNameIsSkippedOrRefused() async throws {
        let answer = try Self.answer(
            named: ["a@x"],
            carried: [("extra@x", Self.bytes(2, 70_000)), ("a@x", Self.bytes(3, 9_000))]
        )
        let package = try await F.relay(Self.composer().compose(legs: [try await answer.open()], errors: []))
        #expect(package.message.attachments.count == 1)
        let document = try #require(package.response.documents.first)
        #expect(try package.documentBytes(document) == Self.bytes(3, 9_000))

        let refusing = try await answer.open(limits: RetrieveRelayLimits(unreferencedAttachments: .refuse))
        let composed = try Self.composer().compose(legs: [refusing], errors: [])
        await #expect(throws: RetrieveRelayError(.unexpectedAttachment, "")) { try await composed.write { _ in } }
    }

    @Test func aSpooledLegReleasesTheConnectionAndRelaysTheSameBytes() async throws {
        let directory = try F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let north = try F.community("north-imaging")
        let southWest = try F.community("south-west-imaging")
        let (northAnswer, northExpected) = try await F.rad75(north, count: 4)
        let (southAnswer, southExpected) = try await F.rad75(southWest, count: 3)

        let live = [try await northAnswer.open(), try await southAnswer.open()]
        let expectedBytes = try await F.relay(Self.composer(.rad75).compose(legs: live, errors: [])).bytes

        let probes = [BodyProbe(), BodyProbe()]
        var spooled: [OpenedRetrieveLeg] = []
        for (answer, probe) in zip([northAnswer, southAnswer], probes) {
            let leg = try await answer.open(spoolDirectory: directory.path, probe: probe)
            // Fully consumed before open returned, and nothing left in the directory.
            #expect(probe.snapshot.ended)
            #expect(probe.snapshot.bytes == answer.bytes.count)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
            #expect(leg.isSpooled)
            spooled.append(leg)
        }
        #expect(spooled[0].spooledBytes == northExpected.values.reduce(0) { $0 + $1.count })
        let package = try await F.relay(Self.composer(.rad75).compose(legs: spooled, errors: []))
        #expect(package.bytes == expectedBytes)
        #expect(package.response.documents.count == northExpected.count + southExpected.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func spoolingFindsMissingAndUnexpectedPartsAtOpen() async throws {
        let directory = try F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = try Self.answer(named: ["a@x", "b@x"], carried: [("b@x", Self.bytes(4, 100))])
        await #expect(throws: RetrieveRelayError(.missingAttachment, "")) {
            _ = try await missing.open(spoolDirectory: directory.path)
        }
        let extra = try Self.answer(named: ["a@x"], carried: [("a@x", Self.bytes(5, 100)), ("z@x", [1])])
        await #expect(throws: RetrieveRelayError(.unexpectedAttachment, "")) {
            _ = try await extra.open(
                limits: RetrieveRelayLimits(unreferencedAttachments: .refuse),
                spoolDirectory: directory.path
            )
        }
        let leg = try await extra.open(spoolDirectory: directory.path)
        #expect(leg.spooledBytes == 100)
        await #expect(throws: RetrieveRelayError(.tooLarge, "")) {
            _ = try await extra.open(limits: RetrieveRelayLimits(maxSpoolBytes: 99), spoolDirectory: directory.path)
        }
        await #expect(throws: RetrieveRelayError(.spool, "")) {
            _ = try await extra.open(spoolDirectory: directory.appendingPathComponent("absent").path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func aLegIsReadOnlyAsFastAsTheSinkAccepts() async throws {
        let parts = (0..<4).map { ("p\($0)@x", Self.bytes($0, 300_000)) }
        let answer = try Self.answer(named: parts.map(\.0), carried: parts)
        let probe = BodyProbe()
        let pieceSize = 8_192
        let leg = try await answer.open(pieceSize: pieceSize, probe: probe)
        let composed = try Self.composer().compose(legs: [leg], errors: [])
        var written = 0
        var largestLead = 0
        var writes = 0
        try await composed.write { chunk in
            // What the community has handed out never runs more than a couple of pieces ahead of the socket.
            written += chunk.readableBytes
            writes += 1
            largestLead = max(largestLead, probe.snapshot.bytes - written)
        }
        #expect(probe.snapshot.ended)
        #expect(largestLead < 3 * pieceSize, "the relay read \(largestLead) bytes ahead of the sink")
        // Chunks are forwarded as they come: about one write per piece, not one per byte or one per part.
        #expect(writes >= 4 * 300_000 / pieceSize)
        #expect(writes <= probe.snapshot.chunks + 8)
    }
}
