import Synchronization

/// What a fixture Responding Gateway does wrong, on purpose, so that initiating gateways (ours in tests, an
/// integrator's in theirs) can be tested against slow, broken and hostile communities.
///
/// A delay applies to every request; a fault applies to a fraction `rate` of requests, chosen by a seeded
/// generator so a run can be repeated. `expired-cert` is not per request: it changes the server's TLS identity.
public struct FaultInjection: Sendable, Hashable {
    /// A way to fail an exchange.
    public enum Fault: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
        /// Read the request, then never answer (the connection stays open until the client gives up).
        case hang
        /// Send the response head and part of the body, then drop the connection.
        case reset
        /// Answer `200` with bytes that are neither SOAP nor XML.
        case garbage
        /// Answer `500 Internal Server Error` with a plain-text body.
        case http500
        /// Answer a SOAP 1.2 Receiver fault (HTTP 500, as SOAP 1.2's HTTP binding requires).
        case soapFault = "soap-fault"
        /// Send the proper response, a few bytes at a time with pauses (a slow or congested link).
        case slowDrip = "slow-drip"
        /// Serve with an expired server certificate: every handshake is refused by a verifying client.
        case expiredCertificate = "expired-cert"

        public var description: String { rawValue }
    }

    /// Added before answering every request.
    public var delay: Duration
    /// A uniformly distributed extra delay in `0...jitter` on top of `delay`.
    public var jitter: Duration
    /// The fault to inject, if any.
    public var fault: Fault?
    /// Fraction of requests the fault applies to, `0...1`.
    public var rate: Double
    /// Seed of the generator choosing jitter and faulted requests.
    public var seed: UInt64

    public init(delay: Duration = .zero, jitter: Duration = .zero, fault: Fault? = nil, rate: Double = 1, seed: UInt64 = 0x5EED) {
        self.delay = delay
        self.jitter = jitter
        self.fault = fault
        self.rate = min(max(rate, 0), 1)
        self.seed = seed
    }

    /// No delay, no fault.
    public static let none = FaultInjection()

    /// Whether this injection changes anything.
    public var isActive: Bool { delay > .zero || jitter > .zero || fault != nil }
}

extension FaultInjection {
    /// What to do with one request.
    public struct Decision: Sendable, Hashable {
        public var delay: Duration
        /// The request-level fault, if this request is one of the faulted fraction (never `.expiredCertificate`).
        public var fault: Fault?
    }

    /// Draws per-request decisions from a seeded generator (SplitMix64), safe to share between connections.
    public final class Planner: Sendable {
        private let injection: FaultInjection
        private let state: Mutex<UInt64>

        public init(_ injection: FaultInjection) {
            self.injection = injection
            self.state = Mutex(injection.seed)
        }

        /// The decision for the next request.
        public func next() -> Decision {
            let (jitterDraw, faultDraw) = state.withLock { state in (Self.unit(&state), Self.unit(&state)) }
            var delay = injection.delay
            if injection.jitter > .zero {
                delay += injection.jitter * jitterDraw
            }
            var fault: Fault?
            if let candidate = injection.fault, candidate != .expiredCertificate, faultDraw < injection.rate {
                fault = candidate
            }
            return Decision(delay: delay, fault: fault)
        }

        /// A uniform double in `[0, 1)`.
        private static func unit(_ state: inout UInt64) -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) * 0x1.0p-53
        }
    }
}
