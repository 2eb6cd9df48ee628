import Foundation
import Synchronization
import XCAClient

/// The progress of `retrieve-imaging` on stderr: on a terminal one line redrawn in place (a bar, instances
/// done/total, bytes, rate); otherwise plain lines — one per study begun and ended, and one every
/// ``plainEvery`` instances — that logs can keep.
final class RetrieveImagingProgress: Sendable {
    static let plainEvery = 25

    private struct State {
        var total = 0
        var done = 0
        var bytes = 0
        var started = ContinuousClock.now
        var lastDraw: ContinuousClock.Instant?
        var drawn = false
    }

    private let state = Mutex(State())
    private let terminal: Bool

    init(terminal: Bool) {
        self.terminal = terminal
    }

    func handle(_ event: ImagingRetrieveEvent) {
        state.withLock { state in
            switch event {
            case .planned(let studies, let series, let instances):
                state.total = instances
                state.started = .now
                line(
                    "\(instances) instances in \(series) series of \(studies) \(studies == 1 ? "study" : "studies") to retrieve",
                    &state
                )
            case .studyStarted(let study, let instances):
                if !terminal { line("study \(study): asking for \(instances) instances", &state) }
            case .received(let count):
                state.bytes += count
                if terminal { draw(&state, force: false) }
            case .written:
                state.done += 1
                if terminal {
                    draw(&state, force: state.done == state.total)
                } else if state.done % Self.plainEvery == 0 {
                    line("\(state.done)/\(state.total) instances, \(ClientOutput.size(state.bytes))", &state)
                }
            case .studyFinished(let study, let written, let requested):
                if !terminal {
                    line(
                        "study \(study): \(written)/\(requested) instances written (\(state.done)/\(state.total), \(ClientOutput.size(state.bytes)))",
                        &state
                    )
                }
            }
        }
    }

    /// Ends the redrawn line.
    func finish() {
        state.withLock { state in
            if terminal, state.drawn {
                draw(&state, force: true)
                FileHandle.standardError.write(Data("\n".utf8))
                state.drawn = false
            }
        }
    }

    private func line(_ text: String, _ state: inout State) {
        if terminal, state.drawn {
            FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
            state.drawn = false
        }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Redraws at most ten times a second (and always when `force`).
    private func draw(_ state: inout State, force: Bool) {
        let now = ContinuousClock.now
        if !force, let last = state.lastDraw, last.duration(to: now) < .milliseconds(100) { return }
        state.lastDraw = now
        let width = 24
        let filled = state.total > 0 ? min(width, state.done * width / state.total) : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let elapsed = state.started.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? ClientOutput.size(Int(Double(state.bytes) / seconds)) + "/s" : "-"
        let text = "[\(bar)] \(state.done)/\(state.total) instances  \(ClientOutput.size(state.bytes))  \(rate)"
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
        state.drawn = true
    }
}
