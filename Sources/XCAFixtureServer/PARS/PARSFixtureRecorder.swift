import Foundation
import Synchronization

/// The fixture PARS's memory: request counters, the fault script's progress, the AuditEvents stored (by id, with
/// how many times each arrived) and the NDJSON file they are appended to.
final class PARSFixtureRecorder: Sendable {
    private struct State {
        var statistics = PARSFixture.Statistics()
        var firstRequest: ContinuousClock.Instant?
        var output: FileHandle?
    }

    let faults: PARSFaultScript
    private let state: Mutex<State>

    /// - Parameter output: the NDJSON file to append to (created if missing), or nil to keep events in memory only.
    init(faults: PARSFaultScript, output: String?) throws {
        self.faults = faults
        var initial = State()
        if let output {
            let url = URL(fileURLWithPath: output)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: output) {
                guard FileManager.default.createFile(atPath: output, contents: nil) else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: output])
                }
            }
            let handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
            initial.output = handle
        }
        state = Mutex(initial)
    }

    var statistics: PARSFixture.Statistics { state.withLock { $0.statistics } }

    /// Counts a FHIR request and says whether the fault script makes it a 503.
    func beginRequest(now: ContinuousClock.Instant = .now) -> Bool {
        state.withLock { state in
            state.statistics.requests += 1
            let first = state.firstRequest ?? now
            state.firstRequest = first
            let unavailable: Bool
            switch faults.unavailable {
            case nil: unavailable = false
            case .requests(let count)?: unavailable = state.statistics.requests <= count
            case .duration(let duration)?: unavailable = first.duration(to: now) < duration
            }
            if unavailable { state.statistics.unavailable += 1 }
            return unavailable
        }
    }

    func rejected() {
        state.withLock { $0.statistics.rejected += 1 }
    }

    /// Stores one AuditEvent (its JSON line, without newline); returns true when the id is new.
    func store(id: String, line: [UInt8]) -> Bool {
        state.withLock { state in
            let count = state.statistics.storedIDs[id, default: 0]
            state.statistics.storedIDs[id] = count + 1
            state.statistics.stored += 1
            if let output = state.output {
                // A fixture: a failed append is not an error the client should see.
                try? output.write(contentsOf: Data(line + [UInt8(ascii: "\n")]))
            }
            return count == 0
        }
    }

    func close() {
        state.withLock { state in
            try? state.output?.close()
            state.output = nil
        }
    }
}
