import Foundation
import HTTPTypes
import NIOCore
import XCAAudit
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
        let verdict = accept(id: resource["id"] as? String, urlID: urlID, line: Self.oneLine(bytes[...]))
        var headers = HTTPFields()
        headers[.contentType] = "application/fhir+json; charset=utf-8"
        if let location = verdict.location { headers[.location] = basePath + "/" + location }
        return TransportResponse(
            status: HTTPResponse.Status(code: verdict.status),
            headerFields: headers,
            body: .bytes(ByteBuffer(bytes: verdict.outcome.map(Self.json) ?? []))
        )
    }

    /// `POST [base]` with a batch Bundle: one verdict per entry, in order. The Bundle is decoded for what the
    /// fixture checks (types, methods, URLs, ids) and each AuditEvent is stored as the bytes the client sent, so
    /// that the fixture keeps up with a gateway under load (parsing and re-serialising every event with
    /// JSONSerialization cost about 1 ms of CPU per event).
    private func batch(_ bytes: [UInt8]) throws -> TransportResponse {
        guard let bundle = try? JSONDecoder().decode(BundleHead.self, from: Data(bytes)), bundle.resourceType == "Bundle"
        else { return Self.outcome(.badRequest, code: "structure", "the body is not a FHIR Bundle") }
        guard bundle.type == "batch" else {
            return Self.outcome(.badRequest, code: "not-supported", "only batch Bundles are processed")
        }
        let entries = bundle.entry ?? []
        let spans = FHIRJSONSpans.bundleResources(bytes)
        var answer = JSONWriter(capacity: 64 + entries.count * 96)
        answer.beginObject()
        answer.field("resourceType", "Bundle")
        answer.field("type", "batch-response")
        answer.key("entry")
        answer.beginArray()
        for (index, entry) in entries.enumerated() {
            let verdict: Verdict
            if let resource = entry.resource, resource.resourceType == "AuditEvent",
                entry.method == "PUT" && entry.url.hasPrefix("AuditEvent/") || entry.method == "POST" && entry.url == "AuditEvent",
                spans.count == entries.count, let span = spans[index]
            {
                let urlID = entry.method == "PUT" ? String(entry.url.dropFirst("AuditEvent/".count)) : nil
                verdict = accept(id: resource.id, urlID: urlID, line: Self.oneLine(bytes[span]))
            } else {
                verdict = Verdict(status: 400, outcome: Self.operationOutcome(code: "structure", "each entry must PUT or POST an AuditEvent"))
            }
            answer.beginObject()
            answer.key("response")
            answer.beginObject()
            answer.field("status", Self.statusLine(verdict.status))
            answer.field("location", ifPresent: verdict.location)
            if let outcome = verdict.outcome {
                answer.key("outcome")
                answer.raw(Self.json(outcome))
            }
            answer.endObject()
            answer.endObject()
        }
        answer.endArray()
        answer.endObject()
        var headers = HTTPFields()
        headers[.contentType] = "application/fhir+json; charset=utf-8"
        return TransportResponse(status: .ok, headerFields: headers, body: .bytes(ByteBuffer(bytes: answer.finish())))
    }

    /// A resource's JSON on one line: raw line breaks can only be whitespace between tokens (inside strings they
    /// are escaped), so they become spaces.
    static func oneLine(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
    }

    /// What the fixture reads of a batch Bundle; members of unexpected types read as absent.
    private struct BundleHead: Decodable {
        var resourceType: String?
        var type: String?
        var entry: [Entry]?

        struct Entry: Decodable {
            var method: String?
            var url = ""
            var resource: ResourceHead?

            init(from decoder: any Decoder) throws {
                guard let container = try? decoder.container(keyedBy: Key.self) else { return }
                if let request = try? container.nestedContainer(keyedBy: Key.self, forKey: .request) {
                    method = try? request.decode(String.self, forKey: .method)
                    url = (try? request.decode(String.self, forKey: .url)) ?? ""
                }
                resource = try? container.decode(ResourceHead.self, forKey: .resource)
            }

            enum Key: String, CodingKey { case request, method, url, resource }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            resourceType = try? container.decode(String.self, forKey: .resourceType)
            type = try? container.decode(String.self, forKey: .type)
            entry = try? container.decode([Entry].self, forKey: .entry)
        }

        enum Key: String, CodingKey { case resourceType, type, entry }
    }

    private struct ResourceHead: Decodable {
        var resourceType: String?
        var id: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            resourceType = try? container.decode(String.self, forKey: .resourceType)
            id = try? container.decode(String.self, forKey: .id)
        }

        enum Key: String, CodingKey { case resourceType, id }
    }

    private struct Verdict {
        var status: Int
        var outcome: [String: Any]?
        var location: String?
    }

    /// Checks, applies the rejection script, stores `line` (the resource's JSON on one line).
    private func accept(id bodyID: String?, urlID: String?, line: [UInt8]) -> Verdict {
        if let urlID, bodyID != urlID {
            return Verdict(status: 400, outcome: Self.operationOutcome(code: "invalid", "the resource id does not match the URL (FHIR R4 update)"))
        }
        let id = bodyID ?? UUID().uuidString.lowercased()
        if recorder.faults.rejects(id: id) {
            recorder.rejected()
            return Verdict(status: 422, outcome: Self.operationOutcome(code: "processing", "rejected by the fixture PARS fault script"))
        }
        let isNew = recorder.store(id: id, line: line)
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
