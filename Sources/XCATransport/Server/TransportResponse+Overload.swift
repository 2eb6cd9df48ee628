import HTTPTypes
import NIOCore
import NIOHTTP1

extension TransportResponse {
    /// The answer to a request shed because `maxConcurrentRequests` were being handled: `503 Service Unavailable`
    /// with `Retry-After: 1`. A POST carrying SOAP 1.2 (`application/soap+xml`) or MTOM (`multipart/related`, as
    /// ITI TF-2 V.3.6 sends SOAP with attachments) gets a SOAP 1.2 Receiver fault its SOAP stack can read (SOAP 1.2
    /// Part 1 §5.4.6: the fault is the receiver's, the same message may succeed later); anything else a line of text.
    ///
    /// The body was not read, so the fault cannot carry wsa:RelatesTo; it carries the WS-Addressing fault action
    /// (WS-Addressing 1.0 SOAP Binding §6).
    static func overloaded(answering head: HTTPRequestHead) -> TransportResponse {
        var headers = HTTPFields()
        headers[.retryAfter] = "1"
        if head.method == .POST, head.carriesSOAP {
            headers[.contentType] = "application/soap+xml; charset=UTF-8; action=\"\(Self.soapFaultAction)\""
            return TransportResponse(status: .serviceUnavailable, headerFields: headers, body: .bytes(Self.overloadFault))
        }
        headers[.contentType] = "text/plain; charset=utf-8"
        return TransportResponse(status: .serviceUnavailable, headerFields: headers, body: .bytes(Self.overloadText))
    }

    private static let soapFaultAction = "http://www.w3.org/2005/08/addressing/soap/fault"

    private static let overloadText = ByteBuffer(string: "the server is at its concurrent request limit; retry later\n")

    private static let overloadFault = ByteBuffer(
        string: """
            <?xml version="1.0" encoding="UTF-8"?>\
            <env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" \
            xmlns:wsa="http://www.w3.org/2005/08/addressing">\
            <env:Header><wsa:Action>\(soapFaultAction)</wsa:Action></env:Header>\
            <env:Body><env:Fault>\
            <env:Code><env:Value>env:Receiver</env:Value></env:Code>\
            <env:Reason><env:Text xml:lang="en">the gateway is at its concurrent request limit; retry later\
            </env:Text></env:Reason>\
            </env:Fault></env:Body></env:Envelope>
            """
    )
}

extension HTTPRequestHead {
    /// Whether the Content-Type is SOAP 1.2 or an MTOM/XOP package (`multipart/related`).
    var carriesSOAP: Bool {
        guard let type = headers.first(name: "content-type")?.lowercased() else { return false }
        return type.hasPrefix("application/soap+xml") || type.hasPrefix("multipart/related")
    }

    /// Whether a body the server will not read is cheap enough to read and discard so that the connection can
    /// serve the caller's next request: no body, or a declared Content-Length of at most `maxBytes`. A chunked or
    /// larger body is not drained; the connection is closed after the answer instead.
    func bodyIsDrainable(upTo maxBytes: Int) -> Bool {
        if headers.contains(name: "transfer-encoding") { return false }
        guard let declared = headers.first(name: "content-length") else { return true }
        guard let length = Int(declared) else { return false }
        return length <= maxBytes
    }
}
