import Synchronization

/// Counters of the inbound server's connections (for metrics and tests).
package final class ConnectionStatistics: Sendable {
    /// A consistent-enough reading of the counters.
    package struct Snapshot: Sendable, Hashable {
        /// TCP connections accepted.
        package var accepted: Int
        /// Connections open now.
        package var open: Int
        /// TLS handshakes completed (the client certificate verified).
        package var handshakes: Int
        /// Connections over `maxConnections` answered 503.
        package var overCapacity: Int
        /// Connections over twice `maxConnections`, closed at accept.
        package var refused: Int
        /// Requests being handled now (counted against `maxConcurrentRequests`).
        package var inFlight: Int
        /// Requests answered 503 at once because `maxConcurrentRequests` were being handled.
        package var shed: Int
    }

    private let accepted = Atomic<Int>(0)
    private let open = Atomic<Int>(0)
    private let handshakes = Atomic<Int>(0)
    private let overCapacity = Atomic<Int>(0)
    private let refused = Atomic<Int>(0)
    private let inFlight = Atomic<Int>(0)
    private let shed = Atomic<Int>(0)

    package init() {}

    package var snapshot: Snapshot {
        Snapshot(
            accepted: accepted.load(ordering: .relaxed),
            open: open.load(ordering: .relaxed),
            handshakes: handshakes.load(ordering: .relaxed),
            overCapacity: overCapacity.load(ordering: .relaxed),
            refused: refused.load(ordering: .relaxed),
            inFlight: inFlight.load(ordering: .relaxed),
            shed: shed.load(ordering: .relaxed)
        )
    }

    /// Counts a new connection; returns how many are open including it.
    func connectionOpened() -> Int {
        accepted.add(1, ordering: .relaxed)
        return open.add(1, ordering: .relaxed).newValue
    }

    func connectionClosed() { open.subtract(1, ordering: .relaxed) }
    func handshakeCompleted() { handshakes.add(1, ordering: .relaxed) }
    func connectionOverCapacity() { overCapacity.add(1, ordering: .relaxed) }
    func connectionRefused() { refused.add(1, ordering: .relaxed) }

    /// Admits a request if fewer than `limit` are in flight (exactly: a compare-and-exchange, so racing requests
    /// at the limit never both pass nor both fail for lack of room). Every `true` must be paired with
    /// ``requestFinished()``.
    func requestStarted(limit: Int) -> Bool {
        var current = inFlight.load(ordering: .relaxed)
        while current < limit {
            let (exchanged, original) = inFlight.compareExchange(
                expected: current,
                desired: current + 1,
                ordering: .relaxed
            )
            if exchanged { return true }
            current = original
        }
        return false
    }

    func requestFinished() { inFlight.subtract(1, ordering: .relaxed) }

    /// Counts a shed request; returns how many have been shed so far.
    func requestShed() -> Int { shed.add(1, ordering: .relaxed).newValue }
}
