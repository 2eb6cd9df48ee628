import Logging
import Synchronization
import XCAFederation
import XCAModel

/// Communities and requests shared by the tests.
enum Sample {
    static let gatewayHome = HomeCommunityID("urn:oid:1.2.826.0.1.3680043.9.7133.100")

    static func home(_ n: Int) -> HomeCommunityID { HomeCommunityID("urn:oid:1.2.826.0.1.3680043.9.7133.\(n)") }

    static func repository(_ n: Int) -> RepositoryUniqueID { RepositoryUniqueID("1.2.826.0.1.3680043.9.7133.\(n).1") }

    static let allEndpoints = CommunityEndpoints(
        query: "https://rg.example/query",
        retrieve: "https://rg.example/retrieve",
        imagingRetrieve: "https://rg.example/rad75"
    )

    static func community(
        _ n: Int,
        endpoints: CommunityEndpoints = allEndpoints,
        timeout: Duration = .seconds(10),
        maxConcurrentRequests: Int = 16,
        isEnabled: Bool = true,
        repositories: Set<RepositoryUniqueID> = [],
        imagingSources: Set<RepositoryUniqueID> = [],
        maxDocumentsPerRetrieve: Int? = nil
    ) -> Community {
        Community(
            name: "community-\(n)",
            homeCommunityID: home(n),
            endpoints: endpoints,
            timeout: timeout,
            maxConcurrentRequests: maxConcurrentRequests,
            isEnabled: isEnabled,
            repositoryUniqueIDs: repositories,
            imagingDocumentSourceIDs: imagingSources,
            quirks: CommunityQuirks(maxDocumentsPerRetrieve: maxDocumentsPerRetrieve)
        )
    }

    static func document(
        _ n: Int,
        home: HomeCommunityID?,
        repository: RepositoryUniqueID = repository(0)
    ) -> DocumentRequest {
        DocumentRequest(
            homeCommunityID: home,
            repositoryUniqueID: repository,
            documentUniqueID: DocumentUniqueID("1.2.826.0.1.3680043.9.7133.9.\(n)")
        )
    }
}

/// A latch that, once opened, lets every waiter through; waiting is cancellation-aware (a cancelled waiter throws
/// `CancellationError`). A latch never opened makes an operation that hangs until it is cancelled.
final class Latch: Sendable {
    private struct State {
        var isOpen = false
        var next = 0
        var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    }

    private let state = Mutex(State())

    var isOpen: Bool { state.withLock { $0.isOpen } }

    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async throws {
        let token = state.withLock { state in
            defer { state.next += 1 }
            return state.next
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Action { case go, cancel, wait }
                let action = state.withLock { state -> Action in
                    if state.isOpen { return .go }
                    if Task.isCancelled { return .cancel }
                    state.waiters[token] = continuation
                    return .wait
                }
                switch action {
                case .go: continuation.resume()
                case .cancel: continuation.resume(throwing: CancellationError())
                case .wait: break
                }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: token) }
            waiter?.resume(throwing: CancellationError())
        }
    }
}

/// Opens its latch when `parties` have arrived.
final class Gate: Sendable {
    let parties: Int
    let latch = Latch()
    private let arrived = Mutex(0)

    init(parties: Int) { self.parties = parties }

    /// Counts one arrival without waiting.
    func arrive() {
        let count = arrived.withLock { count in
            count += 1
            return count
        }
        if count >= parties { latch.open() }
    }

    /// Waits until `parties` have arrived.
    func passed() async throws { try await latch.wait() }

    func arriveAndWait() async throws {
        arrive()
        try await passed()
    }
}

/// A thread-safe counter with a high-water mark.
final class Counter: Sendable {
    private let state = Mutex((value: 0, maximum: 0))

    var value: Int { state.withLock { $0.value } }
    var maximum: Int { state.withLock { $0.maximum } }

    func increment() {
        state.withLock { state in
            state.value += 1
            state.maximum = max(state.maximum, state.value)
        }
    }

    func decrement() { state.withLock { $0.value -= 1 } }
}

/// Records what a `Logger` emits (tests never bootstrap the logging system).
final class LogRecorder: Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata
    }

    private let entries = Mutex<[Entry]>([])

    var recorded: [Entry] { entries.withLock { $0 } }

    var logger: Logger { Logger(label: "xca.test") { _ in Handler(recorder: self) } }

    fileprivate func append(_ entry: Entry) { entries.withLock { $0.append(entry) } }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            recorder.append(
                Entry(
                    level: event.level,
                    message: event.message.description,
                    metadata: metadata.merging(event.metadata ?? [:]) { $1 }
                )
            )
        }
    }
}

/// A failure an operation throws in the tests.
struct FakeFailure: Error, Equatable {}

/// A thread-safe list that tasks append to.
final class Recorded<Element: Sendable>: Sendable {
    private let elements = Mutex<[Element]>([])

    var values: [Element] { elements.withLock { $0 } }

    func append(_ element: Element) { elements.withLock { $0.append(element) } }
}
