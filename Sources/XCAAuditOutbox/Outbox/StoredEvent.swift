import Foundation
import GRDB

/// Puts an event's JSON back together from the outbox (schema v2, ``AuditOutbox/migrator``): from its `payloads`
/// row — its own bytes with the request's shared bytes put back at `span_split` — or, for an event recorded before
/// v2, from its `json` column. The result is byte for byte the JSON that was recorded. Consecutive events usually
/// share a payload (one per commit): the last one read is kept.
struct StoredEvent {
    /// The `events e` columns ``json(_:at:in:)`` reads, in this order.
    static let columns = "e.json, e.payload, e.part_at, e.part_length, e.span_at, e.span_length, e.span_split"
    /// ``columns`` for a v1 outbox, where every event's JSON is in `json`.
    static let inlineColumns = "e.json, NULL, NULL, NULL, NULL, NULL, NULL"

    private var key: Int64?
    private var bytes: [UInt8] = []

    /// The JSON of the event whose ``columns`` start at `index` of `row`.
    mutating func json(_ row: Row, at index: Int, in db: Database) throws -> [UInt8] {
        guard let payload = row[index + 1] as Int64? else {
            let json: Data = row[index] ?? Data()
            return [UInt8](json)
        }
        if key != payload {
            let statement = try db.cachedStatement(sql: "SELECT bytes FROM payloads WHERE seq = ?")
            guard let data = try Data.fetchOne(statement, arguments: [payload]) else {
                throw AuditOutboxError(.read, "payload \(payload) of an event is missing")
            }
            bytes = [UInt8](data)
            key = payload
        }
        guard let at = row[index + 2] as Int?, let length = row[index + 3] as Int?,
            at >= 0, length >= 0, at + length <= bytes.count
        else { throw Self.damaged }
        let part = bytes[at..<(at + length)]
        guard let split = row[index + 6] as Int? else { return Array(part) }
        guard let spanAt = row[index + 4] as Int?, let spanLength = row[index + 5] as Int?,
            split >= 0, split <= length, spanAt >= 0, spanLength >= 0, spanAt + spanLength <= bytes.count
        else { throw Self.damaged }
        var json: [UInt8] = []
        json.reserveCapacity(length + spanLength)
        json.append(contentsOf: part.prefix(split))
        json.append(contentsOf: bytes[spanAt..<(spanAt + spanLength)])
        json.append(contentsOf: part.dropFirst(split))
        return json
    }

    private static let damaged = AuditOutboxError(.read, "an event's place in its payload is out of bounds")
}
