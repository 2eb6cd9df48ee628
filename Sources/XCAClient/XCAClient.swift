import Foundation
import HTTPTypes
import NIOCore
import XCASOAP
import XCATransport

/// A consumer of any XCA / XCA-I gateway (this project's or another's) over mutual TLS: ITI-38 queries, ITI-39
/// retrieves written to files, and the imaging viewer's path — FindDocuments → the XDS-I.b manifests (KOS) by
/// ITI-39 → RAD-75 → DICOM Part-10 files — streamed to disk in bounded memory.
///
/// Input is checked before anything is sent (a bad NHS number or UID never reaches the network). Every failure is
/// an ``XCAClientError``; RegistryErrors in answers are part of the outcomes, not thrown.
///
///     try await XCAClient.with(configuration) { client in
///         let outcome = try await client.query(DocumentQuery(.findDocuments, patient: nhsNumber))
///         for row in outcome.rows { print(row.title ?? "") }
///     }
public final class XCAClient: Sendable {
    public let configuration: XCAClientConfiguration
    let http: CommunityHTTPClient
    let tls: CommunityTLS

    /// Reads the identity's PEM files (``XCAClientError/Code/tlsConfiguration`` when they cannot be used). Call
    /// ``shutdown()`` when done, or use ``with(_:_:)``.
    public init(_ configuration: XCAClientConfiguration) throws(XCAClientError) {
        let identity = configuration.identity
        for (role, path) in [("client certificate", identity.certificate), ("client private key", identity.privateKey)]
            + identity.trustAnchors.map({ ("trusted CA", $0) })
        where !FileManager.default.isReadableFile(atPath: path) {
            throw XCAClientError(
                .tlsConfiguration,
                FileManager.default.fileExists(atPath: path)
                    ? "\(role): cannot read \(path)" : "\(role): no such file \(path)"
            )
        }
        guard !identity.trustAnchors.isEmpty else {
            throw XCAClientError(.tlsConfiguration, "at least one trusted CA is required for the gateway's certificate")
        }
        do {
            tls = try CommunityTLS(
                certificateChain: .file(identity.certificate),
                privateKey: .file(identity.privateKey),
                trustAnchors: identity.trustAnchors.map { .file($0) }
            )
        } catch {
            let reason = (error as? TransportError)?.message ?? "\(type(of: error))"
            throw XCAClientError(
                .tlsConfiguration,
                "the client identity cannot be used: \(reason.replacingOccurrences(of: "community ", with: ""))"
            )
        }
        self.configuration = configuration
        self.http = CommunityHTTPClient(
            configuration: .init(connectTimeout: min(configuration.timeout, .seconds(10)), maxConnectionsPerEndpoint: 4)
        )
    }

    /// Runs `body` with a client and shuts it down afterwards, also when `body` throws.
    public static func with<Result: Sendable>(
        _ configuration: XCAClientConfiguration,
        _ body: (XCAClient) async throws -> Result
    ) async throws -> Result {
        let client = try XCAClient(configuration)
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// Closes the pooled connections. Calls after it fail.
    public func shutdown() async {
        try? await http.shutdown()
    }

    /// POSTs a SOAP 1.2 request (ITI TF-2 Appendix V: the action repeated in the Content-Type) and returns at the
    /// answer's head; the body streams after, under the same deadline.
    func post(
        _ envelope: [UInt8],
        action: String,
        to url: String,
        deadline: ContinuousClock.Instant
    ) async throws -> CommunityHTTPResponse {
        var headers = HTTPFields()
        headers[.contentType] = (try? MIMEContentType.soap12(action: action).description) ?? "application/soap+xml"
        headers[.accept] = "application/soap+xml, multipart/related"
        return try await http.execute(
            CommunityHTTPRequest(method: .post, url: url, headerFields: headers, body: ByteBuffer(bytes: envelope)),
            tls: tls,
            deadline: deadline
        )
    }

    /// The SOAP 1.2 or MTOM Content-Type of an answer that can carry a SOAP message (HTTP 200, or a fault on
    /// 400/500 — SOAP 1.2 Part 2 §7.5.1.2); anything else is ``XCAClientError/Code/httpStatus`` (a status without
    /// SOAP) or ``XCAClientError/Code/malformedAnswer`` (a 200 that is not SOAP).
    static func soapContentType(
        of answer: CommunityHTTPResponse,
        host: String
    ) throws(XCAClientError) -> MIMEContentType {
        let status = answer.status.code
        let type = try? MIMEContentType(parsing: answer.headerFields[.contentType] ?? "")
        guard [200, 400, 500].contains(status), let type, (try? SOAPMessageFormat(contentType: type)) != nil else {
            if status == 200 {
                throw XCAClientError(.malformedAnswer, "\(host) answered HTTP 200 without a SOAP message")
            }
            let phrase = answer.status.reasonPhrase.isEmpty ? "" : " \(answer.status.reasonPhrase)"
            throw XCAClientError(.httpStatus, "\(host) answered HTTP \(status)\(phrase) without a SOAP message")
        }
        return type
    }

    /// `host:port` of a URL, for messages (never the path or query).
    static func host(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        return String(url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" })
    }
}
