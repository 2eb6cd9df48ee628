import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Delivers the outbox to its sinks in the background (audit.md §7): one loop per sink sends pending events in
/// commit order, `batchSize` at a time, and stores each verdict; a maintenance loop prunes the local store past its
/// retention and, while the outbox is not writable, probes it so the gateway answers again once it can audit.
///
/// A loop wakes when the outbox commits new events (its ``Doorbell``), when a retry falls due, or after `idlePoll`
/// (a fallback only). After a batch smaller than `batchSize` (and after a wake-up) it lets events gather for
/// `gather` before it reads again: a delivery, and the commit of its verdicts (a WAL sync), then carries many
/// requests' events instead of those of the last commit alone. When a whole batch fails to go through (network error, 408, 429, 5xx) the loop backs off
/// exponentially with full jitter, honouring Retry-After, and new events do not cut the wait short; when some
/// events of a batch went through, the failed ones are rescheduled one by one. PARS being unreachable never
/// blocks the gateway: events wait in the outbox.
///
/// Graceful shutdown (ServiceLifecycle) lets every loop finish its in-flight batch and store the verdicts, then
/// stops (``run()``); an owner that runs ``deliver()`` instead decides itself, with ``stop()`` or with
/// ``finish(by:)``, which keeps delivering until the backlog is empty or a deadline passes. Task cancellation stops
/// at once (an interrupted batch stays pending and is sent again: at least once, deduplicated by AuditEvent id).
/// Alarms are logged at error level, without patient data: a sink starts failing (and every 50th consecutive
/// failure after), an event is quarantined, the store is not writable.
package final class AuditDeliveryService: Service, Sendable {
    package struct Configuration: Sendable {
        /// Events per delivery (and per `batch` Bundle). Default 64.
        package var batchSize: Int
        package var backoff: DeliveryBackoff
        /// Longest a loop sleeps without being woken by a commit (a fallback). Default 30 s.
        package var idlePoll: Duration
        /// How long a loop lets events gather after a batch smaller than `batchSize` or a wake-up. Default 250 ms.
        package var gather: Duration
        /// How long events stay in the local store (the audit log that export and the reports read) once no sink
        /// has them pending; `nil` keeps them forever. Default 90 days: three times the Patient/User Access Report's
        /// one-month window, while PARS (Spine) keeps the national record. Pending events are never pruned.
        package var retention: Duration?
        /// Time between prunes. Default 1 h (and once at start).
        package var pruneInterval: Duration
        /// Time between write probes while the outbox is not writable. Default 5 s.
        package var writableProbeInterval: Duration

        package init(
            batchSize: Int = 64,
            backoff: DeliveryBackoff = DeliveryBackoff(),
            idlePoll: Duration = .seconds(30),
            gather: Duration = .milliseconds(250),
            retention: Duration? = .seconds(90 * 86_400),
            pruneInterval: Duration = .seconds(3_600),
            writableProbeInterval: Duration = .seconds(5)
        ) {
            self.batchSize = max(1, batchSize)
            self.backoff = backoff
            self.idlePoll = idlePoll
            self.gather = gather
            self.retention = retention
            self.pruneInterval = pruneInterval
            self.writableProbeInterval = writableProbeInterval
        }
    }

    package let configuration: Configuration
    private let outbox: AuditOutbox
    private let sinks: [any AuditSink]
    private let pauses: [Doorbell]
    private let stopping = Atomic<Bool>(false)
    /// The flush deadline once ``finish(by:)`` was called.
    private let flush = Mutex<ContinuousClock.Instant?>(nil)
    private let flushBell = Doorbell()
    private let logger: Logger

    /// Every sink must be registered with `outbox` under its route's name and with the same destinations.
    package init(
        outbox: AuditOutbox,
        sinks: [any AuditSink],
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "xca.audit.delivery")
    ) throws {
        for sink in sinks {
            guard let registered = outbox.sinks[sink.route.name] else {
                throw AuditOutboxError(.sink, "sink \(sink.route.name) is not registered with the outbox")
            }
            guard registered.route == sink.route else {
                throw AuditOutboxError(.sink, "sink \(sink.route.name) takes other destinations than the outbox queues")
            }
        }
        guard Set(sinks.map(\.route.name)).count == sinks.count else {
            throw AuditOutboxError(.sink, "two sinks have the same name")
        }
        self.outbox = outbox
        self.sinks = sinks
        self.pauses = sinks.map { _ in Doorbell() }
        self.configuration = configuration
        self.logger = logger
    }

    package func run() async {
        await withGracefulShutdownHandler {
            await deliver()
        } onGracefulShutdown: {
            self.stop()
        }
    }

    /// Delivers as ``run()`` does, without watching graceful shutdown: until ``stop()``, until ``finish(by:)`` has
    /// emptied the backlog or its deadline passed, or until the task is cancelled. For an owner with work to do
    /// after shutdown begins (the gateway drains its requests, whose events join the backlog, then flushes).
    package func deliver() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withDiscardingTaskGroup { loops in
                    for (sink, pause) in zip(self.sinks, self.pauses) {
                        loops.addTask { await self.deliver(to: sink, pause: pause) }
                    }
                    loops.addTask { await self.maintain() }
                }
            }
            // Ends at the flush deadline, which stops the loops (their batches in flight stay pending).
            group.addTask { await self.flushDeadline() }
            await group.next()
            group.cancelAll()
        }
        for sink in sinks { await sink.shutdown() }
    }

    /// Asks every loop to finish its in-flight batch and return (what graceful shutdown does).
    package func stop() {
        stopping.store(true, ordering: .relaxed)
        wakeAll()
    }

    /// Flush for shutdown: every loop keeps delivering until its sink has nothing pending (due or not), then
    /// returns; at `deadline` the loops stop at once and what is left (an interrupted batch included) stays pending
    /// in the outbox for the next start. The maintenance loop stops now.
    package func finish(by deadline: ContinuousClock.Instant) {
        flush.withLock { $0 = deadline }
        flushBell.ring()
        wakeAll()
    }

    private func wakeAll() {
        for sink in sinks { outbox.doorbell(for: sink.route.name)?.ring() }
        for pause in pauses { pause.ring() }
        outbox.writabilityBell.ring()
    }

    private var isFlushing: Bool { flush.withLock { $0 != nil } }

    /// Returns when the flush deadline passes (never before ``finish(by:)``; at once when cancelled).
    private func flushDeadline() async {
        while !Task.isCancelled {
            if let deadline = flush.withLock({ $0 }) {
                try? await Task.sleep(until: deadline, clock: .continuous)
                return
            }
            await flushBell.wait(until: .now + .seconds(3_600))
        }
    }

    private var isStopped: Bool { stopping.load(ordering: .relaxed) || Task.isCancelled }

    private func deliver(to sink: any AuditSink, pause: Doorbell) async {
        let name = sink.route.name
        guard let doorbell = outbox.doorbell(for: name) else { return }
        let backoff = configuration.backoff
        var failures = 0
        var gather = false
        while !isStopped {
            if gather {
                gather = false
                await pause.wait(until: .now + configuration.gather)
                guard !isStopped else { return }
            }
            let now = Date()
            let batch: [AuditPendingEvent]
            do {
                batch = try await outbox.duePending(sink: name, limit: configuration.batchSize, now: now)
            } catch {
                guard !isStopped else { return }
                failures += 1
                logger.error("audit delivery cannot read the outbox", metadata: ["xca.audit.sink": "\(name)", "xca.audit.reason": "\(error)"])
                await pause.wait(until: .now + backoff.delay(afterFailures: failures))
                continue
            }
            guard !batch.isEmpty else {
                var deadline = ContinuousClock.now + configuration.idlePoll
                let next = try? await outbox.nextAttempt(sink: name, after: now)
                // Flushing: nothing due and nothing scheduled means the sink has nothing pending.
                if isFlushing, next == nil { return }
                if let next {
                    deadline = min(deadline, .now + .milliseconds(max(0, next.auditMilliseconds - Date().auditMilliseconds)))
                }
                await doorbell.wait(until: deadline)
                gather = true
                continue
            }

            var results = await sink.deliver(batch)
            if results.count != batch.count {
                logger.error("audit sink answered \(results.count) verdicts for \(batch.count) events", metadata: ["xca.audit.sink": "\(name)"])
                results = batch.map { _ in .retry(reason: "the sink gave no verdict", after: nil) }
            }
            let progressed = results.contains { !$0.isRetry }
            var retryAfter: Duration?
            var reason = ""
            let settled = Date()
            let settlements = zip(batch, results).map { event, result in
                var next: Date?
                switch result {
                case .retry(let why, let after):
                    reason = why
                    if let after { retryAfter = max(retryAfter ?? .zero, after) }
                    if progressed {
                        // The sink works; this event alone failed: reschedule it by its own attempts.
                        let delay = max(backoff.delay(afterFailures: event.attempts + 1), after ?? .zero)
                        next = settled.addingTimeInterval(delay.timeInterval)
                    }
                case .quarantined(let status, _):
                    logger.error(
                        "audit event quarantined: the sink refused it for good; it is kept with the answer",
                        metadata: ["xca.audit.sink": "\(name)", "xca.audit.event": "\(event.id)", "xca.audit.status": "\(status)"]
                    )
                case .delivered:
                    break
                }
                return AuditOutbox.Settlement(event: event, result: result, nextAttempt: next)
            }
            do {
                try await outbox.settle(sink: name, settlements, now: settled)
            } catch {
                // Not stored: the events stay pending and are sent again (deduplicated by id), after a pause so a
                // store that cannot be written does not turn into a resend loop.
                guard !isStopped else { return }
                failures += 1
                logger.error("audit delivery state not stored", metadata: ["xca.audit.sink": "\(name)", "xca.audit.reason": "\(error)"])
                await pause.wait(until: .now + backoff.delay(afterFailures: failures))
                continue
            }
            if progressed {
                if failures > 0 {
                    logger.notice("audit delivery recovered", metadata: ["xca.audit.sink": "\(name)", "xca.audit.failures": "\(failures)"])
                }
                failures = 0
                gather = batch.count < configuration.batchSize
                continue
            }
            failures += 1
            if failures == 1 || failures % 50 == 0 {
                logger.error(
                    "audit delivery failing; events wait in the outbox",
                    metadata: ["xca.audit.sink": "\(name)", "xca.audit.reason": "\(reason)", "xca.audit.failures": "\(failures)"]
                )
            }
            var delay = backoff.delay(afterFailures: failures)
            if let retryAfter { delay = max(delay, min(retryAfter, backoff.cap)) }
            await pause.wait(until: .now + delay)
        }
    }

    private func maintain() async {
        var nextPrune = ContinuousClock.now
        while !isStopped && !isFlushing {
            if let retention = configuration.retention, ContinuousClock.now >= nextPrune {
                do {
                    let pruned = try await outbox.prune(recordedBefore: Date().addingTimeInterval(-retention.timeInterval))
                    if pruned > 0 {
                        logger.info("audit store pruned past its retention", metadata: ["xca.audit.pruned": "\(pruned)"])
                    }
                } catch {
                    if !Task.isCancelled {
                        logger.error("audit store prune failed", metadata: ["xca.audit.reason": "\(error)"])
                    }
                }
                nextPrune = .now + configuration.pruneInterval
            }
            if !outbox.isWritable {
                await outbox.probeWritable()
            }
            var deadline = configuration.retention == nil ? ContinuousClock.now + configuration.pruneInterval : nextPrune
            if !outbox.isWritable {
                deadline = min(deadline, .now + configuration.writableProbeInterval)
            }
            await outbox.writabilityBell.wait(until: deadline)
        }
    }
}

extension Duration {
    /// Seconds as a `TimeInterval`.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
