import Foundation
import Logging
import XCAAudit
import XCAAuditOutbox
import XCATransport

/// The audit trail of a running gateway: the durable outbox every request's events are committed to (group commit,
/// synchronous FULL) and the delivery service that sends them on — to PARS over mutual TLS, to an NDJSON file, to
/// standard output. Opened before the gateway listens (a gateway that cannot audit does not start); delivery runs
/// beside the listener and never blocks it (PARS being down only grows the backlog).
package final class AuditTrail: Sendable {
    /// What to open.
    package struct Configuration: Sendable {
        package var settings: AuditSettings
        /// The outbox database file.
        package var outboxPath: String
        /// The outbox's high-water mark in bytes (nil: the disk's).
        package var maxOutboxBytes: Int?
        /// How long delivered events stay in the local store (nil: forever).
        package var retention: Duration?
        package var pars: PARSSink.Configuration?
        package var file: NDJSONFileSink.Configuration?
        package var stdout: Bool
        /// Events per delivery round (and per Bundle in batch mode).
        package var batchSize: Int

        package init(
            settings: AuditSettings,
            outboxPath: String,
            maxOutboxBytes: Int? = nil,
            retention: Duration? = .seconds(90 * 86_400),
            pars: PARSSink.Configuration? = nil,
            file: NDJSONFileSink.Configuration? = nil,
            stdout: Bool = false,
            batchSize: Int = 64
        ) {
            self.settings = settings
            self.outboxPath = outboxPath
            self.maxOutboxBytes = maxOutboxBytes
            self.retention = retention
            self.pars = pars
            self.file = file
            self.stdout = stdout
            self.batchSize = batchSize
        }
    }

    package let outbox: AuditOutbox
    /// The client identity and trust anchors used towards PARS (nil: no PARS), for the certificate metric.
    package let parsTLS: CommunityTLS?
    package let audit: GatewayAudit
    private let delivery: AuditDeliveryService

    package init(configuration: Configuration, logger: Logger) throws {
        var sinks: [any AuditSink] = []
        if let pars = configuration.pars { sinks.append(try PARSSink(configuration: pars)) }
        if let file = configuration.file { sinks.append(try NDJSONFileSink(configuration: file)) }
        if configuration.stdout { sinks.append(StdoutSink()) }
        let outbox = try AuditOutbox(
            path: configuration.outboxPath,
            configuration: AuditOutbox.Configuration(
                sinks: sinks.map(\.route),
                maximumBytes: configuration.maxOutboxBytes
            ),
            logger: logger
        )
        self.outbox = outbox
        self.parsTLS = configuration.pars?.tls
        self.delivery = try AuditDeliveryService(
            outbox: outbox,
            sinks: sinks,
            configuration: AuditDeliveryService.Configuration(
                batchSize: configuration.batchSize,
                retention: configuration.retention
            ),
            logger: logger
        )
        self.audit = GatewayAudit(
            settings: configuration.settings,
            journal: outbox,
            isWritable: { outbox.isWritable }
        )
    }

    /// Delivers until graceful shutdown (the batch in flight is finished; the rest stays durable in the outbox).
    package func run() async {
        await delivery.run()
    }

    /// Delivers without watching graceful shutdown, until ``finishDelivery(by:)`` has flushed the backlog (or its
    /// deadline passed), or until the task is cancelled: the gateway's shutdown drains its requests first, whose
    /// events join the backlog, then flushes.
    package func deliver() async {
        await delivery.deliver()
    }

    /// Delivery keeps going until nothing is pending, or stops at `deadline`; see ``deliver()``.
    package func finishDelivery(by deadline: ContinuousClock.Instant) {
        delivery.finish(by: deadline)
    }

    /// Events not yet acknowledged by every sink (the largest backlog of one sink); nil when it cannot be read.
    package func undelivered() async -> Int? {
        guard let health = try? await outbox.health() else { return nil }
        return health.sinks.map(\.backlog).max() ?? 0
    }

    package func close() async {
        try? await outbox.close()
    }
}
