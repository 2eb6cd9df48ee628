import Foundation
import Testing
import XCAAudit
import XCAAuditOutbox
import XCAFederation
import XCAFixtures
import XCAGateway
import XCAModel
import XCASOAP
import XCATransport

/// The admin listener of a real gateway (127.0.0.1 port 0, plain HTTP) in front of real fixture communities over
/// mutual TLS: what `/metrics` counts after real requests, and what `/health/ready` decides.
@Suite("Observability: /metrics and /health on the admin listener", .timeLimit(.minutes(5)))
struct ObservabilityTests {
    static let patient = "9990000018"  // in every fixture community

    @Test("Success then PartialSuccess: request and upstream counters, the down community's outcome, no patient id")
    func queriesCounted() async throws {
        let down = HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.999.41")
        let members = Array(GatewayHarness.allFixtures.prefix(2)) + [.init(kind: .down(name: "down-imaging", home: down))]
        let north = try #require(GatewayHarness.federation.community(named: "north-imaging"))
        let entryID = try #require(north.registryObjects.first { $0.kind == .extrinsicObject }?.id)
        try await GatewayHarness.with(members, admin: true) { harness in
            let (before, _) = try await AdminClient.scrape(harness.adminURL)
            // Made before any request: every community's series at zero.
            #expect(before.value("xca_upstream_requests_total", ["community": "down-imaging", "transaction": "ITI-38", "outcome": "unavailable"]) == 0)
            #expect(before.value("xca_requests_total", ["transaction": "ITI-38", "outcome": "success"]) == 0)

            // Success: GetDocuments routed to north-imaging alone.
            let get = CrossGatewayQueryRequest(
                .getDocuments,
                parameters: [QueryParameter(name: "$XDSDocumentEntryEntryUUID", values: ["('\(entryID.rawValue)')"])],
                home: north.homeCommunityID
            )
            let answer = try await harness.post(
                try get.encode(addressing: .request(action: Transaction.iti38.requestAction)),
                action: Transaction.iti38.requestAction,
                path: "/xca"
            )
            let got = try CrossGatewayQueryResponse.decode(Array(buffer: try await answer.body.collect(upTo: 16 << 20))).response
            #expect(got.status == .success)
            // PartialSuccess: FindDocuments everywhere, down-imaging refusing connections.
            let (found, _, _, _) = try await harness.findDocuments(Self.patient)
            #expect(found.status == .partialSuccess)

            let (metrics, text) = try await AdminClient.scrape(harness.adminURL)
            #expect(metrics.value("xca_requests_total", ["transaction": "ITI-38", "outcome": "success"]) == 1)
            #expect(metrics.value("xca_requests_total", ["transaction": "ITI-38", "outcome": "partial_success"]) == 1)
            #expect(metrics.value("xca_requests_total", ["transaction": "ITI-38", "outcome": "failure"]) == 0)
            #expect(metrics.value("xca_request_duration_seconds_count", ["transaction": "ITI-38"]) == 2)
            #expect(metrics.value("xca_request_duration_seconds_bucket", ["transaction": "ITI-38", "le": "+Inf"]) == 2)
            #expect((metrics.value("xca_request_duration_seconds_sum", ["transaction": "ITI-38"]) ?? 0) > 0)
            let upstream = { (community: String, outcome: String) in
                metrics.value("xca_upstream_requests_total", ["community": community, "transaction": "ITI-38", "outcome": outcome])
            }
            #expect(upstream("north-imaging", "success") == 2)
            #expect(upstream("midlands-imaging", "success") == 1)
            #expect(upstream("down-imaging", "unavailable") == 1)
            #expect(upstream("down-imaging", "success") == 0)
            #expect(metrics.value("xca_upstream_duration_seconds_count", ["community": "down-imaging", "transaction": "ITI-38"]) == 1)
            #expect(metrics.value("xca_upstream_duration_seconds_count", ["community": "north-imaging", "transaction": "ITI-38"]) == 2)
            // State gauges: circuits closed, connections seen, certificates listed.
            #expect(metrics.value("xca_circuit_state", ["community": "down-imaging"]) == 0)
            #expect(metrics.value("xca_requests_in_flight") == 0)
            #expect((metrics.value("xca_inbound_connections_open") ?? -1) >= 0)
            #expect(metrics.value("xca_inbound_requests_shed_total") == 0)
            #expect(metrics.all("xca_certificate_expiry_days").contains { $0.labels["use"] == "community/down-imaging/client" })
            #expect(metrics.types["xca_requests_total"] == "counter")
            #expect(metrics.types["xca_request_duration_seconds"] == "histogram")
            #expect(metrics.types["xca_circuit_state"] == "gauge")
            // Every sample belongs to a documented metric; every family has its HELP line.
            let documented = Set(GatewayMetric.all.map(\.name))
            for sample in metrics.samples {
                let family = ["_bucket", "_sum", "_count"].reduce(sample.name) { name, suffix in
                    name.hasSuffix(suffix) && documented.contains(String(name.dropLast(suffix.count))) ? String(name.dropLast(suffix.count)) : name
                }
                #expect(documented.contains(family), "undocumented series \(sample.name)")
            }
            for metric in GatewayMetric.all where metrics.types[metric.name] != nil {
                #expect(text.contains("# HELP \(metric.name) "), "no HELP for \(metric.name)")
            }
            // No patient identifier anywhere in the scrape.
            for patient in GatewayHarness.federation.patients {
                #expect(!text.contains(patient.nhsNumber.rawValue), "the scrape names a patient")
            }
        }
    }

    @Test("retrieves and unreadable requests: ITI-39 partial_success, RAD-69 with RAD-75 legs, a fault of unknown transaction")
    func retrievesCounted() async throws {
        let north = try GatewayRetrieveTests.community("north-imaging")
        let down = HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.999.43")
        let document = try #require(north.documents.first)
        let iti39 = RetrieveDocumentSetRequest(documents: [
            DocumentRequest(homeCommunityID: north.homeCommunityID, repositoryUniqueID: document.repositoryUniqueID, documentUniqueID: document.uniqueID),
            DocumentRequest(homeCommunityID: down, repositoryUniqueID: document.repositoryUniqueID, documentUniqueID: DocumentUniqueID(rawValue: "1.2.3.4.5.6")),
        ])
        let study = try #require(north.instances.first?.studyInstanceUID)
        var rad69 = GatewayRetrieveTests.imagingRequest(
            north.instances.filter { $0.studyInstanceUID == study }.map { (north.homeCommunityID, $0) }
        )
        for s in rad69.studies.indices {
            for r in rad69.studies[s].series.indices {
                for d in rad69.studies[s].series[r].documents.indices { rad69.studies[s].series[r].documents[d].homeCommunityID = nil }
            }
        }
        let imaging = rad69
        let members = [GatewayHarness.Member.fixture("north-imaging"), .init(kind: .down(name: "down-imaging", home: down))]
        try await GatewayHarness.with(members, admin: true) { harness in
            let retrieved = try await GatewayRetrieveTests.send(
                harness, try iti39.encode(addressing: .request(action: Transaction.iti39.requestAction)),
                action: Transaction.iti39.requestAction, path: "/xca"
            )
            #expect(retrieved.response.status == .partialSuccess)
            let images = try await GatewayRetrieveTests.send(
                harness, try imaging.encode(addressing: .request(action: Transaction.rad69.requestAction)),
                action: Transaction.rad69.requestAction, path: "/xcai"
            )
            #expect(images.response.status == .success)
            let garbage = try await harness.post(Array("not a SOAP envelope".utf8), action: "urn:example:unknown", path: "/xca")
            #expect(garbage.status.code == 400)
            _ = try await garbage.body.collect(upTo: 1 << 20)

            let (metrics, _) = try await AdminClient.scrape(harness.adminURL)
            #expect(metrics.value("xca_requests_total", ["transaction": "ITI-39", "outcome": "partial_success"]) == 1)
            #expect(metrics.value("xca_requests_total", ["transaction": "RAD-69", "outcome": "success"]) == 1)
            #expect(metrics.value("xca_requests_total", ["transaction": "unknown", "outcome": "fault"]) == 1)
            #expect(metrics.value("xca_requests_total", ["transaction": "unknown", "outcome": "success"]) == nil, "impossible series are not made")
            let upstream = { (community: String, transaction: String, outcome: String) in
                metrics.value("xca_upstream_requests_total", ["community": community, "transaction": transaction, "outcome": outcome])
            }
            #expect(upstream("north-imaging", "ITI-39", "success") == 1)
            #expect(upstream("down-imaging", "ITI-39", "unavailable") == 1)
            #expect((upstream("north-imaging", "RAD-75", "success") ?? 0) >= 1)
            #expect(metrics.value("xca_upstream_duration_seconds_count", ["community": "north-imaging", "transaction": "RAD-75"]) == upstream("north-imaging", "RAD-75", "success"))
            #expect(metrics.all("xca_upstream_requests_total").allSatisfy { $0.labels["transaction"] != "RAD-69" })
        }
    }

    @Test("/health/live, 404 elsewhere, GET only")
    func probesAndRoutes() async throws {
        try await GatewayHarness.with(Array(GatewayHarness.allFixtures.prefix(1)), admin: true) { harness in
            let adminURL = try #require(harness.adminURL)
            let live = try await AdminClient.get(adminURL + "/health/live")
            #expect(live.status == 200)
            #expect(live.body == "live\n")
            let ready = try await AdminClient.ready(adminURL)
            #expect(ready.status == 200)
            #expect(ready.ready == true)
            #expect(Set(ready.checks.keys) == ["configuration", "listener", "audit", "circuits", "certificates"])
            #expect(ready.checks.values.allSatisfy { $0["ok"] as? Bool == true })
            let metrics = try await AdminClient.get(adminURL + "/metrics?name=x")
            #expect(metrics.status == 200)
            #expect(metrics.contentType?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(try await AdminClient.get(adminURL + "/").status == 404)
            #expect(try await AdminClient.get(adminURL + "/xca").status == 404)
            #expect(try await AdminClient.post(adminURL + "/metrics").status == 405)
        }
    }

    @Test("an open circuit is gauge 2 and circuit_open calls; still ready while another community is closed")
    func circuitOpen() async throws {
        let down = HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.999.42")
        let members = [GatewayHarness.allFixtures[0], GatewayHarness.Member(kind: .down(name: "down-imaging", home: down))]
        try await GatewayHarness.with(
            members,
            circuitBreaker: .init(failureThreshold: 2, openDuration: .seconds(600)),
            admin: true
        ) { harness in
            for _ in 0..<3 { _ = try await harness.findDocuments(Self.patient) }
            let (metrics, _) = try await AdminClient.scrape(harness.adminURL)
            #expect(metrics.value("xca_circuit_state", ["community": "down-imaging"]) == 2)
            #expect(metrics.value("xca_circuit_state", ["community": "north-imaging"]) == 0)
            let upstream = { (outcome: String) in
                metrics.value("xca_upstream_requests_total", ["community": "down-imaging", "transaction": "ITI-38", "outcome": outcome])
            }
            #expect(upstream("unavailable") == 2)
            #expect(upstream("circuit_open") == 1)
            // Not attempted: not timed.
            #expect(metrics.value("xca_upstream_duration_seconds_count", ["community": "down-imaging", "transaction": "ITI-38"]) == 2)

            let ready = try await AdminClient.ready(harness.adminURL)
            #expect(ready.status == 200)
            #expect(ready.checks["circuits"]?["ok"] as? Bool == true)
            #expect((ready.checks["circuits"]?["warning"] as? String)?.contains("down-imaging") == true)
        }
    }

    @Test("every enabled community's circuit open: not ready (503) until the open period has passed")
    func allCircuitsOpen() async throws {
        let homes = (1...2).map { HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.999.5\($0)") }
        let members = homes.enumerated().map { GatewayHarness.Member(kind: .down(name: "down-\($0.offset)", home: $0.element)) }
        try await GatewayHarness.with(
            members,
            circuitBreaker: .init(failureThreshold: 1, openDuration: .seconds(600)),
            admin: true
        ) { harness in
            let (response, _, _, _) = try await harness.findDocuments(Self.patient)
            #expect(response.status == .failure)
            let ready = try await AdminClient.ready(harness.adminURL)
            #expect(ready.status == 503)
            #expect(ready.ready == false)
            let circuits = try #require(ready.checks["circuits"])
            #expect(circuits["ok"] as? Bool == false)
            #expect((circuits["problem"] as? String)?.contains("down-0") == true)
            #expect(ready.checks["listener"]?["ok"] as? Bool == true)
            let (metrics, _) = try await AdminClient.scrape(harness.adminURL)
            #expect(metrics.value("xca_circuit_state", ["community": "down-0"]) == 2)
            #expect(metrics.value("xca_circuit_state", ["community": "down-1"]) == 2)
            #expect(metrics.value("xca_requests_total", ["transaction": "ITI-38", "outcome": "failure"]) == 1)
        }
    }

    @Test("an open period that has passed counts as half-open: gauge 1 and ready again")
    func openPeriodPassed() async throws {
        let home = HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.999.61")
        try await GatewayHarness.with(
            [GatewayHarness.Member(kind: .down(name: "down-imaging", home: home))],
            circuitBreaker: .init(failureThreshold: 1, openDuration: .milliseconds(1)),
            admin: true
        ) { harness in
            _ = try await harness.findDocuments(Self.patient)
            let state = try #require(harness.gateway.breakers.snapshot()[home])
            guard case .open(let until) = state else {
                Issue.record("the circuit did not open: \(state)")
                return
            }
            // The open period (1 ms) ended when `until` passed; by now it has.
            #expect(until <= .now)
            let (metrics, _) = try await AdminClient.scrape(harness.adminURL)
            #expect(metrics.value("xca_circuit_state", ["community": "down-imaging"]) == 1)
            let ready = try await AdminClient.ready(harness.adminURL)
            #expect(ready.status == 200)
        }
    }

    @Test("the audit outbox cannot be written: not ready with the audit problem, refused requests counted")
    func auditUnwritable() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xca-metrics-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // A high-water mark the first few requests exceed (GatewayAuditTests' no-audit-no-access set-up).
        let trail = try GatewayAuditTests.trail(directory, maxOutboxBytes: 96 * 1024)
        try await GatewayHarness.with(Array(GatewayHarness.allFixtures.prefix(1)), audit: trail, admin: true) { harness in
            let (before, _) = try await AdminClient.scrape(harness.adminURL)
            #expect(before.value("xca_audit_outbox_writable") == 1)
            #expect(try await AdminClient.ready(harness.adminURL).status == 200)
            var refused = false
            for _ in 1...200 where !refused {
                let request = GatewayHarness.findDocumentsRequest(Self.patient)
                let answer = try await harness.post(
                    try request.encode(addressing: .request(action: Transaction.iti38.requestAction)),
                    action: Transaction.iti38.requestAction,
                    path: "/xca"
                )
                let body = String(buffer: try await answer.body.collect(upTo: 64 << 20))
                refused = body.contains("no audit, no access")
            }
            try #require(refused, "the outbox never filled")
            let ready = try await AdminClient.ready(harness.adminURL)
            #expect(ready.status == 503)
            let audit = try #require(ready.checks["audit"])
            #expect(audit["ok"] as? Bool == false)
            #expect((audit["problem"] as? String)?.contains("no audit, no access") == true)
            let (metrics, _) = try await AdminClient.scrape(harness.adminURL)
            #expect(metrics.value("xca_audit_outbox_writable") == 0)
            #expect((metrics.value("xca_requests_total", ["transaction": "ITI-38", "outcome": "refused"]) ?? 0) >= 1)
            #expect((metrics.value("xca_requests_total", ["transaction": "ITI-38", "outcome": "success"]) ?? 0) >= 1)
        }
    }

    @Test("certificate expiry: the dev PKI's notAfter in days; expired is not ready, ending soon a warning")
    func certificateExpiry() async throws {
        let pki = GatewayHarness.pki
        try await GatewayHarness.with(Array(GatewayHarness.allFixtures.prefix(1)), admin: true) { harness in
            let (metrics, _) = try await AdminClient.scrape(harness.adminURL)
            let now = Date()
            for (use, identity) in [
                ("gateway/server", pki.server), ("gateway/trust-anchor", pki.ca),
                ("community/north-imaging/client", pki.gatewayClient), ("community/north-imaging/trust-anchor", pki.ca),
            ] {
                let subject = identity.certificate.subject.description
                let expected = identity.certificate.notValidAfter.timeIntervalSince(now) / 86_400
                let days = try #require(metrics.value("xca_certificate_expiry_days", ["use": use, "subject": subject]), "\(use)")
                #expect(abs(days - expected) <= 1, "\(use): \(days) days, notAfter says \(expected)")
                #expect(days > 300)
            }
            // The same certificates, judged later: within 30 days of the server's notAfter a warning, past it a problem.
            let notAfter = pki.server.certificate.notValidAfter
            let soon = harness.observability.readiness(now: notAfter.addingTimeInterval(-10 * 86_400))
            #expect(soon.check("certificates")?.ok == true)
            #expect(soon.check("certificates")?.warning?.contains("gateway/server") == true)
            #expect(soon.check("certificates")?.warning?.contains("expires in 10 days") == true)
            let late = harness.observability.readiness(now: notAfter.addingTimeInterval(86_400))
            #expect(late.isReady == false)
            #expect(late.check("certificates")?.problem?.contains("gateway/server") == true)
            #expect(late.check("certificates")?.problem?.contains("expired") == true)
            let scraped = try PrometheusExposition(
                String(decoding: await harness.observability.scrape(now: notAfter.addingTimeInterval(2 * 86_400)), as: UTF8.self)
            )
            let expired = try #require(
                scraped.value("xca_certificate_expiry_days", ["use": "gateway/server", "subject": pki.server.certificate.subject.description])
            )
            #expect(abs(expired + 2) < 0.01)
        }
    }

    @Test("certificate expiry covers the client identity and trust anchors used towards PARS")
    func parsCertificates() async throws {
        let pki = GatewayHarness.pki
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xca-pars-cert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tls = try CommunityTLS(
            certificateChain: .pem(pki.gatewayClient.certificatePEM),
            privateKey: .pem(pki.gatewayClient.privateKeyPEM),
            trustAnchors: [.pem(pki.ca.certificatePEM)]
        )
        var configuration = AuditTrail.Configuration(
            settings: AuditSettings(asid: "200000000999", baseURL: "https://gateway.test", processID: "1"),
            outboxPath: directory.appendingPathComponent("outbox.sqlite").path
        )
        // Nothing listens there: delivery fails and retries; the metric only reads the configured material.
        configuration.pars = PARSSink.Configuration(baseURL: "https://127.0.0.1:1/FHIR/R4", tls: tls)
        let trail = try AuditTrail(configuration: configuration, logger: GatewayHarness.quiet)
        try await GatewayHarness.with(Array(GatewayHarness.allFixtures.prefix(1)), audit: trail, admin: true) { harness in
            let (metrics, _) = try await AdminClient.scrape(harness.adminURL)
            let now = Date()
            for (use, identity) in [("audit/pars/client", pki.gatewayClient), ("audit/pars/trust-anchor", pki.ca)] {
                let subject = identity.certificate.subject.description
                let expected = identity.certificate.notValidAfter.timeIntervalSince(now) / 86_400
                let days = try #require(metrics.value("xca_certificate_expiry_days", ["use": use, "subject": subject]), "\(use)")
                #expect(abs(days - expected) <= 1, "\(use): \(days) days, notAfter says \(expected)")
            }
            let later = harness.observability.readiness(now: pki.gatewayClient.certificate.notValidAfter.addingTimeInterval(86_400))
            #expect(later.check("certificates")?.problem?.contains("audit/pars/client") == true)
        }
    }

    @Test("docs/operations.md lists every metric with its type and labels")
    func documented() throws {
        let url = ConfigurationDocumentationTests.root.appendingPathComponent("docs/operations.md")
        let document = try String(contentsOf: url, encoding: .utf8)
        let rows = document.split(separator: "\n").filter { $0.hasPrefix("| `xca_") }
        #expect(rows.count == GatewayMetric.all.count)
        for metric in GatewayMetric.all {
            let labels = metric.labels.isEmpty ? "–" : metric.labels.map { "`\($0)`" }.joined(separator: ", ")
            #expect(
                rows.contains { $0.hasPrefix("| `\(metric.name)` | \(metric.kind.rawValue) | \(labels) | ") },
                "no row for \(metric.name) (\(metric.kind.rawValue), \(labels))"
            )
        }
        for outcome in RequestOutcome.allCases {
            #expect(document.contains("`\(outcome.rawValue)`"), "request outcome \(outcome.rawValue) undocumented")
        }
        for outcome in UpstreamOutcome.allCases {
            #expect(document.contains("`\(outcome.rawValue)`"), "upstream outcome \(outcome.rawValue) undocumented")
        }
    }

    @Test("how a leg ends becomes its upstream outcome")
    func upstreamOutcomes() {
        let none: [RegistryError] = []
        let unknownPatient = [RegistryError(.unknownPatientID, codeContext: "unknown", severity: .error)]
        let leg: LegOutcome<Int> = .completed(1, elapsed: .zero)
        #expect(UpstreamOutcome.of(leg, judged: .answered(errors: none, resultCount: 3)) == .success)
        #expect(UpstreamOutcome.of(leg, judged: .answered(errors: unknownPatient, resultCount: 0)) == .failure)
        #expect(UpstreamOutcome.of(leg, judged: .answered(errors: unknownPatient, resultCount: 2)) == .partialSuccess)
        #expect(UpstreamOutcome.of(leg, judged: .faulted(reason: "f")) == .error)
        #expect(UpstreamOutcome.of(leg, judged: .malformed(reason: "m")) == .error)
        let unavailable = CommunityOutcome.unavailable(reason: "r")
        #expect(UpstreamOutcome.of(LegOutcome<Int>.timedOut(elapsed: .seconds(1)), judged: unavailable) == .timeout)
        #expect(UpstreamOutcome.of(LegOutcome<Int>.rejected(retryAt: .now), judged: unavailable) == .circuitOpen)
        #expect(UpstreamOutcome.of(LegOutcome<Int>.failed(CancellationError(), elapsed: .zero), judged: unavailable) == .cancelled)
        #expect(
            UpstreamOutcome.of(LegOutcome<Int>.failed(TransportError(.deadlineExceeded, "late"), elapsed: .zero), judged: unavailable)
                == .timeout
        )
        #expect(
            UpstreamOutcome.of(LegOutcome<Int>.failed(TransportError(.connect, "refused"), elapsed: .zero), judged: unavailable)
                == .unavailable
        )
        #expect(
            UpstreamOutcome.of(LegOutcome<Int>.failed(SOAPFault.receiver("x"), elapsed: .zero), judged: .faulted(reason: "f")) == .error
        )
    }
}
