/// How one leg of a fan-out ended. `elapsed` runs from the leg's start, waiting for a concurrency slot included.
public enum LegOutcome<Value: Sendable>: Sendable {
    /// The operation returned a value (which may itself report errors: a community answering with a Failure status
    /// is still an answer).
    case completed(Value, elapsed: Duration)
    /// The operation threw (not a timeout). When the caller's task was cancelled the error is `CancellationError`.
    case failed(any Error, elapsed: Duration)
    /// The leg's deadline (its community's timeout or the overall deadline, whichever came first) passed; the
    /// operation was cancelled.
    case timedOut(elapsed: Duration)
    /// The community's circuit is open: the leg was not attempted at all.
    case rejected(retryAt: ContinuousClock.Instant)
}
