import Testing
import XCAFederation

@Suite("CircuitBreaker")
struct CircuitBreakerTests {
    let t0 = ContinuousClock.now
    let configuration = CircuitBreaker.Configuration(failureThreshold: 3, openDuration: .seconds(30))

    /// A breaker driven to `open(until: t0 + 30 s)` by three failures at t0.
    func opened() -> CircuitBreaker {
        var breaker = CircuitBreaker(configuration: configuration)
        for _ in 0..<3 { breaker.recordFailure(at: t0) }
        return breaker
    }

    /// A breaker whose probe is in flight (permitted at t0 + 30 s).
    func probing() -> CircuitBreaker {
        var breaker = opened()
        _ = breaker.permit(at: t0 + .seconds(30))
        return breaker
    }

    @Test func defaults() {
        let breaker = CircuitBreaker()
        #expect(breaker.state == .closed(consecutiveFailures: 0))
        #expect(breaker.configuration == CircuitBreaker.Configuration(failureThreshold: 5, openDuration: .seconds(30)))
    }

    @Test func closedAllowsAndCountsConsecutiveFailures() {
        var breaker = CircuitBreaker(configuration: configuration)
        #expect(breaker.permit(at: t0) == .allow)
        breaker.recordFailure(at: t0)
        #expect(breaker.state == .closed(consecutiveFailures: 1))
        breaker.recordFailure(at: t0)
        #expect(breaker.state == .closed(consecutiveFailures: 2))
        #expect(breaker.permit(at: t0) == .allow)
        breaker.recordSuccess(at: t0)
        #expect(breaker.state == .closed(consecutiveFailures: 0), "a success resets the count")
        breaker.recordAbandoned()
        #expect(breaker.state == .closed(consecutiveFailures: 0))
    }

    @Test func thresholdConsecutiveFailuresOpen() {
        var breaker = CircuitBreaker(configuration: configuration)
        breaker.recordFailure(at: t0)
        breaker.recordFailure(at: t0)
        breaker.recordFailure(at: t0 + .seconds(1))
        #expect(breaker.state == .open(until: t0 + .seconds(31)))
    }

    @Test func openRejectsUntilItsEnd() {
        var breaker = opened()
        #expect(breaker.permit(at: t0) == .reject(retryAt: t0 + .seconds(30)))
        #expect(breaker.permit(at: t0 + .seconds(29.999)) == .reject(retryAt: t0 + .seconds(30)))
        #expect(breaker.state == .open(until: t0 + .seconds(30)))
    }

    @Test func openIgnoresLateFailuresAndAbandons() {
        var breaker = opened()
        breaker.recordFailure(at: t0 + .seconds(10))
        breaker.recordAbandoned()
        #expect(breaker.state == .open(until: t0 + .seconds(30)), "a late failure does not extend the open period")
    }

    @Test func openClosesOnALateSuccess() {
        var breaker = opened()
        breaker.recordSuccess(at: t0 + .seconds(1))
        #expect(breaker.state == .closed(consecutiveFailures: 0))
    }

    @Test func openPastItsEndAdmitsOneProbe() {
        var breaker = opened()
        #expect(breaker.permit(at: t0 + .seconds(30)) == .allowProbe)
        #expect(breaker.state == .halfOpen(probeInFlight: true))
        let later = t0 + .seconds(31)
        #expect(breaker.permit(at: later) == .reject(retryAt: later))
        #expect(breaker.permit(at: later) == .reject(retryAt: later))
        #expect(breaker.state == .halfOpen(probeInFlight: true))
    }

    @Test func successfulProbeCloses() {
        var breaker = probing()
        breaker.recordSuccess(at: t0 + .seconds(31))
        #expect(breaker.state == .closed(consecutiveFailures: 0))
        #expect(breaker.permit(at: t0 + .seconds(31)) == .allow)
    }

    @Test func failedProbeOpensAgainFromNow() {
        var breaker = probing()
        breaker.recordFailure(at: t0 + .seconds(35))
        #expect(breaker.state == .open(until: t0 + .seconds(65)))
        #expect(breaker.permit(at: t0 + .seconds(40)) == .reject(retryAt: t0 + .seconds(65)))
    }

    @Test func abandonedProbeLetsTheNextLegProbe() {
        var breaker = probing()
        breaker.recordAbandoned()
        #expect(breaker.state == .halfOpen(probeInFlight: false))
        breaker.recordAbandoned()
        #expect(breaker.state == .halfOpen(probeInFlight: false))
        #expect(breaker.permit(at: t0 + .seconds(40)) == .allowProbe)
        #expect(breaker.state == .halfOpen(probeInFlight: true))
    }

    @Test(arguments: [true, false])
    func halfOpenWithoutProbeTakesVerdicts(_ success: Bool) {
        var breaker = probing()
        breaker.recordAbandoned()
        if success {
            breaker.recordSuccess(at: t0 + .seconds(40))
            #expect(breaker.state == .closed(consecutiveFailures: 0))
        } else {
            breaker.recordFailure(at: t0 + .seconds(40))
            #expect(breaker.state == .open(until: t0 + .seconds(70)))
        }
    }

    @Test(arguments: [0, 1, -3])
    func thresholdBelowOneCountsAsOne(_ threshold: Int) {
        var breaker = CircuitBreaker(configuration: .init(failureThreshold: threshold, openDuration: .seconds(5)))
        breaker.recordFailure(at: t0)
        #expect(breaker.state == .open(until: t0 + .seconds(5)))
    }
}
