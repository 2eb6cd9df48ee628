import Foundation
import Testing
import XCAAudit

/// An AuditEvent's JSON parsed back with Foundation, with the look-ups the tests need.
struct AuditEventJSON {
    let object: [String: Any]
    let text: String

    init(_ envelope: AuditEnvelope) throws {
        try self.init(envelope.json)
    }

    init(_ bytes: [UInt8]) throws {
        #expect(!bytes.contains(0x0A), "the JSON is one line")
        object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        text = String(decoding: bytes, as: UTF8.self)
    }

    subscript(key: String) -> Any? { object[key] }

    func string(_ key: String) -> String? { object[key] as? String }

    var agents: [[String: Any]] { object["agent"] as? [[String: Any]] ?? [] }
    var entities: [[String: Any]] { object["entity"] as? [[String: Any]] ?? [] }

    var typeCode: String? { (object["type"] as? [String: Any])?["code"] as? String }
    var subtypeCode: String? { ((object["subtype"] as? [[String: Any]])?.first)?["code"] as? String }

    /// The agent with DICOM role `code` (110153, 110152).
    func agent(role code: String) -> [String: Any]? {
        agents.first { Self.codes(($0["type"] as? [String: Any])?["coding"]).contains(code) }
    }

    /// Agents whose `who.type` is `type`.
    func agents(whoType type: String) -> [[String: Any]] {
        agents.filter { ($0["who"] as? [String: Any])?["type"] as? String == type }
    }

    var requestors: [[String: Any]] { agents.filter { $0["requestor"] as? Bool == true } }

    /// Entities with this object-role code (1 patient, 3 report, 24 query, 17 endpoint).
    func entities(role code: String) -> [[String: Any]] {
        entities.filter { ($0["role"] as? [String: Any])?["code"] as? String == code }
    }

    var patientValue: String? {
        let patient = entities.first {
            ($0["role"] as? [String: Any])?["code"] as? String == "1" && ($0["type"] as? [String: Any])?["code"] as? String == "1"
        }
        return Self.identifier(patient)?["value"] as? String
    }

    var transactionID: String? {
        let entity = entities.first { ($0["type"] as? [String: Any])?["code"] as? String == "XrequestId" }
        return Self.identifier(entity)?["value"] as? String
    }

    static func identifier(_ entity: [String: Any]?) -> [String: Any]? {
        ((entity?["what"] as? [String: Any])?["identifier"]) as? [String: Any]
    }

    static func details(_ entity: [String: Any]) -> [(String, String)] {
        (entity["detail"] as? [[String: Any]] ?? []).compactMap { detail in
            guard let type = detail["type"] as? String, let value = detail["valueString"] as? String else { return nil }
            return (type, value)
        }
    }

    static func codes(_ codings: Any?) -> [String] {
        (codings as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }
}
