import Synchronization

/// Whether the gateway's mutual-TLS listener is bound now (readiness' `listener` check): set by its
/// `onListening`, cleared when it stops.
final class ListenerStatus: Sendable {
    private let bound = Atomic<Bool>(false)

    init() {}

    var isBound: Bool { bound.load(ordering: .relaxed) }

    func started() { bound.store(true, ordering: .relaxed) }

    func stopped() { bound.store(false, ordering: .relaxed) }
}
