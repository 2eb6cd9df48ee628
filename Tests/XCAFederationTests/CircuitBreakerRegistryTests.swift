import Logging
import Testing
import XCAFederation
import XCAModel

@Suite("CircuitBreakerRegistry")
struct CircuitBreakerRegistryTests {
    let t0 = ContinuousClock.now

    @Test func keepsOneBreakerPerCommunity() {
        let registry = CircuitBreakerRegistry(
            configuration: .init(failureThreshold: 2, openDuration: .seconds(10)),
            logger: LogRecorder().logger
        )
        #expect(registry.snapshot().isEmpty)
        #expect(registry.permit(Sample.home(1), at: t0) == .allow)
        registry.record(Sample.home(1), success: false, at: t0)
        registry.record(Sample.home(1), success: false, at: t0)
        registry.record(Sample.home(2), success: false, at: t0)
        #expect(
            registry.snapshot() == [
                Sample.home(1): .open(until: t0 + .seconds(10)),
                Sample.home(2): .closed(consecutiveFailures: 1),
            ]
        )
        #expect(registry.permit(Sample.home(1), at: t0) == .reject(retryAt: t0 + .seconds(10)))
        #expect(registry.permit(Sample.home(2), at: t0) == .allow)
        #expect(registry.permit(Sample.home(1), at: t0 + .seconds(10)) == .allowProbe)
        #expect(registry.permit(Sample.home(1), at: t0 + .seconds(10)) == .reject(retryAt: t0 + .seconds(10)))
        registry.abandon(Sample.home(1))
        #expect(registry.snapshot()[Sample.home(1)] == .halfOpen(probeInFlight: false))
        registry.record(Sample.home(1), success: true, at: t0 + .seconds(11))
        #expect(registry.snapshot()[Sample.home(1)] == .closed(consecutiveFailures: 0))
    }

    @Test("retain keeps the state of the communities that stay and drops the others")
    func retainDropsRemovedCommunities() {
        let registry = CircuitBreakerRegistry(
            configuration: .init(failureThreshold: 1, openDuration: .seconds(10)),
            logger: LogRecorder().logger
        )
        registry.record(Sample.home(1), success: false, at: t0)
        registry.record(Sample.home(2), success: false, at: t0)
        registry.record(Sample.home(3), success: true, at: t0)
        registry.retain(only: [Sample.home(1), Sample.home(3), Sample.home(4)])
        #expect(
            registry.snapshot() == [
                Sample.home(1): .open(until: t0 + .seconds(10)),
                Sample.home(3): .closed(consecutiveFailures: 0),
            ]
        )
        // A community dropped and added back starts closed.
        #expect(registry.permit(Sample.home(2), at: t0) == .allow)
    }

    @Test func logsEveryStateChangeWithCommunityAndState() {
        let recorder = LogRecorder()
        let registry = CircuitBreakerRegistry(
            configuration: .init(failureThreshold: 1, openDuration: .seconds(10)),
            logger: recorder.logger
        )
        let id = Sample.home(1)
        _ = registry.permit(id, at: t0)
        registry.record(id, success: true, at: t0)
        #expect(recorder.recorded.isEmpty, "no change, no log")
        registry.record(id, success: false, at: t0)  // closed → open
        _ = registry.permit(id, at: t0 + .seconds(1))  // still open: no change
        _ = registry.permit(id, at: t0 + .seconds(10))  // open → half-open
        registry.abandon(id)  // half-open, probe freed: same state kind
        _ = registry.permit(id, at: t0 + .seconds(10))
        registry.record(id, success: false, at: t0 + .seconds(11))  // half-open → open
        _ = registry.permit(id, at: t0 + .seconds(21))  // open → half-open
        registry.record(id, success: true, at: t0 + .seconds(22))  // half-open → closed
        let entries = recorder.recorded
        #expect(entries.map(\.level) == [.warning, .notice, .warning, .notice, .notice])
        #expect(
            entries.map { $0.metadata["xca.circuit.state"]?.description } == [
                "open", "half-open", "open", "half-open", "closed",
            ]
        )
        #expect(entries.allSatisfy { $0.metadata["xca.community"]?.description == id.rawValue })
    }
}
