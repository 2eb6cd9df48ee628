import ArgumentParser
import Foundation
import XCAAuditOutbox

/// `xca-gateway audit status`: per sink the backlog, the oldest pending event's age, the quarantined count, the
/// last delivery and the last error; and the store's size and time span.
struct AuditStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Delivery status of the audit store: backlog, oldest age, quarantined, last delivery, last error."
    )

    @OptionGroup var state: StateOptions

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() async throws {
        let status = try AuditCommand.openStore(state).status()
        let now = Date()
        if json {
            let sinks: [[String: Any]] = status.sinks.map { sink in
                var object: [String: Any] = ["name": sink.name, "backlog": sink.backlog, "quarantined": sink.quarantined]
                object["oldestPending"] = sink.oldestPending?.auditText
                object["oldestPendingAgeSeconds"] = sink.oldestPendingAge(at: now).map { ($0 * 1000).rounded() / 1000 }
                object["lastDelivery"] = sink.lastDelivery?.auditText
                object["lastError"] = sink.lastError
                object["lastErrorAt"] = sink.lastErrorAt?.auditText
                return object
            }
            var object: [String: Any] = ["path": status.path, "bytes": status.bytes, "events": status.events, "sinks": sinks]
            object["oldestRecorded"] = status.oldestRecorded?.auditText
            object["newestRecorded"] = status.newestRecorded?.auditText
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            FileHandle.standardOutput.write(data + Data("\n".utf8))
            return
        }
        var text = "audit store  \(status.path) (\(ByteCountFormatter.string(fromByteCount: status.bytes, countStyle: .file)))\n"
        text += "events       \(status.events)"
        if let oldest = status.oldestRecorded, let newest = status.newestRecorded {
            text += ", recorded \(oldest.auditText) … \(newest.auditText)"
        }
        text += "\n\n"
        var table = AuditTextTable(["SINK", "BACKLOG", "OLDEST PENDING", "QUARANTINED", "LAST DELIVERY", "LAST ERROR"], flexible: [5])
        for sink in status.sinks {
            table.append([
                sink.name,
                "\(sink.backlog)",
                sink.oldestPendingAge(at: now).map(Self.age) ?? "-",
                "\(sink.quarantined)",
                sink.lastDelivery?.auditText ?? "never",
                sink.lastError.map { error in sink.lastErrorAt.map { "\($0.auditText) \(error)" } ?? error } ?? "-",
            ])
        }
        text += status.sinks.isEmpty ? "no sinks registered\n" : table.render()
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// `42s`, `17m 3s`, `5h 12m`, `3d 4h`.
    static func age(_ seconds: TimeInterval) -> String {
        let total = Int(seconds)
        switch total {
        case ..<60: return "\(total)s"
        case ..<3_600: return "\(total / 60)m \(total % 60)s"
        case ..<86_400: return "\(total / 3_600)h \(total % 3_600 / 60)m"
        default: return "\(total / 86_400)d \(total % 86_400 / 3_600)h"
        }
    }
}
