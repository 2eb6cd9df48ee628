import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's recent CPU use as a share of the CPUs it may run on (its affinity mask: a gateway pinned to one
/// CPU of two is saturated at one CPU's worth), and its CPU time per request, over windows of at least ``window``:
/// what ``CommitPolicy`` asks. Read by the outbox's writer thread only, when it decides on a commit.
struct CPUUtilisation {
    static let window: Duration = .milliseconds(100)

    let cpus: Int
    private var since: ContinuousClock.Instant
    private var cpuSince: Duration
    private var requestsSince = 0
    /// The share measured over the last complete window (0 before the first).
    private(set) var value: Double = 0
    /// Process CPU time per request over recent windows (zero before the first window with requests).
    private(set) var cpuPerRequest: Duration = .zero

    init(now: ContinuousClock.Instant = .now) {
        cpus = max(1, Self.availableCPUs())
        since = now
        cpuSince = Self.processCPUTime()
    }

    /// Measures again when a window has passed since the last time. `requests`: requests committed so far.
    mutating func update(now: ContinuousClock.Instant = .now, requests: Int) {
        let elapsed = since.duration(to: now)
        guard elapsed >= Self.window else { return }
        let cpu = Self.processCPUTime()
        value = (cpu - cpuSince) / elapsed / Double(cpus)
        if requests > requestsSince {
            let latest = (cpu - cpuSince) / (requests - requestsSince)
            cpuPerRequest = cpuPerRequest == .zero ? latest : (cpuPerRequest * 3 + latest) / 4
        }
        since = now
        cpuSince = cpu
        requestsSince = requests
    }

    /// CPU time of every thread of the process so far.
    static func processCPUTime() -> Duration {
        var time = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time) == 0 else { return .zero }
        return .seconds(Int64(time.tv_sec)) + .nanoseconds(Int64(time.tv_nsec))
    }

    /// The CPUs the process may run on: on Linux those its affinity allows (`Cpus_allowed_list` of
    /// `/proc/self/status`, e.g. `0-3,6`), else every active one.
    static func availableCPUs() -> Int {
        let active = ProcessInfo.processInfo.activeProcessorCount
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }),
            let list = line.split(separator: ":").last
        else { return active }
        let count = allowedCount(list)
        return count > 0 ? min(count, active) : active
    }

    /// How many CPUs a list like `0-3,6` names (0 when it cannot be read).
    static func allowedCount(_ list: Substring) -> Int {
        var count = 0
        for item in list.split(separator: ",") {
            let bounds = item.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            switch bounds.count {
            case 1:
                guard bounds[0] != nil else { return 0 }
                count += 1
            case 2:
                guard let low = bounds[0], let high = bounds[1], high >= low else { return 0 }
                count += high - low + 1
            default:
                return 0
            }
        }
        return count
    }
}
