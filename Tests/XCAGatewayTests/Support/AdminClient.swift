import AsyncHTTPClient
import Foundation
import NIOCore

/// Plain HTTP GETs to the admin listener.
enum AdminClient {
    static func get(_ url: String) async throws -> (status: Int, body: String, contentType: String?) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 4 << 20)
        return (Int(response.status.code), String(buffer: body), response.headers.first(name: "content-type"))
    }

    static func post(_ url: String) async throws -> (status: Int, allow: String?) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: "x"))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), response.headers.first(name: "allow"))
    }

    /// The scrape of `/metrics`, parsed.
    static func scrape(_ adminURL: String?) async throws -> (PrometheusExposition, String) {
        guard let adminURL else { throw PrometheusExposition.ParseError(line: "no admin listener") }
        let (status, body, _) = try await get(adminURL + "/metrics")
        guard status == 200 else { throw PrometheusExposition.ParseError(line: "HTTP \(status)") }
        return (try PrometheusExposition(body), body)
    }

    /// `/health/ready`: the status and the decoded checks by name.
    static func ready(_ adminURL: String?) async throws -> (status: Int, ready: Bool?, checks: [String: [String: Any]]) {
        guard let adminURL else { throw PrometheusExposition.ParseError(line: "no admin listener") }
        let (status, body, _) = try await get(adminURL + "/health/ready")
        let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        var checks: [String: [String: Any]] = [:]
        for check in json?["checks"] as? [[String: Any]] ?? [] {
            if let name = check["name"] as? String { checks[name] = check }
        }
        return (status, json?["ready"] as? Bool, checks)
    }
}
