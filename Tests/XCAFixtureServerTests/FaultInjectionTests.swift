import Testing
import XCAFixtureServer

@Suite("Fault injection")
struct FaultInjectionTests {
    @Test("rate 0 never faults, rate 1 always does")
    func rateBounds() {
        let never = FaultInjection.Planner(FaultInjection(fault: .reset, rate: 0))
        let always = FaultInjection.Planner(FaultInjection(fault: .reset, rate: 1))
        for _ in 0..<1_000 {
            #expect(never.next().fault == nil)
            #expect(always.next().fault == .reset)
        }
    }

    @Test("a fractional rate faults about that fraction of requests, the same ones for the same seed")
    func fractionAndDeterminism() {
        let injection = FaultInjection(fault: .http500, rate: 0.25, seed: 42)
        let first = FaultInjection.Planner(injection)
        let second = FaultInjection.Planner(injection)
        var faulted = 0
        for _ in 0..<10_000 {
            let a = first.next()
            #expect(a == second.next())
            if a.fault != nil { faulted += 1 }
        }
        #expect((2_250...2_750).contains(faulted))
        let other = FaultInjection.Planner(FaultInjection(fault: .http500, rate: 0.25, seed: 43))
        let replay = FaultInjection.Planner(injection)
        let sequenceA = (0..<64).map { _ in replay.next().fault != nil }
        let sequenceB = (0..<64).map { _ in other.next().fault != nil }
        #expect(sequenceA != sequenceB)
    }

    @Test("jitter stays within delay...delay+jitter and varies")
    func jitter() {
        let planner = FaultInjection.Planner(FaultInjection(delay: .milliseconds(100), jitter: .milliseconds(50)))
        let delays = (0..<1_000).map { _ in planner.next().delay }
        #expect(delays.allSatisfy { $0 >= .milliseconds(100) && $0 <= .milliseconds(150) })
        #expect(Set(delays).count > 100)
        #expect(delays.min()! < .milliseconds(105))
        #expect(delays.max()! > .milliseconds(145))
    }

    @Test("expired-cert is a server identity, never a per-request fault")
    func expiredCertificateIsNotPerRequest() {
        let planner = FaultInjection.Planner(FaultInjection(fault: .expiredCertificate))
        #expect(planner.next().fault == nil)
        #expect(FaultInjection(fault: .expiredCertificate).isActive)
        #expect(!FaultInjection.none.isActive)
    }

    @Test("fault names are the CLI's", arguments: ["hang", "reset", "garbage", "http500", "soap-fault", "slow-drip", "expired-cert"])
    func names(name: String) {
        #expect(FaultInjection.Fault(rawValue: name)?.rawValue == name)
    }

    @Test(
        "durations parse",
        arguments: [
            ("250ms", Duration.milliseconds(250)), ("2s", .seconds(2)), ("1.5s", .milliseconds(1_500)),
            ("1m", .seconds(60)), ("500us", .microseconds(500)), ("200", .milliseconds(200)), (" 3s ", .seconds(3)),
        ]
    )
    func durations(text: String, expected: Duration) {
        #expect(Duration(humanReadable: text) == expected)
    }

    @Test("bad durations are refused", arguments: ["", "-1s", "fast", "1x", "ms", "nan", "inf"])
    func badDurations(text: String) {
        #expect(Duration(humanReadable: text) == nil)
    }
}
