import Foundation
import Logging
import ServiceLifecycle
import XCATransport

/// A fixture PARS (audit record repository): a FHIR R4 endpoint over mutual TLS that accepts AuditEvents the way
/// the gateway sends them (audit.md §7) — `POST [base]/AuditEvent` (201), `PUT [base]/AuditEvent/{id}` (201 when
/// new, 200 when the id was stored before), and `POST [base]` with a `batch` Bundle (a `batch-response` Bundle with
/// one `entry.response.status` per entry) — and stores each AuditEvent it accepts as one NDJSON line. A
/// ``PARSFaultScript`` makes it answer 503 for a while or 422 (with an OperationOutcome) for some events.
///
/// For tests (in-process on 127.0.0.1 port 0), integrators (`xca-gateway pars-fixture`) and the embedded default
/// federation. It checks that what it gets is an AuditEvent with an id, nothing more: it is no PARS-SD validator.
package final class PARSFixture: Service, Sendable {
    /// What the fixture has seen.
    package struct Statistics: Sendable, Hashable {
        /// FHIR requests (each batch Bundle counts once).
        package var requests = 0
        /// Requests answered 503 by the fault script.
        package var unavailable = 0
        /// AuditEvents answered 422 by the fault script.
        package var rejected = 0
        /// AuditEvents stored, resends included.
        package var stored = 0
        /// Times each AuditEvent id was stored.
        package var storedIDs: [String: Int] = [:]
    }

    package let faults: PARSFaultScript
    /// The FHIR base path (`""` or e.g. `/fhir`): the AuditEvent endpoint is `basePath + "/AuditEvent"`.
    package let basePath: String
    private let recorder: PARSFixtureRecorder
    private let server: HTTPSServer

    /// - Parameters:
    ///   - output: the NDJSON file each accepted AuditEvent is appended to, or nil to keep them in memory only.
    ///   - onListening: called with the bound port once listening.
    package init(
        transport: HTTPSServerConfiguration,
        faults: PARSFaultScript = .none,
        basePath: String = "",
        output: String? = nil,
        logger: Logger = Logger(label: "xca.fixture.pars"),
        onListening: (@Sendable (Int) async -> Void)? = nil
    ) throws {
        let basePath = Self.normalised(basePath: basePath)
        self.faults = faults
        self.basePath = basePath
        let recorder = try PARSFixtureRecorder(faults: faults, output: output)
        self.recorder = recorder
        let handler = PARSRequestHandler(
            recorder: recorder,
            basePath: basePath,
            maxBodyBytes: transport.limits.maxBodyBytes
        )
        self.server = try HTTPSServer(configuration: transport, logger: logger, onListening: onListening) { request in
            try await handler.handle(request)
        }
    }

    /// `fhir/` → `/fhir`, `/` → `""`.
    package static func normalised(basePath: String) -> String {
        var basePath = basePath
        while basePath.hasSuffix("/") { basePath.removeLast() }
        if !basePath.isEmpty, !basePath.hasPrefix("/") { basePath = "/" + basePath }
        return basePath
    }

    /// A snapshot of the counters and stored ids.
    package var statistics: Statistics { recorder.statistics }

    package func run() async throws {
        defer { recorder.close() }
        try await server.run()
    }
}
