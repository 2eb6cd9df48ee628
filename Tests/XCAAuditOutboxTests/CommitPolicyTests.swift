import Foundation
import Testing
import XCAAudit

@testable import XCAAuditOutbox

/// Group commit under load: while the CPU is saturated the writer waits for the requests in progress, so that more
/// share one sync — never longer than the policy's delay, and not at all when nothing else is in progress.
@Suite("Audit outbox: when the writer commits")
struct CommitPolicyTests {
    @Test("the decision: commit at once unless saturated with more requests in progress than queued")
    func decisions() {
        let policy = CommitPolicy(maximumDelay: .milliseconds(50), saturation: 0.6)
        #expect(policy.decide(queued: 1, inProgress: 0, waited: .zero, utilisation: 1) == .commit)
        #expect(policy.decide(queued: 1, inProgress: 5, waited: .zero, utilisation: 0.3) == .commit)
        #expect(policy.decide(queued: 5, inProgress: 5, waited: .zero, utilisation: 1) == .commit)
        #expect(policy.decide(queued: 9, inProgress: 5, waited: .zero, utilisation: 1) == .commit)
        #expect(policy.decide(queued: 1, inProgress: 5, waited: .milliseconds(50), utilisation: 1) == .commit)
        #expect(policy.decide(queued: 1, inProgress: 5, waited: .milliseconds(20), utilisation: 0.95) == .wait(.milliseconds(30)))
        #expect(policy.decide(queued: 4, inProgress: 5, waited: .zero, utilisation: 0.6) == .wait(.milliseconds(50)))
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

    /// An outbox whose writer always counts the CPU as saturated.
    static func saturated(_ directory: URL, delay: Duration) throws -> AuditOutbox {
        try AuditOutbox(
            path: OutboxTest.outboxPath(directory),
            configuration: .init(sinks: [.pars()], commitPolicy: CommitPolicy(maximumDelay: delay, saturation: 0)),
            logger: OutboxTest.quiet
        )
    }

    @Test("saturated: forty requests in progress share a handful of commits, every event durable")
    func requestsInProgressShareCommits() async throws {
        try await OutboxTest.withDirectory { directory in
            let outbox = try Self.saturated(directory, delay: .seconds(30))
            let requests = (0..<40).map { _ in CompactStorageTests.request(legs: 1, padding: 200) }
            for _ in requests { outbox.requestBegan() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for events in requests { group.addTask { try await outbox.record(events) } }
                try await group.waitForAll()
            }
            // Each commit waits until as many requests are queued as are still in progress: 20, 10, 5… — a
            // dozen commits at most, where committing as soon as the writer is free can take one per request.
            let statistics = outbox.commitStatistics
            #expect(statistics.events == 80)
            #expect(statistics.transactions <= 12)
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
            let waited = started.duration(to: .now)
            #expect(waited >= .milliseconds(200))
            #expect(waited < .seconds(20))
            try await outbox.close()
        }
    }

    @Test("requests abandoned while a commit waits for them release it at once")
    func abandonedRequests() async throws {
        try await OutboxTest.withDirectory { directory in
            let outbox = try Self.saturated(directory, delay: .seconds(60))
            for _ in 0..<3 { outbox.requestBegan() }
            let started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await outbox.record(CompactStorageTests.request(legs: 0)) }
                try await OutboxTest.eventually("the record to wait for the others") { outbox.waitingRequests == 1 }
                // Refused before they were audited (the outbox not writable, say): nothing more will come.
                outbox.requestAbandoned()
                outbox.requestAbandoned()
                try await group.waitForAll()
            }
            #expect(started.duration(to: .now) < .seconds(30))
            #expect(outbox.commitStatistics.events == 1)
            try await outbox.close()
        }
    }

    @Test("closing commits what is queued at once, without waiting for requests in progress")
    func closeDoesNotWait() async throws {
        try await OutboxTest.withDirectory { directory in
            let outbox = try Self.saturated(directory, delay: .seconds(60))
            for _ in 0..<3 { outbox.requestBegan() }
            let started = ContinuousClock.now
            async let recorded: Void = outbox.record(CompactStorageTests.request(legs: 0))
            try await OutboxTest.eventually("the record to be queued") { outbox.waitingRequests == 1 }
            try await outbox.close()
            try await recorded
            #expect(started.duration(to: .now) < .seconds(30))
            var exported = 0
            try AuditStore(path: outbox.path).export(.init()) { _ in exported += 1 }
            #expect(exported == 1)
        }
    }
}
