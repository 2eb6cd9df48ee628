import Foundation
import NIOCore
import Synchronization
import XCABinding
import XCAFixtures
import XCAModel
import XCASOAP

@testable import XCAGateway

/// An error a test body sequence throws.
struct FakeTransportFailure: Error, Equatable {}

/// What a test body sequence has handed out: chunks, bytes, whether it reached its end.
final class BodyProbe: Sendable {
    struct State {
        var chunks = 0
        var bytes = 0
        var ended = false
    }

    private let state = Mutex(State())

    var snapshot: State { state.withLock { $0 } }

    func pulled(_ chunk: ByteBuffer?) {
        state.withLock { state in
            if let chunk {
                state.chunks += 1
                state.bytes += chunk.readableBytes
            } else {
                state.ended = true
            }
        }
    }
}

/// A community's answer body in memory, as the HTTP client would stream it: `chunks` in order, then the end — or,
/// with `failAfter`, FakeTransportFailure once that many chunks have been handed out.
struct ChunkSequence: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    typealias Failure = any Error

    let chunks: [ByteBuffer]
    var failAfter: Int?
    var probe: BodyProbe?

    init(_ chunks: [ByteBuffer], failAfter: Int? = nil, probe: BodyProbe? = nil) {
        self.chunks = chunks
        self.failAfter = failAfter
        self.probe = probe
    }

    /// `bytes` cut into pieces of `pieceSize`.
    init(bytes: [UInt8], pieceSize: Int, failAfter: Int? = nil, probe: BodyProbe? = nil) {
        var pieces: [ByteBuffer] = []
        var offset = 0
        while offset < bytes.count {
            let end = Swift.min(offset + pieceSize, bytes.count)
            pieces.append(ByteBuffer(bytes: bytes[offset..<end]))
            offset = end
        }
        self.init(pieces, failAfter: failAfter, probe: probe)
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let sequence: ChunkSequence
        var index = 0

        mutating func next() async throws -> ByteBuffer? {
            if let failAfter = sequence.failAfter, index >= failAfter { throw FakeTransportFailure() }
            guard index < sequence.chunks.count else {
                sequence.probe?.pulled(nil)
                return nil
            }
            defer { index += 1 }
            sequence.probe?.pulled(sequence.chunks[index])
            return sequence.chunks[index]
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(sequence: self) }
}

/// A community's answer as the relay receives it.
struct LegAnswer: Sendable {
    var community: HomeCommunityID
    var status: Int
    var contentType: String
    var bytes: [UInt8]

    func body(pieceSize: Int = 1_009, failAfter: Int? = nil, probe: BodyProbe? = nil) -> ChunkSequence {
        ChunkSequence(bytes: bytes, pieceSize: pieceSize, failAfter: failAfter, probe: probe)
    }

    func open(
        limits: RetrieveRelayLimits = .default,
        spoolDirectory: String? = nil,
        pieceSize: Int = 1_009,
        failAfter: Int? = nil,
        probe: BodyProbe? = nil
    ) async throws -> OpenedRetrieveLeg {
        try await RetrieveLegReader.open(
            community: community,
            status: status,
            contentType: contentType,
            body: body(pieceSize: pieceSize, failAfter: failAfter, probe: probe),
            limits: limits,
            spoolDirectory: spoolDirectory
        )
    }
}

/// A merged package parsed back: its envelope header, response and attachments.
struct ParsedPackage {
    var bytes: [UInt8]
    var message: MTOMMessage
    var header: SOAPEnvelopeHeader?
    var response: RetrieveDocumentSetResponse

    /// The bytes of the attachment a document names.
    func documentBytes(_ document: DocumentResponse) throws -> [UInt8] {
        guard case .attachment(let value) = document.content else { return [] }
        let attachment = try message.attachment(for: XOPInclude(contentID: ContentID(value)))
        return Array(attachment.body.readableBytesView)
    }

    func attachment(_ document: DocumentResponse) throws -> MTOMAttachment? {
        guard case .attachment(let value) = document.content else { return nil }
        return try message.attachment(for: XOPInclude(contentID: ContentID(value)))
    }
}

enum RelayFixtures {
    static let federation = FixtureFederation.builtIn()

    static func community(_ name: String) throws -> FixtureCommunity {
        guard let community = federation.community(named: name) else {
            throw FakeTransportFailure()
        }
        return community
    }

    /// The request as a Responding Gateway decodes it.
    static func decoded(_ envelope: [UInt8]) throws -> DecodedRequest {
        try RequestDecoder().decode(envelope)
    }

    /// ITI-39 for the first `count` documents of `community`, answered by its fixture Responding Gateway.
    static func iti39(
        _ community: FixtureCommunity,
        count: Int,
        extra: [DocumentRequest] = []
    ) async throws
        -> (answer: LegAnswer, expected: [String: [UInt8]])
    {
        let documents = Array(community.documents.prefix(count))
        let request = RetrieveDocumentSetRequest(
            documents: documents.map {
                DocumentRequest(
                    homeCommunityID: community.homeCommunityID,
                    repositoryUniqueID: $0.repositoryUniqueID,
                    documentUniqueID: $0.uniqueID
                )
            } + extra
        )
        let envelope = try request.encode(addressing: .request(action: Transaction.iti39.requestAction))
        var expected: [String: [UInt8]] = [:]
        for document in documents { expected[document.uniqueID.rawValue] = try await document.content.collect() }
        return (try await answer(community, to: decoded(envelope)), expected)
    }

    /// RAD-75 for up to `count` instances of the first study of `community` with several instances.
    static func rad75(
        _ community: FixtureCommunity,
        count: Int
    ) async throws
        -> (answer: LegAnswer, expected: [String: [UInt8]])
    {
        let byStudy = Dictionary(grouping: community.instances, by: \.studyInstanceUID)
        guard
            let study = byStudy.keys.sorted(by: { $0.rawValue < $1.rawValue }).first(where: {
                (byStudy[$0]?.count ?? 0) >= 2
            }),
            let instances = byStudy[study]?.prefix(count)
        else { throw FakeTransportFailure() }
        var syntaxes: [TransferSyntaxUID] = [.explicitVRLittleEndian, .implicitVRLittleEndian]
        for instance in instances {
            for syntax in instance.renditions.keys.sorted(by: { $0.rawValue < $1.rawValue })
            where !syntaxes.contains(syntax) {
                syntaxes.append(syntax)
            }
        }
        let bySeries = Dictionary(grouping: instances, by: \.seriesInstanceUID)
        let request = RetrieveImagingDocumentSetRequest(
            studies: [
                StudyRequest(
                    studyInstanceUID: study,
                    series: bySeries.keys.sorted(by: { $0.rawValue < $1.rawValue }).map { series in
                        SeriesRequest(
                            seriesInstanceUID: series,
                            documents: (bySeries[series] ?? []).map {
                                DocumentRequest(
                                    homeCommunityID: community.homeCommunityID,
                                    repositoryUniqueID: $0.repositoryUniqueID,
                                    documentUniqueID: DocumentUniqueID(rawValue: $0.sopInstanceUID.rawValue)
                                )
                            }
                        )
                    }
                )
            ],
            transferSyntaxUIDs: syntaxes
        )
        let envelope = try request.encode(addressing: .request(action: Transaction.rad75.requestAction))
        var expected: [String: [UInt8]] = [:]
        for instance in instances {
            if let content = syntaxes.lazy.compactMap({ instance.renditions[$0] }).first {
                expected[instance.sopInstanceUID.rawValue] = try await content.collect()
            }
        }
        return (try await answer(community, to: decoded(envelope)), expected)
    }

    /// The fixture Responding Gateway's answer to `request`, written out.
    static func answer(_ community: FixtureCommunity, to request: DecodedRequest) async throws -> LegAnswer {
        let reply = FixtureResponder(community: community).respond(to: request)
        var bytes: [UInt8] = []
        try await reply.write(chunkSize: 4_096) { bytes += $0.readableBytesView }
        return LegAnswer(
            community: community.homeCommunityID,
            status: reply.httpStatus,
            contentType: reply.contentType.description,
            bytes: bytes
        )
    }

    /// A hand-made MTOM answer: `response`'s envelope as root, then `attachments` (Content-ID, bytes) in order.
    static func mtomAnswer(
        community: HomeCommunityID,
        response: RetrieveDocumentSetResponse,
        attachments: [(String, [UInt8])]
    ) throws -> LegAnswer {
        let action = Transaction.iti39.responseAction
        let envelope = try response.encode(addressing: AddressingHeaders(action: action, relatesTo: ["urn:uuid:x"]))
        let writer = try MTOMWriter(action: action)
        let package = writer.message(
            root: ByteBuffer(bytes: envelope),
            attachments: try attachments.map {
                MTOMAttachment(contentID: try ContentID($0.0), contentType: .octetStream, body: ByteBuffer(bytes: $0.1))
            }
        )
        return LegAnswer(
            community: community,
            status: 200,
            contentType: writer.contentType.description,
            bytes: Array(package.readableBytesView)
        )
    }

    /// A plain SOAP 1.2 answer carrying `response`.
    static func plainAnswer(community: HomeCommunityID, response: RetrieveDocumentSetResponse) throws -> LegAnswer {
        let action = Transaction.iti39.responseAction
        let envelope = try response.encode(addressing: AddressingHeaders(action: action, relatesTo: ["urn:uuid:x"]))
        return LegAnswer(
            community: community,
            status: 200,
            contentType: try MIMEContentType.soap12(action: action).description,
            bytes: envelope
        )
    }

    /// Writes `composed` into memory and parses it back.
    static func relay(_ composed: ComposedRetrieveResponse) async throws -> ParsedPackage {
        var bytes: [UInt8] = []
        try await composed.write { bytes += $0.readableBytesView }
        return try await parse(bytes, contentType: composed.contentType)
    }

    static func parse(_ bytes: [UInt8], contentType: String) async throws -> ParsedPackage {
        let message = try await MTOMMessage.read(
            contentType: MIMEContentType(parsing: contentType),
            body: ByteBuffer(bytes: bytes),
            maxAttachmentBytes: 1 << 30
        )
        let (header, response) = try RetrieveDocumentSetResponse.decode(message.root.body)
        return ParsedPackage(bytes: bytes, message: message, header: header, response: response)
    }

    /// Writes a merged package for the conformance validators when `XCA_CONFORMANCE_OUT` is set (an MTOM body
    /// starting with its boundary, as the fixture server tests write theirs).
    static func conformanceOutput(name: String, bytes: [UInt8]) throws {
        guard let directory = ProcessInfo.processInfo.environment["XCA_CONFORMANCE_OUT"], !directory.isEmpty else {
            return
        }
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: folder.appendingPathComponent("gateway-relay-" + name), options: .atomic)
    }

    /// A fresh empty directory for spool files.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xca-relay-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
