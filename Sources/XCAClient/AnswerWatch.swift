import Synchronization

/// The timeout of a retrieve: its SOAP part must arrive within the client's timeout, after which the attachments
/// may stream for as long as the transfer timeout allows (a study can take minutes). The call runs in a child task
/// that is cancelled when the timeout passes before ``arrived()``.
final class AnswerWatch: Sendable {
    private enum State {
        case waiting
        case arrived
        case expired
    }

    private let state = Mutex(State.waiting)

    /// The answer has begun: the timeout no longer applies.
    func arrived() {
        state.withLock { if $0 == .waiting { $0 = .arrived } }
    }

    /// Marks the watch expired unless the answer has arrived; true when it expired.
    private func expire() -> Bool {
        state.withLock { state in
            guard state == .waiting else { return false }
            state = .expired
            return true
        }
    }

    /// Runs `operation`, throwing ``XCAClientError/Code/timeout`` (and cancelling it) when it has not called
    /// ``arrived()`` within `timeout`.
    static func run<Result: Sendable>(
        timeout: Duration,
        host: String,
        _ operation: @escaping @Sendable (AnswerWatch) async throws -> Result
    ) async throws -> Result {
        let watch = AnswerWatch()
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await operation(watch) }
            group.addTask {
                try await Task.sleep(for: timeout)
                if watch.expire() {
                    throw XCAClientError(.timeout, "no answer from \(host) within \(seconds(timeout))")
                }
                return nil
            }
            while let finished = try await group.next() {
                if let result = finished {
                    group.cancelAll()
                    return result
                }
            }
            throw CancellationError()
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
