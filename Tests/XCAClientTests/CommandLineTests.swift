import Foundation
import Testing
import XCAClient
import XCAFixtures
import XCAModel

/// The client commands, `certs check` and `config check` as child processes: exit codes, what they print, and one
/// end-to-end run against `xca-gateway serve`.
@Suite("xca-gateway client commands (child processes)", .serialized, .timeLimit(.minutes(3)))
struct CommandLineTests {
    static let validConfiguration = """
        gateway:
          homeCommunityId: urn:oid:1.2.826.0.1.3680043.10.1
          listen: 127.0.0.1:8443
          tls:
            certificate: pki/server.pem
            privateKey: pki/server-key.pem
            trustAnchors: [pki/ca.pem]
        communities:
          - name: north-imaging
            homeCommunityId: urn:oid:1.2.826.0.1.3680043.10.2
            endpoints:
              query: https://localhost:9001/xca
            tls:
              certificate: pki/gateway-client.pem
              privateKey: pki/gateway-client-key.pem
              trustAnchors: [pki/ca.pem]

        """

    /// A directory with a development PKI under `pki/` and `gateway.yaml` holding `yaml`.
    func configurationDirectory(_ yaml: String) throws -> URL {
        let directory = try CommandLineTool.temporaryDirectory("config")
        try DevelopmentPKI.initialize(directory: directory.appendingPathComponent("pki"))
        try yaml.write(to: directory.appendingPathComponent("gateway.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test("config check: a good file exits 0; a bad one exits 78 listing every problem with its path")
    func configCheck() async throws {
        try CommandLineTool.requireExecutable()
        let good = try configurationDirectory(Self.validConfiguration)
        defer { try? FileManager.default.removeItem(at: good) }
        let ok = try await CommandLineTool.run(["config", "check", good.appendingPathComponent("gateway.yaml").path])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("OK"))

        let broken = Self.validConfiguration
            .replacingOccurrences(of: "urn:oid:1.2.826.0.1.3680043.10.2", with: "1.2.826.0.1.3680043.10.2")
            .replacingOccurrences(of: "pki/server-key.pem", with: "pki/missing-key.pem")
            .replacingOccurrences(of: "listen: 127.0.0.1:8443", with: "listen: 127.0.0.1:8443\n  colour: blue")
        let bad = try configurationDirectory(broken)
        defer { try? FileManager.default.removeItem(at: bad) }
        let file = bad.appendingPathComponent("gateway.yaml").path
        let refused = try await CommandLineTool.run(["config", "check", file])
        #expect(refused.status == 78)
        for path in ["communities[0].homeCommunityId", "gateway.tls.privateKey", "gateway.colour"] {
            #expect(refused.stdout.contains(": error: \(path):"), "\(path) not reported:\n\(refused.stdout)")
        }
        #expect(refused.stdout.contains("\(file):"))

        let json = try await CommandLineTool.run(["config", "check", file, "--json"])
        #expect(json.status == 78)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["valid"] as? Bool == false)
        #expect((report["errors"] as? Int ?? 0) >= 3)
    }

    @Test("certs check: a fresh development PKI exits 0; an expired certificate in use exits 1")
    func certsCheck() async throws {
        try CommandLineTool.requireExecutable()
        let state = try CommandLineTool.temporaryDirectory("state")
        defer { try? FileManager.default.removeItem(at: state) }
        let pki = state.appendingPathComponent("pki")
        try DevelopmentPKI.initialize(directory: pki)
        let fresh = try await CommandLineTool.run(["certs", "check", "--state", state.path])
        #expect(fresh.status == 0, "\(fresh.stdout)\(fresh.stderr)")
        #expect(fresh.stdout.contains("client.pem") && fresh.stdout.contains("ok"))
        #expect(!fresh.stdout.contains("bad/"))

        let json = try await CommandLineTool.run(["certs", "check", "--state", state.path, "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["ok"] as? Bool == true)
        #expect((report["certificates"] as? [Any])?.count == 4 + DevelopmentPKI.defaultCommunities.count)

        let client = pki.appendingPathComponent("client.pem")
        try FileManager.default.removeItem(at: client)
        try FileManager.default.copyItem(at: pki.appendingPathComponent("bad/expired-client.pem"), to: client)
        let expired = try await CommandLineTool.run(["certs", "check", "--state", state.path])
        #expect(expired.status == 1)
        let line = try #require(
            expired.stdout.split(separator: "\n").first { line in line.contains("client.pem") && !line.contains("gateway-client") }
        )
        #expect(line.hasSuffix("expired"))
    }

    @Test("certs check --config lists a configuration's certificates even when an expired one makes it refuse to load")
    func certsCheckConfiguration() async throws {
        try CommandLineTool.requireExecutable()
        let yaml =
            Self.validConfiguration.replacingOccurrences(
                of: "certificate: pki/gateway-client.pem\n      privateKey: pki/gateway-client-key.pem",
                with: "certificate: pki/bad/expired-client.pem\n      privateKey: pki/bad/expired-client-key.pem"
            ) + """
            audit:
              pars:
                url: https://pars.example/FHIR/R4
                tls:
                  certificate: pki/client.pem
                  privateKey: pki/client-key.pem
                  trustAnchors: [pki/ca.pem]

            """
        #expect(yaml != Self.validConfiguration)
        let directory = try configurationDirectory(yaml)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("gateway.yaml").path
        let result = try await CommandLineTool.run(["certs", "check", "--config", file])
        #expect(result.status == 1)
        #expect(result.stdout.contains("gateway server identity"))
        #expect(result.stdout.contains("community north-imaging client identity"))
        let pars = try #require(result.stdout.split(separator: "\n").first { $0.contains("PARS client identity") })
        #expect(pars.contains("pki/client.pem") && pars.hasSuffix("ok"))
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("expired-client.pem") })
        #expect(line.hasSuffix("expired"))
        // One row per file: ca.pem is trusted by the gateway and the community.
        #expect(result.stdout.split(separator: "\n").filter { $0.contains("ca.pem") }.count == 1)
        let check = try await CommandLineTool.run(["config", "check", file])
        #expect(check.status == 78)
    }

    @Test("Invalid input exits 64 before any connection, without echoing the NHS number")
    func invalidInput() async throws {
        try CommandLineTool.requireExecutable()
        let state = try CommandLineTool.temporaryDirectory("state")
        defer { try? FileManager.default.removeItem(at: state) }
        try DevelopmentPKI.initialize(directory: state.appendingPathComponent("pki"))
        let unreachable = ["--gateway", "https://127.0.0.1:1", "--state", state.path]
        for arguments in [
            ["query", "--patient", "9990000019"],
            ["query", "--patient", "999 000 0018", "--community", "1.2.3"],
            ["query", "--type", "GetDocuments", "--document", "1.2.3"],
            ["retrieve-imaging", "--patient", "9990000019"],
            ["retrieve-imaging", "--patient", "9990000018", "--study", "1.2.x"],
            ["retrieve", "--document", "1..2", "--repository", "1.2.3", "--community", "urn:oid:1.2.3"],
        ] {
            let result = try await CommandLineTool.run(arguments + unreachable)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("error: "))
            #expect(!result.stderr.contains("9990000019") && !result.stderr.contains("cannot connect"))
        }
    }

    @Test("query against a gateway with a community down: exit 2 and the RegistryError on stderr")
    func partialSuccessExitCode() async throws {
        try CommandLineTool.requireExecutable()
        let down = HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.3680043.10.99")
        try await ClientHarness.with([.fixture("north-imaging"), .init(kind: .down(name: "east-imaging", home: down))])
        { harness in
            let url = try #require(harness.gatewayURL)
            let result = try await CommandLineTool.run([
                "query", "--patient", "999 000 0018", "--gateway", url,
                "--cert", harness.pkiDirectory + "/client.pem", "--key", harness.pkiDirectory + "/client-key.pem",
                "--ca", harness.pkiDirectory + "/ca.pem",
            ])
            #expect(result.status == 2)
            #expect(result.stderr.contains("status: PartialSuccess"))
            #expect(result.stderr.contains("XDSUnavailableCommunity  error  at \(down.rawValue) (east-imaging)"))
            let north = try FixtureExpectations.community("north-imaging")
            let rows = result.stdout.split(separator: "\n").dropFirst()
            #expect(
                rows.count == FixtureExpectations.approvedEntries(of: FixtureExpectations.everywhere, in: [north]).count
            )
            #expect(rows.allSatisfy { $0.contains("north-imaging") })
        }
    }

    @Test("End to end: serve, then query, query --json, retrieve and retrieve-imaging as child processes")
    func endToEnd() async throws {
        try CommandLineTool.requireExecutable()
        let work = try CommandLineTool.temporaryDirectory("e2e")
        defer { try? FileManager.default.removeItem(at: work) }
        let state = work.appendingPathComponent("state").path

        let serve = Process()
        serve.executableURL = CommandLineTool.executable
        serve.arguments = ["serve", "--listen", "127.0.0.1:0", "--admin-listen", "off", "--state", state, "--log-level", "warning"]
        let banner = Pipe()
        serve.standardOutput = banner
        serve.standardError = FileHandle.nullDevice
        try serve.run()
        defer { if serve.isRunning { serve.terminate() } }
        let text = await CommandLineTool.read(banner.fileHandleForReading, until: "--data-binary")
        let listening = try #require(text.split(separator: "\n").first { $0.hasPrefix("gateway listening on ") })
        let url = String(try #require(listening.split(separator: " ").first { $0.hasPrefix("https://127.0.0.1:") }))
        let connection = ["--gateway", url, "--state", state]
        let patient = FixtureExpectations.everywhere
        let entries = FixtureExpectations.approvedEntries(of: patient)

        let table = try await CommandLineTool.run(["query", "--patient", "999 000 0018"] + connection)
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("DATE") == true)
        #expect(lines.count == entries.count + 1)
        for community in FixtureExpectations.federation.communities { #expect(table.stdout.contains(community.name)) }
        #expect(table.stdout.contains("imaging manifest"))
        #expect(table.stderr.contains("status: Success"))

        let json = try await CommandLineTool.run(["query", "--patient", "9990000018", "--json"] + connection)
        #expect(json.status == 0)
        let objects = try json.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(
            Set(objects.compactMap { $0["documentUniqueId"] as? String }) == Set(entries.map(\.entry.uniqueID.rawValue))
        )

        let (community, report) = try #require(entries.first { $0.entry.mimeType != "application/dicom" })
        let documents = work.appendingPathComponent("documents")
        let retrieve = try await CommandLineTool.run(
            [
                "retrieve", "--document", report.uniqueID.rawValue, "--repository",
                try #require(report.repositoryUniqueID).rawValue,
                "--community", community.homeCommunityID.rawValue, "--out", documents.path,
            ] + connection
        )
        #expect(retrieve.status == 0, "\(retrieve.stderr)")
        let document = try #require(community.documents.first { $0.uniqueID == report.uniqueID })
        let written = documents.appendingPathComponent(
            report.uniqueID.rawValue + "." + MIMEFileExtension.of(document.mimeType)
        )
        #expect([UInt8](try Data(contentsOf: written)) == (try await document.content.collect()))

        let images = work.appendingPathComponent("images")
        let imaging = try await CommandLineTool.run(
            ["retrieve-imaging", "--patient", "9990000018", "--out", images.path] + connection
        )
        #expect(imaging.status == 0, "\(imaging.stderr)")
        let expected = FixtureExpectations.instances(of: patient)
        for instance in expected.values {
            let file = images.appendingPathComponent(
                "\(instance.studyInstanceUID)/\(instance.seriesInstanceUID)/\(instance.sopInstanceUID).dcm"
            )
            #expect([UInt8](try Data(contentsOf: file)) == (try await FixtureExpectations.rendition(instance)))
        }
        #expect(imaging.stdout.contains("wrote \(expected.count) instances"))
        // Not a terminal: plain progress lines, no carriage returns.
        #expect(imaging.stderr.contains("instances in") && !imaging.stderr.contains("\r"))

        serve.terminate()
        await CommandLineTool.waitForExit(serve)
        #expect(serve.terminationStatus == 0)
    }
}
