import Foundation
import GRDB
import XCAAudit

extension AuditOutbox {
    /// A payload is closed at a request boundary once it holds this many bytes, so that reading one event back
    /// (a report, a delivery) reads at most about this much.
    static let payloadBytes = 64 << 10

    /// Writes the events of one commit: a row per event with its facts and delivery rows per sink, and their JSON in
    /// `payloads` rows (schema v2): per request, the bytes its events share once, then each event's own bytes.
    /// Returns how many events were inserted. Runs inside the commit's transaction.
    static func insert(
        _ requests: some Collection<[AuditEnvelope]>,
        sinks: [RegisteredSink],
        into db: Database
    ) throws -> Int {
        guard !requests.isEmpty else { return 0 }
        let insertEvent = try RawStatement(
            db.cachedStatement(
                sql: """
                    INSERT INTO events (seq, id, recorded_ms, txn, role, outcome, patient, user, organisation, \
                    request_id, destination, json, payload, part_at, part_length, span_at, span_length, span_split) \
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, X'', ?, ?, ?, ?, ?, ?)
                    """
            ),
            in: db
        )
        let insertDelivery = try RawStatement(db.cachedStatement(sql: "INSERT INTO deliveries (seq, sink) VALUES (?, ?)"), in: db)
        let insertPayload = try RawStatement(
            db.cachedStatement(sql: "INSERT OR REPLACE INTO payloads (seq, events, bytes) VALUES (?, ?, ?)"),
            in: db
        )
        // The rowid SQLite would choose, chosen here so that the payload's key (its first event's seq) is known
        // before its events are inserted.
        var next = try (Int64.fetchOne(db.cachedStatement(sql: "SELECT max(seq) FROM events")) ?? 0) + 1
        var payload: [UInt8] = []
        payload.reserveCapacity(min(Self.payloadBytes + (16 << 10), requests.reduce(0) { $0 + $1.count * 4_096 }))
        var payloadKey = next
        var payloadEvents = 0
        var inserted = 0

        func closePayload() throws {
            guard payloadEvents > 0 else { return }
            insertPayload.bind(1, payloadKey)
            insertPayload.bind(2, payloadEvents)
            try insertPayload.step(binding: payload, at: 3)
            payload.removeAll(keepingCapacity: true)
            payloadKey = next
            payloadEvents = 0
        }

        for envelopes in requests {
            // The request's shared bytes, stored once: those of its first event that names any, when another
            // event can use them.
            var span = 0..<0
            if envelopes.count > 1, let owner = envelopes.first(where: { Self.shared($0) != nil }),
                let range = Self.shared(owner)
            {
                span = payload.count..<(payload.count + range.count)
                payload.append(contentsOf: owner.json[range])
            }
            for envelope in envelopes {
                let partAt = payload.count
                var split: Int?
                if !span.isEmpty, let range = Self.shared(envelope), Self.equal(envelope.json[range], payload[span]) {
                    split = range.lowerBound
                    payload.append(contentsOf: envelope.json[..<range.lowerBound])
                    payload.append(contentsOf: envelope.json[range.upperBound...])
                } else {
                    payload.append(contentsOf: envelope.json)
                }
                insertEvent.bind(1, next)
                insertEvent.bind(2, envelope.id)
                insertEvent.bind(3, envelope.recorded.auditMilliseconds)
                insertEvent.bind(4, envelope.transaction)
                insertEvent.bind(5, envelope.role.rawValue)
                insertEvent.bind(6, envelope.outcome)
                insertEvent.bind(7, envelope.patient)
                insertEvent.bind(8, envelope.user)
                insertEvent.bind(9, envelope.organisation)
                insertEvent.bind(10, envelope.requestID)
                insertEvent.bind(11, envelope.destination.rawValue)
                insertEvent.bind(12, payloadKey)
                insertEvent.bind(13, partAt)
                insertEvent.bind(14, payload.count - partAt)
                insertEvent.bind(15, split == nil ? nil : span.lowerBound)
                insertEvent.bind(16, split == nil ? nil : span.count)
                insertEvent.bind(17, split)
                try insertEvent.step()
                for sink in sinks where sink.route.destinations.contains(envelope.destination) {
                    insertDelivery.bind(1, next)
                    insertDelivery.bind(2, sink.id)
                    try insertDelivery.step()
                }
                next += 1
                payloadEvents += 1
                inserted += 1
            }
            if payload.count >= Self.payloadBytes { try closePayload() }
        }
        try closePayload()
        return inserted
    }

    /// The envelope's shared range when it lies inside its JSON and is not empty.
    private static func shared(_ envelope: AuditEnvelope) -> Range<Int>? {
        guard let range = envelope.shared, !range.isEmpty, range.lowerBound >= 0, range.upperBound <= envelope.json.count
        else { return nil }
        return range
    }

    private static func equal(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in
                guard let p = x.baseAddress, let q = y.baseAddress else { return true }
                return memcmp(p, q, x.count) == 0
            }
        }
    }
}
