import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Signals as an async sequence, one Dispatch signal source each (as ServiceLifecycle traps SIGTERM and SIGINT for
/// its ServiceGroup): for SIGHUP (reload) and a second SIGTERM/SIGINT (cut a shutdown short), which the group does
/// not handle. The sources are registered before `init` returns, so no signal sent after it is missed.
final class ProcessSignals: @unchecked Sendable {
    // @unchecked: `sources` is only touched in init and deinit.
    let signals: AsyncStream<Int32>
    private let continuation: AsyncStream<Int32>.Continuation
    private let sources: [any DispatchSourceSignal]

    init(trapping numbers: [Int32]) async {
        let queue = DispatchQueue(label: "xca.process-signals")
        let (signals, continuation) = AsyncStream.makeStream(of: Int32.self)
        var sources: [any DispatchSourceSignal] = []
        for number in numbers {
            #if canImport(Darwin)
                // Dispatch delivers signals through kqueue, below signal(3): ignore the default action there.
                signal(number, SIG_IGN)
            #endif
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(number) }
            await withCheckedContinuation { (registered: CheckedContinuation<Void, Never>) in
                source.setRegistrationHandler { registered.resume() }
                source.resume()
            }
            sources.append(source)
        }
        self.signals = signals
        self.continuation = continuation
        self.sources = sources
    }

    deinit {
        for source in sources { source.cancel() }
        continuation.finish()
    }
}
