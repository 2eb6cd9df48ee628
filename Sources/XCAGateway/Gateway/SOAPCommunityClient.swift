import HTTPTypes
import NIOCore
import XCASOAP
import XCATransport

/// Sends SOAP 1.2 requests to communities over the shared pooled mTLS client (ITI TF-2 Appendix V: the action is
/// repeated in the Content-Type's `action` parameter).
package struct SOAPCommunityClient: Sendable {
    package let http: CommunityHTTPClient

    package init(http: CommunityHTTPClient) {
        self.http = http
    }

    /// POSTs `envelope` to `url` and returns once the response head has arrived; the body streams after, under
    /// the same `deadline`.
    package func send(
        _ envelope: [UInt8],
        action: String,
        to url: String,
        tls: CommunityTLS,
        deadline: ContinuousClock.Instant
    ) async throws -> CommunityHTTPResponse {
        var headers = HTTPFields()
        headers[.contentType] = (try? MIMEContentType.soap12(action: action).description) ?? "application/soap+xml"
        headers[.accept] = "application/soap+xml, multipart/related"
        let request = CommunityHTTPRequest(method: .post, url: url, headerFields: headers, body: ByteBuffer(bytes: envelope))
        return try await http.execute(request, tls: tls, deadline: deadline)
    }

    /// Throws unless the answer can carry a SOAP message: HTTP 200, or 400/500 (SOAP 1.2 faults, SOAP 1.2 Part 2
    /// §7.5.1.2), with a SOAP 1.2 or MTOM Content-Type. The one check for queries and retrieves alike: a status
    /// without a SOAP message is ``GatewayError/Code/httpStatus`` (the community did not answer), a 200 that is
    /// not SOAP is ``GatewayError/Code/notSOAP`` (it answered something unreadable).
    package static func requireSOAPAnswer(_ response: CommunityHTTPResponse) throws(GatewayError) {
        guard [200, 400, 500].contains(response.status.code) else {
            throw GatewayError(.httpStatus, "answered HTTP \(response.status.code)")
        }
        let isSOAP = (try? MIMEContentType(parsing: response.headerFields[.contentType] ?? ""))
            .map { (try? SOAPMessageFormat(contentType: $0)) != nil } ?? false
        guard isSOAP else {
            throw GatewayError(
                response.status.code == 200 ? .notSOAP : .httpStatus,
                "answered HTTP \(response.status.code) without a SOAP message"
            )
        }
    }
}
