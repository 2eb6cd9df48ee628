import Foundation
import Testing
import XCAAudit
import XCABinding
import XCAModel
import XCAXML

/// The request-only rule (audit.md §8.2): the query entity holds the AdhocQueryRequest element's bytes and nothing
/// else of the message.
@Suite("The query entity holds the request body element only")
struct QueryElementTests {
    private func queryBytes(_ envelope: [UInt8]) throws -> [UInt8] {
        let creator = AuditCreator(settings: AuditFixtures.settings())
        var audit = creator.begin(received: AuditFixtures.received, caller: AuditFixtures.caller, endpoint: .xca)
        audit.decoded(try AuditFixtures.decode(envelope, at: .xca), envelope: envelope)
        audit.finish(status: .success, errors: [])
        let event = try AuditEventJSON(try #require(audit.envelopes().first))
        let query = try #require(event.entities(role: "24").first)
        let base64 = try #require(query["query"] as? String)
        return Array(try #require(Data(base64Encoded: base64)))
    }

    @Test("decoding the query entity gives exactly the AdhocQueryRequest element, with the namespaces it needs")
    func exactElement() throws {
        let envelope = AuditFixtures.queryEnvelope()
        let decoded = try queryBytes(envelope)
        let text = String(decoding: envelope, as: UTF8.self)
        let start = try #require(text.range(of: "<query:AdhocQueryRequest>"))
        let end = try #require(text.range(of: "</query:AdhocQueryRequest>"))
        let original = String(text[start.lowerBound..<end.upperBound])
        let declarations = " xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\" xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\""
        let expected = original.replacingOccurrences(of: "<query:AdhocQueryRequest>", with: "<query:AdhocQueryRequest\(declarations)>")
        #expect(String(decoding: decoded, as: UTF8.self) == expected)
        try expectStandaloneQuery(decoded)
    }

    @Test("a comment inside the element makes the verbatim scan decline; the re-serialised copy is still request-only")
    func withComment() throws {
        let envelope = AuditFixtures.queryEnvelope(extraSlots: "<!-- a comment -->")
        let decoded = try queryBytes(envelope)
        try expectStandaloneQuery(decoded)
    }

    /// A document of its own rooted at query:AdhocQueryRequest, holding nothing of the envelope, header, SAML.
    private func expectStandaloneQuery(_ bytes: [UInt8]) throws {
        let reader = try XMLStreamReader(bytes)
        #expect(try reader.nextStartElement())
        #expect(reader.nameEquals("AdhocQueryRequest", namespace: "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"))
        let query = try CrossGatewayQueryRequest.read(from: reader)
        #expect(query.patientID?.nhsNumber?.rawValue == AuditFixtures.patient)
        let text = String(decoding: bytes, as: UTF8.self)
        for forbidden in ["Envelope", "Header", "Security", "Assertion", "555021935107", "MessageID", "Body", "AdhocQueryResponse"] {
            #expect(!text.contains(forbidden), "the query entity holds \(forbidden)")
        }
    }
}
