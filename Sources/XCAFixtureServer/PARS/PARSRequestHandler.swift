import Foundation
import HTTPTypes
import NIOCore
import XCATransport

/// The fixture PARS's FHIR interactions: routing, the fault script, AuditEvent checks, storing, and FHIR answers
/// (OperationOutcome for every refusal). Nothing about the events is logged.
struct PARSRequestHandler: Sendable {
    let recorder: PARSFixtureRecorder
    let basePath: String
    let maxBodyBytes: Int

    func handle(_ request: TransportRequest) async throws -> TransportResponse {
        let path = String(request.path.prefix { $0 != "?" })
        guard path.hasPrefix(basePath) else { return Self.outcome(.notFound, code: "not-found", "no such endpoint") }
        let rest = path.dropFirst(basePath.count)
        switch (request.method, rest) {
        case (.get, ""), (.get, "/"), (.head, ""), (.head, "/"):
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; charset=utf-8"
            let text = "fixture PARS (FHIR R4 AuditEvent) at \(basePath.isEmpty ? "/" : basePath)\n"
            return TransportResponse(status: .ok, headerFields: headers, body: .bytes(ByteBuffer(string: text)))
        case (.post, ""), (.post, "/"):
            return try await fhir(request) { try batch($0) }
        case (.post, "/AuditEvent"):
            return try await fhir(request) { try single($0, urlID: nil) }
        case (.put, _) where rest.hasPrefix("/AuditEvent/") && rest.count > "/AuditEvent/".count:
            let id = String(rest.dropFirst("/AuditEvent/".count))
            return try await fhir(request) { try single($0, urlID: id) }
        case (_, _) where rest == "/AuditEvent" || rest.hasPrefix("/AuditEvent/"):
            return Self.outcome(.methodNotAllowed, code: "not-supported", "use POST [base]/AuditEvent or PUT [base]/AuditEvent/{id}")
        default:
            return Self.outcome(.notFound, code: "not-found", "no such endpoint")
        }
    }

    /// Reads the body, applies the unavailability script, then `body`.
    private func fhir(
        _ request: TransportRequest,
        _ body: ([UInt8]) throws -> TransportResponse
    ) async throws -> TransportResponse {
        let bytes = Array(buffer: try await request.body.collect(upTo: maxBodyBytes))
        if recorder.beginRequest() {
            var response = Self.outcome(.serviceUnavailable, code: "transient", "unavailable (fixture fault script)")
            if let seconds = recorder.faults.retryAfterSeconds { response.headerFields[.retryAfter] = "\(seconds)" }
            return response
        }
        return try body(bytes)
    }

    /// `POST [base]/AuditEvent` (urlID nil) or `PUT [base]/AuditEvent/{id}`.
    private func single(_ bytes: [UInt8], urlID: String?) throws -> TransportResponse {
        guard let resource = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            resource["resourceType"] as? String == "AuditEvent"
        else { return Self.outcome(.badRequest, code: "structure", "the body is not a FHIR AuditEvent") }
        let verdict = accept(resource, urlID: urlID, line: bytes.contains(UInt8(ascii: "\n")) ? nil : bytes)
        var headers = HTTPFields()
        headers[.contentType] = "application/fhir+json; charset=utf-8"
        if let location = verdict.location { headers[.location] = basePath + "/" + location }
        return TransportResponse(
            status: HTTPResponse.Status(code: verdict.status),
            headerFields: headers,
            body: .bytes(ByteBuffer(bytes: verdict.outcome.map(Self.json) ?? []))
        )
    }

    /// `POST [base]` with a batch Bundle: one verdict per entry, in order.
    private func batch(_ bytes: [UInt8]) throws -> TransportResponse {
        guard let bundle = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            bundle["resourceType"] as? String == "Bundle"
        else { return Self.outcome(.badRequest, code: "structure", "the body is not a FHIR Bundle") }
        guard bundle["type"] as? String == "batch" else {
            return Self.outcome(.badRequest, code: "not-supported", "only batch Bundles are processed")
        }
        var entries: [[String: Any]] = []
        for case let entry as [String: Any] in bundle["entry"] as? [Any] ?? [] {
            let request = entry["request"] as? [String: Any]
            let method = request?["method"] as? String
            let url = request?["url"] as? String ?? ""
            let verdict: Verdict
            if let resource = entry["resource"] as? [String: Any], resource["resourceType"] as? String == "AuditEvent",
                method == "PUT" && url.hasPrefix("AuditEvent/") || method == "POST" && url == "AuditEvent"
            {
                verdict = accept(resource, urlID: method == "PUT" ? String(url.dropFirst("AuditEvent/".count)) : nil, line: nil)
            } else {
                verdict = Verdict(status: 400, outcome: Self.operationOutcome(code: "structure", "each entry must PUT or POST an AuditEvent"))
            }
            var response: [String: Any] = ["status": Self.statusLine(verdict.status)]
            if let location = verdict.location { response["location"] = location }
            if let outcome = verdict.outcome { response["outcome"] = outcome }
            entries.append(["response": response])
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/fhir+json; charset=utf-8"
        let answer: [String: Any] = ["resourceType": "Bundle", "type": "batch-response", "entry": entries]
        return TransportResponse(status: .ok, headerFields: headers, body: .bytes(ByteBuffer(bytes: Self.json(answer))))
    }

    private struct Verdict {
        var status: Int
        var outcome: [String: Any]?
        var location: String?
    }

    /// Checks, applies the rejection script, stores. `line` is the JSON to store verbatim (nil: re-serialised).
    private func accept(_ resource: [String: Any], urlID: String?, line: [UInt8]?) -> Verdict {
        let bodyID = resource["id"] as? String
        if let urlID, bodyID != urlID {
            return Verdict(status: 400, outcome: Self.operationOutcome(code: "invalid", "the resource id does not match the URL (FHIR R4 update)"))
        }
        let id = bodyID ?? UUID().uuidString.lowercased()
        if recorder.faults.rejects(id: id) {
            recorder.rejected()
            return Verdict(status: 422, outcome: Self.operationOutcome(code: "processing", "rejected by the fixture PARS fault script"))
        }
        let stored = line ?? Self.json(resource)
        let isNew = recorder.store(id: id, line: stored)
        return Verdict(status: urlID != nil && !isNew ? 200 : 201, outcome: nil, location: "AuditEvent/\(id)/_history/1")
    }

    /// `201 Created`: a batch-response entry's `response.status`.
    static func statusLine(_ code: Int) -> String {
        let phrase =
            switch code {
            case 200: "OK"
            case 201: "Created"
            case 400: "Bad Request"
            case 422: "Unprocessable Entity"
            default: ""
            }
        return phrase.isEmpty ? "\(code)" : "\(code) \(phrase)"
    }

    static func operationOutcome(code: String, _ diagnostics: String) -> [String: Any] {
        [
            "resourceType": "OperationOutcome",
            "issue": [["severity": "error", "code": code, "diagnostics": diagnostics]],
        ]
    }

    static func outcome(_ status: HTTPResponse.Status, code: String, _ diagnostics: String) -> TransportResponse {
        var headers = HTTPFields()
        headers[.contentType] = "application/fhir+json; charset=utf-8"
        return TransportResponse(
            status: status,
            headerFields: headers,
            body: .bytes(ByteBuffer(bytes: json(operationOutcome(code: code, diagnostics))))
        )
    }

    /// Compact JSON (one line: JSONSerialization escapes newlines inside strings).
    static func json(_ object: [String: Any]) -> [UInt8] {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])).map { [UInt8]($0) } ?? []
    }
}
