import Foundation
import HTTPTypes
import NIOCore
import XCATransport

/// PARS, or any FHIR R4 audit repository: events go over mutual TLS with the gateway's outbound client
/// (``XCATransport/CommunityHTTPClient``), as `PUT [base]/AuditEvent/{id}`, `POST [base]/AuditEvent` or `batch`
/// Bundles (``Mode``). Verdicts (audit.md §7): 2xx delivered; 400 and 422 quarantined with the server's
/// OperationOutcome; network errors, 408, 429 and 5xx retried (Retry-After honoured); any other status is retried
/// too (it says the URL, mode or credentials are wrong, not that the event is), and the failing-delivery alarm
/// reports it. Response bodies are never logged (a server may echo the event).
package final class PARSSink: AuditSink {
    package let route: AuditSinkRoute
    package let configuration: Configuration
    /// `baseURL` without a trailing slash.
    let base: String
    let client: CommunityHTTPClient
    private let ownsClient: Bool

    /// - Parameter client: a shared outbound client, or nil for one of the sink's own (shut down with the sink).
    package init(configuration: Configuration, client: CommunityHTTPClient? = nil) throws {
        var base = configuration.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        guard base.lowercased().hasPrefix("https://"), base.count > "https://".count,
            base.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != "\\" })
        else {
            throw AuditOutboxError(.sink, "PARS base URL: expected https://host[:port][/path] without spaces or quotes")
        }
        let route = AuditSinkRoute.pars(name: configuration.name)
        guard route.hasValidName else {
            throw AuditOutboxError(.sink, "sink name \"\(configuration.name)\": use 1-64 letters, digits, '-', '_', '.'")
        }
        self.route = route
        self.configuration = configuration
        self.base = base
        self.client = client ?? CommunityHTTPClient()
        self.ownsClient = client == nil
    }

    package func deliver(_ batch: [AuditPendingEvent]) async -> [AuditDeliveryResult] {
        switch configuration.mode {
        case .put, .post: await deliverEach(batch, mode: configuration.mode)
        case .batch: await deliverBundle(batch)
        }
    }

    package func shutdown() async {
        if ownsClient { try? await client.shutdown() }
    }

    /// One request per event, `concurrency` at a time. After a failure that is not an HTTP answer (the server is
    /// unreachable) no further request of the batch is started: the rest wait for the next attempt.
    func deliverEach(_ batch: [AuditPendingEvent], mode: Mode) async -> [AuditDeliveryResult] {
        var results = [AuditDeliveryResult?](repeating: nil, count: batch.count)
        var unreachable: AuditDeliveryResult?
        await withTaskGroup(of: (Int, AuditDeliveryResult, Bool).self) { group in
            var next = 0
            func startNext() {
                let index = next
                next += 1
                group.addTask {
                    let (result, answered) = await self.send(batch[index], mode: mode)
                    return (index, result, answered)
                }
            }
            while next < min(configuration.concurrency, batch.count) { startNext() }
            while let (index, result, answered) = await group.next() {
                results[index] = result
                if !answered, unreachable == nil { unreachable = result }
                if unreachable == nil, next < batch.count, !Task.isCancelled { startNext() }
            }
        }
        let notSent = unreachable ?? .retry(reason: "not sent: the delivery was cancelled", after: nil)
        return results.map { $0 ?? notSent }
    }

    /// Sends one event; the flag says whether the server answered (any HTTP status).
    private func send(_ event: AuditPendingEvent, mode: Mode) async -> (AuditDeliveryResult, Bool) {
        guard Self.isFHIRID(event.id) else { return (Self.invalidID, true) }
        var headers = HTTPFields()
        headers[.contentType] = "application/fhir+json; charset=utf-8"
        headers[.accept] = "application/fhir+json"
        let request = CommunityHTTPRequest(
            method: mode == .post ? .post : .put,
            url: mode == .post ? base + "/AuditEvent" : base + "/AuditEvent/" + event.id,
            headerFields: headers,
            body: ByteBuffer(bytes: event.json)
        )
        do {
            let response = try await client.execute(
                request,
                tls: configuration.tls,
                deadline: .now + configuration.requestTimeout
            )
            let body = try? await response.body.collect(upTo: configuration.maxResponseBytes)
            return (Self.verdict(status: response.status.code, body: body, retryAfter: response.headerFields[HTTPField.Name.retryAfter]), true)
        } catch {
            return (.retry(reason: Self.describe(error), after: nil), false)
        }
    }

    /// The verdict of an HTTP status (audit.md §7).
    static func verdict(status: Int, body: ByteBuffer?, retryAfter: String?) -> AuditDeliveryResult {
        switch status {
        case 200..<300:
            return .delivered
        case 400, 422:
            let text = body.map { String(buffer: $0) } ?? ""
            return .quarantined(status: status, outcome: text.isEmpty ? "HTTP \(status) without an OperationOutcome" : text)
        case 408, 429, 500..<600:
            return .retry(reason: "HTTP \(status)", after: retryAfter.flatMap(Self.parseRetryAfter))
        default:
            return .retry(reason: "HTTP \(status): check the PARS URL, mode and client certificate", after: nil)
        }
    }

    /// `Retry-After` in delay-seconds (an HTTP-date is ignored: the backoff applies).
    static func parseRetryAfter(_ text: String) -> Duration? {
        Int(text.trimmingCharacters(in: .whitespaces)).flatMap { $0 >= 0 ? .seconds($0) : nil }
    }

    /// FHIR R4 `id`: `[A-Za-z0-9\-\.]{1,64}` (what may follow `AuditEvent/` in a URL).
    static func isFHIRID(_ id: String) -> Bool {
        let bytes = id.utf8
        return !bytes.isEmpty && bytes.count <= 64
            && bytes.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            }
    }

    /// The local refusal of an event whose id cannot be sent.
    static let invalidID = AuditDeliveryResult.quarantined(
        status: 0,
        outcome: #"{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"invalid","diagnostics":"# +
            #"the AuditEvent id is not a FHIR id ([A-Za-z0-9-.]{1,64}); refused by the gateway, not sent"}]}"#
    )

    static func describe(_ error: any Error) -> String {
        if let error = error as? TransportError { return error.description }
        return "\(type(of: error))"
    }
}
