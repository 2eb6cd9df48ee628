import Foundation
import HTTPTypes
import NIOCore
import Testing
import XCAFixtureServer
import XCATransport

@Suite("Fixture PARS: FHIR interactions, fault script, NDJSON store")
struct PARSFixtureTests {
    private static func call(
        _ method: HTTPRequest.Method,
        _ url: String,
        _ body: String? = nil
    ) async throws -> (status: Int, headers: HTTPFields, body: String) {
        let client = CommunityHTTPClient()
        var headers = HTTPFields()
        headers[.contentType] = "application/fhir+json"
        do {
            let response = try await client.execute(
                CommunityHTTPRequest(method: method, url: url, headerFields: headers, body: body.map { ByteBuffer(string: $0) }),
                tls: OutboxTest.clientTLS(),
                deadline: .now + .seconds(10)
            )
            let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
            try await client.shutdown()
            return (response.status.code, response.headerFields, text)
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private static func event(_ id: String) -> String {
        #"{"resourceType":"AuditEvent","id":""# + id + #"","recorded":"2025-03-04T10:15:30.123Z"}"#
    }

    @Test("PUT creates (201) then updates (200); POST creates; each accepted event is one NDJSON line")
    func putAndPost() async throws {
        try await OutboxTest.withDirectory { directory in
            let output = directory.appendingPathComponent("pars.ndjson").path
            try await OutboxTest.withPARS(output: output) { fixture, base in
                let first = try await Self.call(.put, base + "/AuditEvent/aa-1", Self.event("aa-1"))
                #expect(first.status == 201)
                #expect(first.headers[.location] == "/fhir/AuditEvent/aa-1/_history/1")
                #expect(try await Self.call(.put, base + "/AuditEvent/aa-1", Self.event("aa-1")).status == 200)
                #expect(try await Self.call(.post, base + "/AuditEvent", Self.event("bb-2")).status == 201)
                #expect(fixture.statistics.storedIDs == ["aa-1": 2, "bb-2": 1])
                let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
                #expect(lines == [Self.event("aa-1"), Self.event("aa-1"), Self.event("bb-2")].map { Substring($0) })
            }
        }
    }

    @Test("refusals are FHIR OperationOutcomes: id mismatch 400, not an AuditEvent 400, wrong method 405, unknown path 404")
    func refusals() async throws {
        try await OutboxTest.withPARS { fixture, base in
            let mismatch = try await Self.call(.put, base + "/AuditEvent/aa-1", Self.event("other"))
            #expect(mismatch.status == 400)
            #expect(mismatch.body.contains("OperationOutcome"))
            #expect(try await Self.call(.post, base + "/AuditEvent", #"{"resourceType":"Patient"}"#).status == 400)
            #expect(try await Self.call(.post, base + "/AuditEvent", "not json").status == 400)
            #expect(try await Self.call(.delete, base + "/AuditEvent/aa-1").status == 405)
            #expect(try await Self.call(.post, base + "/Patient", Self.event("x")).status == 404)
            #expect(fixture.statistics.storedIDs.isEmpty)
        }
    }

    @Test("batch Bundle: one response status per entry, 422 with an OperationOutcome for rejected ids")
    func batchBundle() async throws {
        try await OutboxTest.withPARS(faults: PARSFaultScript(rejectIDSuffixes: ["f"])) { fixture, base in
            let bundle = #"{"resourceType":"Bundle","type":"batch","entry":["#
                + #"{"resource":"# + Self.event("e-1") + #","request":{"method":"PUT","url":"AuditEvent/e-1"}},"#
                + #"{"resource":"# + Self.event("e-f") + #","request":{"method":"PUT","url":"AuditEvent/e-f"}},"#
                + #"{"resource":"# + Self.event("e-2") + #","request":{"method":"POST","url":"AuditEvent"}}]}"#
            let answer = try await Self.call(.post, base, bundle)
            #expect(answer.status == 200)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])
            #expect(json["type"] as? String == "batch-response")
            let entries = try #require(json["entry"] as? [[String: Any]])
            let statuses = entries.compactMap { ($0["response"] as? [String: Any])?["status"] as? String }
            #expect(statuses == ["201 Created", "422 Unprocessable Entity", "201 Created"])
            let outcome = (entries[1]["response"] as? [String: Any])?["outcome"] as? [String: Any]
            #expect(outcome?["resourceType"] as? String == "OperationOutcome")
            #expect(fixture.statistics.storedIDs == ["e-1": 1, "e-2": 1])
            #expect(fixture.statistics.rejected == 1)
            #expect(try await Self.call(.post, base, #"{"resourceType":"Bundle","type":"transaction"}"#).status == 400)
        }
    }

    @Test("batch Bundle: each AuditEvent is stored as sent, on one line, whatever its layout; a non-object entry gets a 400")
    func batchStoresResourcesAsSent() async throws {
        try await OutboxTest.withDirectory { directory in
            let output = directory.appendingPathComponent("pars.ndjson").path
            try await OutboxTest.withPARS(output: output) { fixture, base in
                // Pretty-printed, members in an unusual order, strings holding braces, brackets, quotes and escapes.
                let tricky = """
                    {
                      "recorded": "2025-03-04T10:15:30.123Z",
                      "outcomeDesc": "a } b ] c \\" d \\\\ e { [",
                      "resourceType": "AuditEvent",
                      "entity": [{"what": {"display": "x"}}, {"detail": [{"valueString": "]}"}]}],
                      "id": "t-1"
                    }
                    """
                let bundle = """
                    {"type": "batch", "entry": [
                      {"request": {"method": "PUT", "url": "AuditEvent/t-1"}, "resource": \(tricky)},
                      17,
                      {"resource": \(Self.event("t-2")), "request": {"method": "POST", "url": "AuditEvent"}}
                    ], "resourceType": "Bundle"}
                    """
                let answer = try await Self.call(.post, base, bundle)
                #expect(answer.status == 200)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])
                let entries = try #require(json["entry"] as? [[String: Any]])
                let statuses = entries.compactMap { ($0["response"] as? [String: Any])?["status"] as? String }
                #expect(statuses == ["201 Created", "400 Bad Request", "201 Created"])
                #expect((entries[0]["response"] as? [String: Any])?["location"] as? String == "AuditEvent/t-1/_history/1")
                #expect(fixture.statistics.storedIDs == ["t-1": 1, "t-2": 1])
                let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
                #expect(lines.count == 2)
                // The stored line is the resource as sent (line breaks as spaces), and parses to the same object.
                #expect(lines.first.map(String.init) == tricky.replacingOccurrences(of: "\n", with: " "))
                let stored = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
                #expect(stored["outcomeDesc"] as? String == #"a } b ] c " d \ e { ["#)
                #expect(lines.last.map(String.init) == Self.event("t-2"))
            }
        }
    }

    @Test("unavailable for the first N requests: 503 with Retry-After, then served")
    func unavailableForRequests() async throws {
        try await OutboxTest.withPARS(faults: PARSFaultScript(unavailable: .requests(2), retryAfterSeconds: 3)) { fixture, base in
            let first = try await Self.call(.put, base + "/AuditEvent/a", Self.event("a"))
            #expect(first.status == 503)
            #expect(first.headers[.retryAfter] == "3")
            #expect(try await Self.call(.put, base + "/AuditEvent/a", Self.event("a")).status == 503)
            #expect(try await Self.call(.put, base + "/AuditEvent/a", Self.event("a")).status == 201)
            #expect(fixture.statistics.requests == 3)
            #expect(fixture.statistics.unavailable == 2)
        }
    }

    @Test("fault script arguments and the deterministic reject fraction")
    func faultScript() {
        #expect(PARSFaultScript.Unavailability(argument: "12") == .requests(12))
        #expect(PARSFaultScript.Unavailability(argument: "30s") == .duration(.seconds(30)))
        #expect(PARSFaultScript.Unavailability(argument: "soon") == nil)
        #expect(PARSFaultScript.Unavailability(argument: "-1") == nil)
        let script = PARSFaultScript(rejectFraction: 0.25)
        let ids = (0..<4_000).map { "id-\($0)" }
        let rejected = ids.filter(script.rejects)
        #expect(rejected.count > 800 && rejected.count < 1_200)
        #expect(rejected == ids.filter(script.rejects))  // same answer for the same id
        #expect(PARSFaultScript(rejectIDSuffixes: ["A"]).rejects(id: "x-a"))
        #expect(!PARSFaultScript.none.rejects(id: "x-a"))
    }
}
