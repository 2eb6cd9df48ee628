import HTTPTypes
import Logging
import NIOCore
import XCABinding
import XCAFixtures
import XCAModel
import XCASOAP
import XCATransport

/// Turns one HTTP request into a fixture reply: routing, SOAP framing (plain or MTOM request), decoding, the
/// responder, then the injected delay and fault. Nothing about the request's content is logged.
struct FixtureRequestHandler: Sendable {
    let responder: FixtureResponder
    let planner: FaultInjection.Planner
    let maxBodyBytes: Int
    let logger: Logger
    /// Awaited before each SOAP request is answered (tests hold requests in flight with it).
    var hold: (any FixtureRequestHold)? = nil
    let decoder = RequestDecoder()

    /// How long `hang` holds a request before giving up on the client (it normally gives up first).
    static let hangLimit = Duration.seconds(600)
    /// `slow-drip`: bytes per write and the pause between writes.
    static let dripBytes = 256
    static let dripPause = Duration.milliseconds(20)

    func handle(_ request: TransportRequest) async throws -> TransportResponse {
        switch (request.method, request.path) {
        case (.get, "/"), (.head, "/"):
            return .text(.ok, "fixture Responding Gateway \(responder.community.name) \(responder.homeCommunityID.rawValue)\n")
        case (_, GatewayEndpoint.xca.rawValue), (_, GatewayEndpoint.xcai.rawValue):
            guard request.method == .post else {
                var response = TransportResponse.text(.methodNotAllowed, "POST a SOAP 1.2 request\n")
                response.headerFields[.allow] = "POST"
                return response
            }
        default:
            return .text(.notFound, "no such endpoint: use /xca (ITI-38, ITI-39) or /xcai (RAD-75, RAD-69)\n")
        }
        let endpoint = GatewayEndpoint(rawValue: request.path)
        let body = try await request.body.collect(upTo: maxBodyBytes)
        if let hold { await hold.hold() }
        let decision = planner.next()
        let reply = await self.reply(to: request, body: body, endpoint: endpoint)
        if decision.delay > .zero {
            try await Task.sleep(for: decision.delay)
        }
        return try await respond(reply, fault: decision.fault)
    }

    private func reply(to request: TransportRequest, body: ByteBuffer, endpoint: GatewayEndpoint?) async -> FixtureReply {
        do {
            let contentType = request.headerFields[.contentType] ?? ""
            let mime = try MIMEContentType(parsing: contentType)
            let format = try SOAPMessageFormat(contentType: mime)
            let envelope: [UInt8]
            switch format {
            case .plain:
                envelope = Array(buffer: body)
            case .mtom:
                let message = try await MTOMMessage.read(contentType: mime, body: body, maxAttachmentBytes: maxBodyBytes)
                envelope = Array(buffer: message.root.body)
            }
            let decoded = try decoder.decode(envelope, at: endpoint)
            try SOAPMessageFormat.checkAction(SOAPMessageFormat.action(of: mime), matches: decoded.header.addressing)
            logger.debug(
                "fixture request",
                metadata: ["xca.community": "\(responder.community.name)", "xca.transaction": "\(decoded.transaction.rawValue)"]
            )
            return responder.respond(to: decoded)
        } catch {
            return .fault(for: error)
        }
    }

    private func respond(_ reply: FixtureReply, fault: FaultInjection.Fault?) async throws -> TransportResponse {
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType.description
        let status = HTTPResponse.Status(code: reply.httpStatus)
        switch fault {
        case nil:
            return TransportResponse(
                status: status,
                headerFields: headers,
                body: .stream(length: reply.contentLength) { writer in
                    try await reply.write { try await writer.write($0) }
                }
            )
        case .hang:
            try await Task.sleep(for: Self.hangLimit)
            throw CancellationError()
        case .reset:
            let cut = max(1, reply.contentLength / 2)
            return TransportResponse(
                status: status,
                headerFields: headers,
                body: .stream(length: reply.contentLength) { writer in
                    var sent = 0
                    try await reply.write(chunkSize: 16 * 1024) { chunk in
                        guard sent < cut else { throw InjectedReset() }
                        var chunk = chunk
                        let slice = chunk.readSlice(length: min(chunk.readableBytes, cut - sent)) ?? ByteBuffer()
                        sent += slice.readableBytes
                        try await writer.write(slice)
                    }
                    throw InjectedReset()
                }
            )
        case .garbage:
            headers[.contentType] = "application/soap+xml; charset=UTF-8"
            return TransportResponse(status: .ok, headerFields: headers, body: .bytes(ByteBuffer(bytes: Self.garbage)))
        case .http500:
            return .text(.internalServerError, "Internal Server Error (injected)\n")
        case .soapFault:
            let faultReply = FixtureReply.fault(.receiver("injected fault: the community is unable to answer"))
            headers[.contentType] = faultReply.contentType.description
            return TransportResponse(
                status: HTTPResponse.Status(code: faultReply.httpStatus),
                headerFields: headers,
                body: .stream(length: faultReply.contentLength) { writer in
                    try await faultReply.write { try await writer.write($0) }
                }
            )
        case .slowDrip:
            return TransportResponse(
                status: status,
                headerFields: headers,
                body: .stream(length: reply.contentLength) { writer in
                    try await reply.write(chunkSize: Self.dripBytes) { chunk in
                        var chunk = chunk
                        while let piece = chunk.readSlice(length: min(Self.dripBytes, chunk.readableBytes)), piece.readableBytes > 0 {
                            try await writer.write(piece)
                            try await Task.sleep(for: Self.dripPause)
                        }
                    }
                }
            )
        case .expiredCertificate:
            // A server identity, applied when the server is built; never drawn per request.
            return try await respond(reply, fault: nil)
        }
    }

    /// Neither XML nor SOAP: a NUL, binary noise, half a tag.
    static let garbage: [UInt8] = [0x00, 0xFF, 0xFE] + Array("\u{1}garbage, not SOAP <Envelope".utf8) + [0x80, 0x81]
}

/// The `reset` fault's way of dropping the connection mid-body.
struct InjectedReset: Error {}

extension TransportResponse {
    static func text(_ status: HTTPResponse.Status, _ text: String) -> TransportResponse {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return TransportResponse(status: status, headerFields: headers, body: .bytes(ByteBuffer(string: text)))
    }
}
