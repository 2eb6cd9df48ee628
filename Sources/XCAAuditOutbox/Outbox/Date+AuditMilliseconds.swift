import Foundation

extension Date {
    /// Milliseconds since 1970 (UTC), as the outbox stores times (AuditEvent.recorded has millisecond precision).
    package var auditMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    package init(auditMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(auditMilliseconds) / 1000)
    }
}
