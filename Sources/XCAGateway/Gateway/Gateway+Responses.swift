import Foundation
import HTTPTypes
import Logging
import NIOCore
import XCAFederation
import XCASOAP
import XCATransport

extension TransportResponse {
    static func plainText(_ status: HTTPResponse.Status, _ text: String) -> TransportResponse {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return TransportResponse(status: status, headerFields: headers, body: .bytes(ByteBuffer(string: text)))
    }

    static func json(_ status: HTTPResponse.Status, _ data: Data) -> TransportResponse {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return TransportResponse(status: status, headerFields: headers, body: .bytes(ByteBuffer(bytes: data)))
    }

    /// A SOAP 1.2 message (`application/soap+xml; charset=UTF-8; action="…"`).
    static func soap(_ envelope: [UInt8], action: String) -> TransportResponse {
        TransportResponse(status: .ok, headerFields: soapHeaders(action: action), body: .bytes(ByteBuffer(bytes: envelope)))
    }

    /// A SOAP 1.2 message held as chunks (a merged response), sent in order with its exact Content-Length.
    static func soap(chunks: [[UInt8]], action: String) -> TransportResponse {
        let length = chunks.reduce(0) { $0 + $1.count }
        return TransportResponse(
            status: .ok,
            headerFields: soapHeaders(action: action),
            body: .stream(length: length) { writer in
                // Coalesce into writes of about 64 KiB: fewer syscalls and TLS records than one per small chunk.
                var pending = ByteBuffer()
                pending.reserveCapacity(min(length, 64 << 10))
                for chunk in chunks {
                    pending.writeBytes(chunk)
                    if pending.readableBytes >= 64 << 10 {
                        try await writer.write(pending)
                        pending = ByteBuffer()
                    }
                }
                if pending.readableBytes > 0 { try await writer.write(pending) }
            }
        )
    }

    /// A SOAP 1.2 Fault: HTTP 400 for Sender faults, 500 otherwise (SOAP 1.2 Part 2 §7.5.1.2).
    static func soapFault(_ fault: SOAPFault, relatesTo: String?) -> TransportResponse {
        TransportResponse(
            status: fault.code == .sender ? .badRequest : .internalServerError,
            headerFields: soapHeaders(action: fault.action),
            body: .bytes(ByteBuffer(bytes: SOAPEnvelopeWriter.write(fault, relatesTo: relatesTo)))
        )
    }

    /// The merged retrieve response as an MTOM package of unknown length (chunked), streamed from the legs. A
    /// failure mid-stream aborts the connection: the caller sees a truncated package, never a silently wrong one.
    static func relay(_ composed: ComposedRetrieveResponse, logger: Logger? = nil) -> TransportResponse {
        var headers = HTTPFields()
        headers[.contentType] = composed.contentType
        return TransportResponse(
            status: .ok,
            headerFields: headers,
            body: .stream(length: nil) { writer in
                do {
                    try await composed.write { try await writer.write($0) }
                } catch {
                    logger?.warning("retrieve relay aborted", metadata: ["xca.error.type": "\(type(of: error))"])
                    throw error
                }
            }
        )
    }

    private static func soapHeaders(action: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = (try? MIMEContentType.soap12(action: action).description) ?? "application/soap+xml; charset=UTF-8"
        return headers
    }
}

extension Gateway {
    /// `GET /status`: every community with its circuit state and in-flight legs — what an operator needs to see
    /// which communities are being skipped. No request data.
    func statusJSON() -> Data {
        struct Entry: Encodable {
            var name: String
            var homeCommunityId: String
            var enabled: Bool
            var circuit: String
            var inFlight: Int
        }
        struct Status: Encodable {
            var homeCommunityId: String
            var communities: [Entry]
        }
        let federation = self.federation
        let circuits = breakers.snapshot()
        let entries = federation.directory.communities.map { community in
            Entry(
                name: community.name,
                homeCommunityId: community.homeCommunityID.rawValue,
                enabled: community.isEnabled,
                circuit: Self.describe(circuits[community.homeCommunityID]),
                inFlight: limiter.inFlight(community.homeCommunityID)
            )
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(Status(homeCommunityId: federation.settings.homeCommunityID.rawValue, communities: entries))) ?? Data()
    }

    static func describe(_ state: CircuitBreaker.State?) -> String {
        switch state {
        case nil, .closed: "closed"
        case .open: "open"
        case .halfOpen: "half-open"
        }
    }
}
