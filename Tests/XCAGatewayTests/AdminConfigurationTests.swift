import Foundation
import Testing

@testable import XCAGateway

/// `gateway.admin`: its defaults, the warning for an address beyond loopback, and turning it off.
@Suite("Configuration: the admin listener")
struct AdminConfigurationTests {
    @Test("by default the admin listener is on, at 127.0.0.1:9464")
    func defaults() throws {
        let fixture = try ConfigurationFixture()
        let configuration = try fixture.parse(ConfigurationFixture.valid)
        #expect(configuration.gateway.admin.enabled)
        #expect(configuration.gateway.admin.listen == .init(host: "127.0.0.1", port: 9464))
        #expect(configuration.warnings.isEmpty, "\(configuration.warnings)")
        let keys = Dictionary(uniqueKeysWithValues: GatewayConfiguration.keys.map { ($0.path, $0) })
        #expect(keys["gateway.admin.listen"]?.defaultValue == "127.0.0.1:9464")
        #expect(keys["gateway.admin.enabled"]?.defaultValue == "true")
    }

    @Test("an address beyond loopback is accepted with a warning; off is off; port 0 and IPv6 loopback pass quietly")
    func addresses() throws {
        let fixture = try ConfigurationFixture()
        func parse(_ admin: String) throws -> GatewayConfiguration {
            try fixture.parse(
                try ConfigurationFixture.yaml([("  listen: 127.0.0.1:8443\n", "  listen: 127.0.0.1:8443\n  admin:\n\(admin)")])
            )
        }
        let wide = try parse("    listen: 0.0.0.0:9464\n")
        #expect(wide.warnings.contains("gateway.admin.listen", "not a loopback address", .warning))
        let off = try parse("    enabled: false\n    listen: 0.0.0.0:8443\n")
        #expect(!off.gateway.admin.enabled)
        #expect(off.warnings.isEmpty, "a disabled listener is not judged: \(off.warnings)")
        for quiet in ["    listen: 127.0.0.1:0\n", "    listen: '[::1]:9464'\n", "    listen: localhost:9000\n"] {
            let configuration = try parse(quiet)
            #expect(configuration.warnings.isEmpty, "\(quiet): \(configuration.warnings)")
        }
        #expect(try parse("    listen: '[::1]:9464'\n").gateway.admin.listen == .init(host: "::1", port: 9464))
    }
}
