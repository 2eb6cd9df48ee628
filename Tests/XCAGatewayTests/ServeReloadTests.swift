import Foundation
import Testing
import XCABinding
import XCAFixtures
import XCAModel
import XCATransport

/// `serve --config FILE` and SIGHUP, as a real child process against fixture communities in this process: the
/// edited file is applied without dropping the request in flight, a bad edit is refused with its problems and the
/// running configuration stays, and a rotated server certificate is used by new connections only.
@Suite("xca-gateway serve: reload on SIGHUP (child process)", .timeLimit(.minutes(2)))
struct ServeReloadTests {
    static let everywhere = GatewayQueryTests.everywhere

    static func home(_ name: String) throws -> HomeCommunityID {
        try #require(GatewayHarness.federation.community(named: name)).homeCommunityID
    }

    static func homes(_ response: CrossGatewayQueryResponse) -> Set<HomeCommunityID> {
        Set(response.registryObjects.compactMap(\.home))
    }

    @Test("SIGHUP adds a community and changes a timeout; the request in flight finishes on the old configuration; a bad edit is refused")
    func communities() async throws {
        let northGate = HoldGate()
        try await ServeFixture.with(
            communities: ["north-imaging", "midlands-imaging", "south-west-imaging"],
            gates: ["north-imaging": northGate]
        ) { fixture in
            let north = try fixture.community("north-imaging")
            let south = try fixture.community("south-west-imaging")
            try fixture.write(fixture.configuration(communities: [north, try fixture.community("midlands-imaging")]))
            let gateway = try await ServeProcess(configuration: fixture.file)
            let client = CommunityHTTPClient()
            let tls = try fixture.caller()
            let two: Set = [try Self.home("north-imaging"), try Self.home("midlands-imaging")]
            let three = two.union([try Self.home("south-west-imaging")])
            do {
                let before = try await client.findDocuments(Self.everywhere, at: gateway.url, tls: tls)
                #expect(before.status == .success)
                #expect(Self.homes(before) == two)

                // A request held at north across the reload.
                northGate.holdNext()
                async let held = client.findDocuments(Self.everywhere, at: gateway.url, tls: tls)
                await northGate.waitUntilHeld()

                try fixture.write(
                    fixture.configuration(communities: [north, try fixture.community("midlands-imaging", timeout: "70s"), south])
                )
                gateway.signal(SIGHUP)
                let reloaded = try #require(await gateway.logs.first(message: "configuration reloaded"))
                #expect(reloaded.line["level"] as? String == "notice")
                #expect(reloaded.line["xca.reload.added"] as? String == "south-west-imaging")
                #expect(reloaded.line["xca.reload.removed"] as? String == "")
                #expect(reloaded.line["xca.reload.changed"] as? String == "midlands-imaging")
                #expect(reloaded.line["xca.reload.communities"] as? String == "3")

                let after = try await client.findDocuments(Self.everywhere, at: gateway.url, tls: tls)
                #expect(after.status == .success)
                #expect(Self.homes(after) == three)

                northGate.release()
                let old = try await held
                #expect(old.status == .success)
                #expect(Self.homes(old) == two, "the request in flight answers from the configuration it started with")

                // A bad edit: every problem logged with its path, the running configuration stays.
                try fixture.write(
                    fixture.configuration(communities: [
                        north, try fixture.community("midlands-imaging", timeout: "70s"),
                        south.replacingOccurrences(of: "pki/gateway-client.pem", with: "pki/missing.pem"),
                    ])
                )
                gateway.signal(SIGHUP)
                let refused = try #require(
                    await gateway.logs.first(
                        from: reloaded.index + 1,
                        message: "reload refused: 1 problems; the previous configuration stays in force"
                    )
                )
                #expect(refused.line["level"] as? String == "error")
                let problem = try #require(
                    await gateway.logs.first(from: reloaded.index + 1) { $0["msg"] as? String == "reload: configuration problem" }
                )
                #expect(problem.index < refused.index)
                #expect(problem.line["level"] as? String == "error")
                #expect(problem.line["xca.config.path"] as? String == "communities[2].tls.certificate")
                #expect((problem.line["xca.config.problem"] as? String)?.contains("not found") == true)

                let still = try await client.findDocuments(Self.everywhere, at: gateway.url, tls: tls)
                #expect(Self.homes(still) == three)
            } catch {
                northGate.release()
                try? await client.shutdown()
                throw error
            }
            try await client.shutdown()
            gateway.signal(SIGTERM)
            #expect(await gateway.exitStatus() == 0)
        }
    }

    @Test("SIGHUP after the server certificate files are replaced: new connections get the new one, a keep-alive connection carries on")
    func serverCertificate() async throws {
        try await ServeFixture.with(communities: ["north-imaging"]) { fixture in
            try fixture.write(fixture.configuration(communities: [try fixture.community("north-imaging")]))
            let gateway = try await ServeProcess(configuration: fixture.file)
            // This client's pooled connection is set up with the old certificate; it trusts only the old CA, so
            // it can only go on working over that connection.
            let established = CommunityHTTPClient()
            let rotatedClient = CommunityHTTPClient()
            let oldOnly = CommunityHTTPClient()
            do {
                let first = try await established.findDocuments(Self.everywhere, at: gateway.url, tls: try fixture.caller())
                #expect(first.status == .success)

                // A new server identity under a CA of its own, written over the files the configuration names.
                let rotatedCA = try DevelopmentPKI.Identity.issue(.authority(commonName: "Rotated Test CA"), issuer: nil)
                let rotated = try DevelopmentPKI.Identity.issue(.server(), issuer: rotatedCA)
                let pki = fixture.directory.appendingPathComponent("pki")
                try Data(rotatedCA.certificatePEM.utf8).write(to: pki.appendingPathComponent("rotated-ca.pem"))
                try Data(rotated.certificatePEM.utf8).write(to: pki.appendingPathComponent("server.pem"), options: .atomic)
                try Data(rotated.privateKeyPEM.utf8).write(to: pki.appendingPathComponent("server-key.pem"), options: .atomic)
                try FileManager.default.setAttributes(
                    [.posixPermissions: 0o600],
                    ofItemAtPath: pki.appendingPathComponent("server-key.pem").path
                )
                gateway.signal(SIGHUP)
                let reloaded = try #require(await gateway.logs.first(message: "configuration reloaded"))
                #expect(reloaded.line["xca.reload.certificates"] as? String == "gateway")
                let serial = rotated.certificate.serialNumber.bytes.map { String(format: "%02x", $0) }.joined(separator: ":")
                #expect(reloaded.line["xca.reload.serverCertificateSerial"] as? String == serial)

                // The established keep-alive connection still answers.
                let again = try await established.findDocuments(Self.everywhere, at: gateway.url, tls: try fixture.caller())
                #expect(again.status == .success)
                // A new connection presents the rotated certificate: a caller trusting only the rotated CA gets in,
                // one trusting only the old CA does not.
                let rotatedAnswer = try await rotatedClient.findDocuments(
                    Self.everywhere,
                    at: gateway.url,
                    tls: try fixture.caller(trusting: "pki/rotated-ca.pem")
                )
                #expect(rotatedAnswer.status == .success)
                await #expect(throws: TransportError.self) {
                    _ = try await oldOnly.findDocuments(Self.everywhere, at: gateway.url, tls: try fixture.caller())
                }
            } catch {
                for client in [established, rotatedClient, oldOnly] { try? await client.shutdown() }
                throw error
            }
            for client in [established, rotatedClient, oldOnly] { try await client.shutdown() }
            gateway.signal(SIGTERM)
            #expect(await gateway.exitStatus() == 0)
        }
    }
}
