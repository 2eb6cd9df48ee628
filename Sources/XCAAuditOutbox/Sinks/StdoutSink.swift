import Dispatch
import XCAAudit

/// Writes every event to standard output, one AuditEvent JSON per line: for development (`serve` in a terminal,
/// piping into `jq`). Nothing is synced; a write error (stdout closed) is retried like any sink failure.
package final class StdoutSink: AuditSink {
    package let route: AuditSinkRoute
    private let queue = DispatchQueue(label: "xca.audit.stdout")

    package init(name: String = "stdout", destinations: Set<AuditDestination> = [.remote, .local]) {
        route = AuditSinkRoute(name: name, destinations: destinations)
    }

    package func deliver(_ batch: [AuditPendingEvent]) async -> [AuditDeliveryResult] {
        let lines = batch.reduce(into: [UInt8]()) { lines, event in
            lines += event.json
            lines.append(UInt8(ascii: "\n"))
        }
        return await withCheckedContinuation { continuation in
            queue.async {
                do {
                    try FileDescriptorIO.writeAll(1, lines)
                    continuation.resume(returning: batch.map { _ in .delivered })
                } catch {
                    continuation.resume(returning: batch.map { _ in .retry(reason: "stdout: \(error)", after: nil) })
                }
            }
        }
    }

    package func shutdown() async {}
}
