import Foundation
import Synchronization
import Testing
import XCAAudit
import XCAFixtureServer

@testable import XCAAuditOutbox

@Suite("Audit delivery to a fixture PARS over mutual TLS")
struct AuditDeliveryTests {
    /// Records `count` responder events and `locals` initiator events, runs the delivery service with a PARS sink
    /// in `mode` against a fixture PARS with `faults` until nothing is pending, and hands back what both sides saw.
    private static func deliver(
        mode: PARSSink.Mode,
        faults: PARSFaultScript = .none,
        count: Int = 40,
        locals: Int = 6,
        check: (AuditOutbox, PARSFixture, [AuditEnvelope]) async throws -> Void
    ) async throws {
        try await OutboxTest.withDirectory { directory in
            try await OutboxTest.withPARS(faults: faults) { fixture, base in
                let sink = try PARSSink(configuration: .init(baseURL: base, mode: mode, tls: OutboxTest.clientTLS()))
                let outbox = try AuditOutbox(
                    path: OutboxTest.outboxPath(directory),
                    configuration: .init(sinks: [sink.route]),
                    logger: OutboxTest.quiet
                )
                let remote = (0..<count).map { _ in OutboxTest.envelope() }
                let local = (0..<locals).map { _ in OutboxTest.envelope(role: .initiator) }
                let service = try AuditDeliveryService(
                    outbox: outbox,
                    sinks: [sink],
                    configuration: OutboxTest.fastDelivery,
                    logger: OutboxTest.quiet
                )
                try await OutboxTest.running(service) {
                    // Recorded while the service runs: the doorbell wakes it, no poll needed.
                    for chunk in stride(from: 0, to: remote.count, by: 7) {
                        try await outbox.record(Array(remote[chunk..<min(chunk + 7, remote.count)]) + (chunk == 0 ? local : []))
                    }
                    try await OutboxTest.eventually("nothing pending for PARS") {
                        try await outbox.health().sinks.allSatisfy { $0.backlog == 0 }
                    }
                }
                try await check(outbox, fixture, remote)
                try await outbox.close()
            }
        }
    }

    @Test("every responder event reaches PARS once; initiator legs stay local", arguments: PARSSink.Mode.allCases)
    func deliversEveryMode(mode: PARSSink.Mode) async throws {
        try await Self.deliver(mode: mode) { outbox, fixture, remote in
            let statistics = fixture.statistics
            #expect(statistics.storedIDs == Dictionary(uniqueKeysWithValues: remote.map { ($0.id, 1) }))
            if mode == .batch {
                #expect(statistics.requests < remote.count)  // Bundles of up to 16
            } else {
                #expect(statistics.requests == remote.count)
            }
            let pars = try #require(try await outbox.health().sinks.first)
            #expect(pars.quarantined == 0)
            #expect(pars.lastDelivery != nil)
        }
    }

    @Test("PARS answering 503 for a while: everything is delivered after it recovers, once per id", arguments: PARSSink.Mode.allCases)
    func unavailableThenRecovered(mode: PARSSink.Mode) async throws {
        let faults = PARSFaultScript(unavailable: .requests(5))
        try await Self.deliver(mode: mode, faults: faults) { outbox, fixture, remote in
            let statistics = fixture.statistics
            #expect(statistics.unavailable == 5)
            #expect(Set(statistics.storedIDs.keys) == Set(remote.map(\.id)))
            // PUT and batch are idempotent by id; POST may repeat only what a lost answer left unacknowledged.
            #expect(statistics.storedIDs.values.allSatisfy { $0 == 1 })
            let pars = try #require(try await outbox.health().sinks.first)
            #expect(pars.lastError?.contains("503") == true)
        }
    }

    @Test("422 for some events: those are quarantined with the OperationOutcome, the rest delivered", arguments: [PARSSink.Mode.put, .batch])
    func rejectedAreQuarantined(mode: PARSSink.Mode) async throws {
        let faults = PARSFaultScript(rejectIDSuffixes: ["0", "7", "c"])
        try await Self.deliver(mode: mode, faults: faults, count: 60) { outbox, fixture, remote in
            let rejected = Set(remote.map(\.id).filter { faults.rejects(id: $0) })
            try #require(!rejected.isEmpty && rejected.count < remote.count)
            #expect(Set(fixture.statistics.storedIDs.keys) == Set(remote.map(\.id)).subtracting(rejected))
            #expect(fixture.statistics.rejected == rejected.count)  // never sent again
            let pars = try #require(try await outbox.health().sinks.first)
            #expect(pars.quarantined == rejected.count)
            let details = try await outbox.pool.read { db in
                try String.fetchAll(db, sql: "SELECT detail FROM deliveries WHERE state = 2")
            }
            #expect(details.count == rejected.count)
            #expect(details.allSatisfy { $0.contains("OperationOutcome") && $0.contains("rejected by the fixture PARS") })
        }
    }

    @Test("an unreachable PARS never blocks recording; the backoff wait ends at once when the task is cancelled")
    func backoffHonoursCancellation() async throws {
        try await OutboxTest.withDirectory { directory in
            try await OutboxTest.withPARS(faults: PARSFaultScript(unavailable: .requests(.max))) { fixture, base in
                let sink = try PARSSink(configuration: .init(baseURL: base, tls: OutboxTest.clientTLS()))
                let outbox = try AuditOutbox(
                    path: OutboxTest.outboxPath(directory),
                    configuration: .init(sinks: [sink.route]),
                    logger: OutboxTest.quiet
                )
                var configuration = OutboxTest.fastDelivery
                configuration.backoff = DeliveryBackoff(base: .seconds(600), cap: .seconds(600))
                let service = try AuditDeliveryService(outbox: outbox, sinks: [sink], configuration: configuration, logger: OutboxTest.quiet)
                let task = Task { await service.run() }
                try await outbox.record([OutboxTest.envelope()])
                try await OutboxTest.eventually("a 503 from PARS") { fixture.statistics.unavailable >= 1 }
                // While the loop backs off, the gateway keeps recording.
                try await outbox.record((0..<10).map { _ in OutboxTest.envelope() })
                #expect(outbox.isWritable)
                let cancelled = ContinuousClock.now
                task.cancel()
                await task.value
                #expect(cancelled.duration(to: .now) < .seconds(5))
                #expect(try await outbox.health().sinks.first?.backlog == 11)
                try await outbox.close()
            }
        }
    }

    @Test("graceful stop while PARS is down returns promptly and keeps the events pending")
    func gracefulStopWhileFailing() async throws {
        try await OutboxTest.withDirectory { directory in
            try await OutboxTest.withPARS(faults: PARSFaultScript(unavailable: .requests(.max), retryAfterSeconds: 3_600)) { fixture, base in
                let sink = try PARSSink(configuration: .init(baseURL: base, mode: .batch, tls: OutboxTest.clientTLS()))
                let outbox = try AuditOutbox(
                    path: OutboxTest.outboxPath(directory),
                    configuration: .init(sinks: [sink.route]),
                    logger: OutboxTest.quiet
                )
                let service = try AuditDeliveryService(outbox: outbox, sinks: [sink], configuration: OutboxTest.fastDelivery, logger: OutboxTest.quiet)
                try await OutboxTest.running(service) {
                    try await outbox.record([OutboxTest.envelope(), OutboxTest.envelope()])
                    try await OutboxTest.eventually("a 503 from PARS") { fixture.statistics.unavailable >= 1 }
                    // The loop now waits for Retry-After (capped at the backoff cap); stop must not wait for it.
                }
                let pars = try #require(try await outbox.health().sinks.first)
                #expect(pars.backlog == 2)
                #expect(pars.lastError == "HTTP 503")
                try await outbox.close()
            }
        }
    }

    @Test("graceful stop lets the in-flight batch finish and stores its verdicts")
    func gracefulStopFinishesInFlightBatch() async throws {
        try await OutboxTest.withDirectory { directory in
            let sink = HeldSink()
            let outbox = try AuditOutbox(
                path: OutboxTest.outboxPath(directory),
                configuration: .init(sinks: [sink.route]),
                logger: OutboxTest.quiet
            )
            let service = try AuditDeliveryService(outbox: outbox, sinks: [sink], configuration: OutboxTest.fastDelivery, logger: OutboxTest.quiet)
            let envelopes = (0..<3).map { _ in OutboxTest.envelope() }
            let run = Task { await service.run() }
            try await outbox.record(envelopes)
            let batch = await sink.nextBatch()
            #expect(batch == envelopes.map(\.id))
            service.stop()  // what ServiceLifecycle's graceful shutdown calls
            sink.release()
            await run.value
            #expect(try await outbox.health().sinks.first?.backlog == 0)
            #expect(sink.shutdownCalled)
            try await outbox.close()
        }
    }

    @Test("finish(by:) for shutdown: delivery empties the backlog, batch after batch, then returns by itself")
    func finishFlushesTheBacklog() async throws {
        try await OutboxTest.withDirectory { directory in
            let sink = InstantSink()
            let outbox = try AuditOutbox(
                path: OutboxTest.outboxPath(directory),
                configuration: .init(sinks: [sink.route]),
                logger: OutboxTest.quiet
            )
            let service = try AuditDeliveryService(outbox: outbox, sinks: [sink], configuration: OutboxTest.fastDelivery, logger: OutboxTest.quiet)
            let envelopes = (0..<40).map { _ in OutboxTest.envelope() }
            try await outbox.record(envelopes)
            service.finish(by: .now + .seconds(60))
            await service.deliver()  // returns once nothing is pending, long before the deadline
            #expect(sink.delivered == envelopes.map(\.id))
            #expect(try await outbox.health().sinks.first?.backlog == 0)
            #expect(sink.shutdownCalled)
            try await outbox.close()
        }
    }

    @Test("finish(by:) while PARS keeps failing stops at the deadline; the events stay pending for the next start")
    func finishStopsAtItsDeadline() async throws {
        try await OutboxTest.withDirectory { directory in
            try await OutboxTest.withPARS(faults: PARSFaultScript(unavailable: .requests(.max))) { fixture, base in
                let sink = try PARSSink(configuration: .init(baseURL: base, tls: OutboxTest.clientTLS()))
                let outbox = try AuditOutbox(
                    path: OutboxTest.outboxPath(directory),
                    configuration: .init(sinks: [sink.route]),
                    logger: OutboxTest.quiet
                )
                let service = try AuditDeliveryService(outbox: outbox, sinks: [sink], configuration: OutboxTest.fastDelivery, logger: OutboxTest.quiet)
                let task = Task { await service.deliver() }
                try await outbox.record([OutboxTest.envelope(), OutboxTest.envelope()])
                try await OutboxTest.eventually("a 503 from PARS") { fixture.statistics.unavailable >= 1 }
                let finishing = ContinuousClock.now
                service.finish(by: finishing + .milliseconds(300))
                await task.value
                let elapsed = finishing.duration(to: .now)
                #expect(elapsed >= .milliseconds(300), "it kept trying until the deadline")
                #expect(elapsed < .seconds(20), "and stopped there (the margin is for a loaded machine)")
                #expect(try await outbox.health().sinks.first?.backlog == 2)
                try await outbox.close()
            }
        }
    }

    @Test("the service probes an unwritable outbox and it turns writable once there is room")
    func serviceProbesUnwritableOutbox() async throws {
        try await OutboxTest.withDirectory { directory in
            let outbox = try AuditOutbox(
                path: OutboxTest.outboxPath(directory),
                configuration: .init(sinks: [.pars()], maximumBytes: 128 * 1024),
                logger: OutboxTest.quiet
            )
            var configuration = OutboxTest.fastDelivery
            configuration.writableProbeInterval = .milliseconds(10)
            let service = try AuditDeliveryService(outbox: outbox, sinks: [], configuration: configuration, logger: OutboxTest.quiet)
            try await OutboxTest.running(service) {
                while outbox.isWritable {
                    try? await outbox.record([OutboxTest.envelope(padding: 2_000)])
                }
                _ = try await outbox.pool.write { db in try db.execute(sql: "DELETE FROM events") }
                try await OutboxTest.eventually("the probe to find room") { outbox.isWritable }
            }
            try await outbox.record([OutboxTest.envelope()])
            try await outbox.close()
        }
    }

    @Test("a PARS sink that cannot connect answers retry, naming the connection failure")
    func connectionRefusedIsRetried() async throws {
        do {
            // A port that was free a moment ago: nothing listens there.
            let closedPort = try await OutboxTest.withPARS { _, base in base }
            let sink = try PARSSink(configuration: .init(baseURL: closedPort, tls: OutboxTest.clientTLS()))
            let result = await sink.deliver([AuditPendingEvent(sequence: 1, id: "a", json: Array("{}".utf8), attempts: 0)])
            guard case .retry(let reason, _)? = result.first else {
                Issue.record("expected a retry, got \(result)")
                return
            }
            #expect(reason.contains("connect"))
            await sink.shutdown()
        }
    }

    @Test("the HTTP status decides: 2xx delivered, 400/422 quarantined, 408/429/5xx retried with Retry-After")
    func verdicts() {
        #expect(PARSSink.verdict(status: 201, body: nil, retryAfter: nil) == .delivered)
        #expect(PARSSink.verdict(status: 200, body: nil, retryAfter: nil) == .delivered)
        #expect(PARSSink.verdict(status: 422, body: .init(string: "{\"resourceType\":\"OperationOutcome\"}"), retryAfter: nil)
            == .quarantined(status: 422, outcome: "{\"resourceType\":\"OperationOutcome\"}"))
        #expect(PARSSink.verdict(status: 400, body: nil, retryAfter: nil) == .quarantined(status: 400, outcome: "HTTP 400 without an OperationOutcome"))
        #expect(PARSSink.verdict(status: 503, body: nil, retryAfter: "7") == .retry(reason: "HTTP 503", after: .seconds(7)))
        #expect(PARSSink.verdict(status: 429, body: nil, retryAfter: "soon") == .retry(reason: "HTTP 429", after: nil))
        #expect(PARSSink.verdict(status: 408, body: nil, retryAfter: nil).isRetry)
        #expect(PARSSink.verdict(status: 401, body: nil, retryAfter: nil).isRetry)
        #expect(PARSSink.verdict(status: 404, body: nil, retryAfter: nil).isRetry)
    }

    @Test("an id that is not a FHIR id is quarantined locally, never sent")
    func invalidIDIsQuarantinedLocally() async throws {
        try await OutboxTest.withPARS { fixture, base in
            for mode in PARSSink.Mode.allCases {
                let sink = try PARSSink(configuration: .init(baseURL: base, mode: mode, tls: OutboxTest.clientTLS()))
                let results = await sink.deliver([
                    AuditPendingEvent(sequence: 1, id: "has/slash", json: Array("{}".utf8), attempts: 0)
                ])
                guard case .quarantined(let status, let outcome)? = results.first else {
                    Issue.record("expected a quarantine in \(mode), got \(results)")
                    continue
                }
                #expect(status == 0)
                #expect(outcome.contains("not a FHIR id"))
                await sink.shutdown()
            }
            #expect(fixture.statistics.requests == 0)
        }
    }

    @Test("backoff: full jitter under an exponential ceiling capped at the maximum")
    func backoffCeilings() {
        let backoff = DeliveryBackoff(base: .milliseconds(500), cap: .seconds(60))
        #expect(backoff.ceiling(afterFailures: 1) == .milliseconds(500))
        #expect(backoff.ceiling(afterFailures: 2) == .seconds(1))
        #expect(backoff.ceiling(afterFailures: 4) == .seconds(4))
        #expect(backoff.ceiling(afterFailures: 8) == .seconds(60))
        #expect(backoff.ceiling(afterFailures: 10_000) == .seconds(60))
        var generator = SystemRandomNumberGenerator()
        let delays = (0..<200).map { _ in backoff.delay(afterFailures: 3, using: &generator) }
        #expect(delays.allSatisfy { $0 >= .zero && $0 <= .seconds(2) })
        #expect(Set(delays).count > 100)
    }
}

/// A sink that holds each batch until the test releases it, and reports which ids it got.
final class HeldSink: AuditSink {
    let route = AuditSinkRoute.pars(name: "held")
    private let batches = AsyncStream<[String]>.makeStream()
    private let gate = Doorbell()
    private let shutdownFlag = Mutex(false)

    func deliver(_ batch: [AuditPendingEvent]) async -> [AuditDeliveryResult] {
        batches.continuation.yield(batch.map(\.id))
        await gate.wait(until: .now + .seconds(60))
        return batch.map { _ in .delivered }
    }

    func shutdown() async { shutdownFlag.withLock { $0 = true } }

    func nextBatch() async -> [String]? {
        var iterator = batches.stream.makeAsyncIterator()
        return await iterator.next()
    }

    func release() { gate.ring() }

    var shutdownCalled: Bool { shutdownFlag.withLock { $0 } }
}

/// A sink that delivers every event at once and remembers the ids in order.
final class InstantSink: AuditSink {
    let route = AuditSinkRoute.pars(name: "instant")
    private let state = Mutex<(ids: [String], shutdown: Bool)>(([], false))

    func deliver(_ batch: [AuditPendingEvent]) async -> [AuditDeliveryResult] {
        state.withLock { $0.ids += batch.map(\.id) }
        return batch.map { _ in .delivered }
    }

    func shutdown() async { state.withLock { $0.shutdown = true } }

    var delivered: [String] { state.withLock { $0.ids } }
    var shutdownCalled: Bool { state.withLock { $0.shutdown } }
}
