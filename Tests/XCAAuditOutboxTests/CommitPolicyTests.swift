import Foundation
import Testing
import XCAAudit

@testable import XCAAuditOutbox

/// Group commit under load: while the CPU is saturated the writer waits for the requests in progress, so that more
/// share one sync — never longer than the policy's delay, and not at all when nothing else is in progress.
@Suite("Audit outbox: when the writer commits", .timeLimit(.minutes(2)))
struct CommitPolicyTests {
    @Test("the decision: at once unless saturated while the requests in progress hold more work than two commits")
    func decisions() {
        let policy = CommitPolicy(maximumDelay: .milliseconds(50), saturation: 0.6)
        // 1 ms of CPU per request on one CPU, 2 ms per commit: waiting pays while more than 4 are in progress.
        let busy = CommitPolicy.Load(utilisation: 0.95, cpuPerRequest: .milliseconds(1), commitDuration: .milliseconds(2), cpus: 1)
        #expect(policy.decide(queued: 1, inProgress: 9, waited: .zero, load: busy) == .wait(.milliseconds(50), inProgress: 4))
        #expect(policy.decide(queued: 1, inProgress: 9, waited: .milliseconds(20), load: busy) == .wait(.milliseconds(30), inProgress: 4))
        #expect(policy.decide(queued: 1, inProgress: 4, waited: .zero, load: busy) == .commit)
        #expect(policy.decide(queued: 1, inProgress: 0, waited: .zero, load: busy) == .commit)
        #expect(policy.decide(queued: 1, inProgress: 9, waited: .milliseconds(50), load: busy) == .commit)
        // Two CPUs do the work in progress in half the time.
        var twoCPUs = busy
        twoCPUs.cpus = 2
        #expect(policy.decide(queued: 1, inProgress: 8, waited: .zero, load: twoCPUs) == .commit)
        #expect(policy.decide(queued: 1, inProgress: 10, waited: .zero, load: twoCPUs) == .wait(.milliseconds(50), inProgress: 8))
        // Not saturated, or nothing measured yet: at once.
        var idle = busy
        idle.utilisation = 0.3
        #expect(policy.decide(queued: 1, inProgress: 9, waited: .zero, load: idle) == .commit)
        var unmeasured = busy
        unmeasured.cpuPerRequest = .zero
        #expect(policy.decide(queued: 1, inProgress: 9, waited: .zero, load: unmeasured) == .commit)
    }

    @Test("the CPUs a process may use are read from its affinity list")
    func affinity() {
        #expect(CPUUtilisation.allowedCount("\t0-1") == 2)
        #expect(CPUUtilisation.allowedCount("1") == 1)
        #expect(CPUUtilisation.allowedCount("0-3,6,8-9") == 7)
        #expect(CPUUtilisation.allowedCount("3-1") == 0)
        #expect(CPUUtilisation.allowedCount("x") == 0)
        #expect(CPUUtilisation.availableCPUs() >= 1)
    }

    /// An outbox whose writer counts the CPU as saturated, with requests far longer than commits: it waits for
    /// every request in progress (up to `delay`).
    static func saturated(_ directory: URL, delay: Duration) throws -> AuditOutbox {
        let load = CommitPolicy.Load(utilisation: 1, cpuPerRequest: .seconds(1), commitDuration: .milliseconds(1), cpus: 1)
        return try AuditOutbox(
            path: OutboxTest.outboxPath(directory),
            configuration: .init(sinks: [.pars()], commitPolicy: CommitPolicy(maximumDelay: delay, assumedLoad: load)),
            logger: OutboxTest.quiet
        )
    }

    @Test("saturated: forty requests in progress share a handful of commits, every event durable")
    func requestsInProgressShareCommits() async throws {
        try await OutboxTest.withDirectory { directory in
            let outbox = try Self.saturated(directory, delay: .seconds(3_600))
            let requests = (0..<40).map { _ in CompactStorageTests.request(legs: 1, padding: 200) }
            for _ in requests { outbox.requestBegan() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for events in requests { group.addTask { try await outbox.record(events) } }
                try await group.waitForAll()
            }
            // The writer waits until none is in progress: a commit or two, where committing as soon as the writer
            // is free can take one per request.
            let statistics = outbox.commitStatistics
            #expect(statistics.events == 80)
            #expect(statistics.transactions <= 3)
            var exported = 0
            try AuditStore(path: outbox.path).export(.init()) { _ in exported += 1 }
            #expect(exported == 80)
            try await outbox.close()
        }
    }

    @Test("a request still in progress holds a commit back at most the policy's delay")
    func stragglers() async throws {
        try await OutboxTest.withDirectory { directory in
            let outbox = try Self.saturated(directory, delay: .milliseconds(200))
            for _ in 0..<3 { outbox.requestBegan() }
            let started = ContinuousClock.now
            try await outbox.record(CompactStorageTests.request(legs: 0))
            #expect(started.duration(to: .now) >= .milliseconds(200))
            try await outbox.close()
        }
    }

    @Test("requests abandoned while a commit waits for them release it at once")
    func abandonedRequests() async throws {
        try await OutboxTest.withDirectory { directory in
            // Without the abandoned requests' wake-up the record would wait an hour: the suite's time limit.
            let outbox = try Self.saturated(directory, delay: .seconds(3_600))
            for _ in 0..<3 { outbox.requestBegan() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await outbox.record(CompactStorageTests.request(legs: 0)) }
                try await OutboxTest.eventually("the record to wait for the others") { outbox.waitingRequests == 1 }
                // Refused before they were audited (the outbox not writable, say): nothing more will come.
                outbox.requestAbandoned()
                outbox.requestAbandoned()
                try await group.waitForAll()
            }
            #expect(outbox.commitStatistics.events == 1)
            try await outbox.close()
        }
    }

    @Test("a sink's verdicts ride on the commit of the records queued with them: no transaction of their own")
    func verdictsRideOnRecords() async throws {
        try await OutboxTest.withDirectory { directory in
            let outbox = try Self.saturated(directory, delay: .seconds(3_600))
            try await outbox.record(CompactStorageTests.request(legs: 0))
            let due = try await outbox.duePending(sink: "pars", limit: 10)
            let before = outbox.commitStatistics.transactions
            for _ in 0..<2 { outbox.requestBegan() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await outbox.settle(sink: "pars", due.map { .init(event: $0, result: .delivered) }) }
                try await OutboxTest.eventually("the verdicts to wait for the requests") { outbox.waitingRequests == 1 }
                for _ in 0..<2 { group.addTask { try await outbox.record(CompactStorageTests.request(legs: 1)) } }
                try await group.waitForAll()
            }
            #expect(outbox.commitStatistics.transactions == before + 1)
            let health = try await outbox.health()
            #expect(health.sinks.first?.backlog == 2)  // the settled event left; the two new responders wait
            try await outbox.close()
        }
    }

    @Test("closing commits what is queued at once, without waiting for requests in progress")
    func closeDoesNotWait() async throws {
        try await OutboxTest.withDirectory { directory in
            let outbox = try Self.saturated(directory, delay: .seconds(3_600))
            for _ in 0..<3 { outbox.requestBegan() }
            async let recorded: Void = outbox.record(CompactStorageTests.request(legs: 0))
            try await OutboxTest.eventually("the record to be queued") { outbox.waitingRequests == 1 }
            try await outbox.close()
            try await recorded
            var exported = 0
            try AuditStore(path: outbox.path).export(.init()) { _ in exported += 1 }
            #expect(exported == 1)
        }
    }
}
