import Synchronization

/// The state of the gateway's mutual-TLS listener for readiness' `listener` check: bound (set by its
/// `onListening`), draining (from the first shutdown signal: it accepts no new connections while requests in flight
/// finish), or not listening (before it binds, after it stops).
final class ListenerStatus: Sendable {
    enum State: UInt8 {
        case notListening, bound, draining
    }

    private let state = Atomic<UInt8>(State.notListening.rawValue)

    init() {}

    var current: State { State(rawValue: state.load(ordering: .relaxed)) ?? .notListening }

    var isBound: Bool { current == .bound }

    func started() { state.store(State.bound.rawValue, ordering: .relaxed) }

    func draining() { state.store(State.draining.rawValue, ordering: .relaxed) }

    func stopped() { state.store(State.notListening.rawValue, ordering: .relaxed) }
}
