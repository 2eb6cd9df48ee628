import Foundation
import HTTPTypes
import NIOCore
import XCATransport

extension PARSSink {
    /// `batch` mode: one Bundle per batch (FHIR R4 §3.1.0.11 batch), entries `PUT AuditEvent/{id}` so a resend is
    /// idempotent; the batch-response gives one `response.status` per entry, in order.
    func deliverBundle(_ batch: [AuditPendingEvent]) async -> [AuditDeliveryResult] {
        var results = [AuditDeliveryResult?](repeating: nil, count: batch.count)
        var sent: [Int] = []
        for (index, event) in batch.enumerated() {
            if Self.isFHIRID(event.id) { sent.append(index) } else { results[index] = Self.invalidID }
        }
        guard !sent.isEmpty else { return results.map { $0 ?? Self.invalidID } }
        let events = sent.map { batch[$0] }
        let verdicts = await sendBundle(events)
        for (index, verdict) in zip(sent, verdicts) { results[index] = verdict }
        return results.map { $0 ?? .retry(reason: "no verdict", after: nil) }
    }

    private func sendBundle(_ events: [AuditPendingEvent]) async -> [AuditDeliveryResult] {
        var headers = HTTPFields()
        headers[.contentType] = "application/fhir+json; charset=utf-8"
        headers[.accept] = "application/fhir+json"
        let request = CommunityHTTPRequest(
            method: .post,
            url: bundleURL,
            headerFields: headers,
            body: Self.bundle(events, base: base)
        )
        do {
            let response = try await client.execute(
                request,
                tls: configuration.tls,
                deadline: .now + configuration.requestTimeout
            )
            let status = response.status.code
            let body = try? await response.body.collect(upTo: configuration.maxResponseBytes)
            switch status {
            case 200:
                guard let body, let verdicts = Self.batchVerdicts(body, count: events.count) else {
                    return events.map { _ in .retry(reason: "the batch-response Bundle is malformed", after: nil) }
                }
                return verdicts
            case 400..<500 where status != 408 && status != 429:
                // The server refused the Bundle itself (no batch support, too large…): one by one, so that each
                // event gets its own verdict rather than all being quarantined together.
                return await deliverEach(events, mode: .put)
            default:
                let verdict = Self.verdict(status: status, body: body, retryAfter: response.headerFields[HTTPField.Name.retryAfter])
                return events.map { _ in verdict }
            }
        } catch {
            let verdict = AuditDeliveryResult.retry(reason: Self.describe(error), after: nil)
            return events.map { _ in verdict }
        }
    }

    /// `POST [base]`: the base itself when it has a path, else `/`.
    var bundleURL: String {
        let afterScheme = base.dropFirst("https://".count)
        return afterScheme.contains("/") ? base : base + "/"
    }

    /// The batch Bundle, written around the stored AuditEvent JSON without re-encoding it. Ids are FHIR ids and
    /// the base URL has no quote or backslash (checked), so nothing here needs JSON escaping.
    static func bundle(_ events: [AuditPendingEvent], base: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(events.reduce(64) { $0 + $1.json.count + 2 * $1.id.utf8.count + base.utf8.count + 96 })
        buffer.writeString(#"{"resourceType":"Bundle","type":"batch","entry":["#)
        for (index, event) in events.enumerated() {
            if index > 0 { buffer.writeString(",") }
            buffer.writeString(#"{"fullUrl":""#)
            buffer.writeString(base)
            buffer.writeString("/AuditEvent/")
            buffer.writeString(event.id)
            buffer.writeString(#"","resource":"#)
            buffer.writeBytes(event.json)
            buffer.writeString(#","request":{"method":"PUT","url":"AuditEvent/"#)
            buffer.writeString(event.id)
            buffer.writeString(#""}}"#)
        }
        buffer.writeString("]}")
        return buffer
    }

    /// Verdicts from a batch-response Bundle: `entry[i].response.status` ("201 Created") for the i-th request, and
    /// `entry[i].response.outcome` kept for a quarantine. Nil when the Bundle does not answer every entry.
    static func batchVerdicts(_ body: ByteBuffer, count: Int) -> [AuditDeliveryResult]? {
        guard
            let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
            object["resourceType"] as? String == "Bundle",
            let entries = object["entry"] as? [Any], entries.count == count
        else { return nil }
        var verdicts: [AuditDeliveryResult] = []
        verdicts.reserveCapacity(count)
        for entry in entries {
            guard let response = (entry as? [String: Any])?["response"] as? [String: Any],
                let statusText = response["status"] as? String,
                let status = Int(statusText.prefix { $0.isASCII && $0.isNumber })
            else { return nil }
            var outcome: ByteBuffer?
            if let resource = response["outcome"], JSONSerialization.isValidJSONObject(resource),
                let data = try? JSONSerialization.data(withJSONObject: resource, options: [.sortedKeys])
            {
                outcome = ByteBuffer(bytes: data)
            }
            verdicts.append(verdict(status: status, body: outcome, retryAfter: nil))
        }
        return verdicts
    }
}
