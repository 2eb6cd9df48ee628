import Foundation
import Testing

@testable import XCAGateway

/// One thing start-up refuses: an edit of the valid configuration and the problem it must cause.
struct Refusal: Sendable, CustomTestStringConvertible {
    let name: String
    let edits: [Edit]
    let path: String
    let message: String

    struct Edit: Sendable {
        let text: String
        let replacement: String
    }

    init(_ name: String, _ text: String, _ replacement: String, _ path: String, _ message: String) {
        self.name = name
        self.edits = [Edit(text: text, replacement: replacement)]
        self.path = path
        self.message = message
    }

    var testDescription: String { name }

    static let all: [Refusal] = [
        Refusal(
            "audit: PARS without its TLS identity",
            "query:\n",
            "audit:\n  pars:\n    url: https://pars.example/FHIR/R4\nquery:\n",
            "audit.pars.tls",
            "required key is missing"
        ),
        Refusal(
            "audit: PARS over plain http",
            "query:\n",
            "audit:\n  pars:\n    url: http://pars.example/FHIR/R4\n    tls:\n      certificate: pki/gateway-client.pem\n      privateKey: pki/gateway-client-key.pem\n      trustAnchors: [pki/ca.pem]\nquery:\n",
            "audit.pars.url",
            "https"
        ),
        Refusal(
            "audit: PARS client certificate missing",
            "query:\n",
            "audit:\n  pars:\n    url: https://pars.example/FHIR/R4\n    tls:\n      certificate: pki/nothing.pem\n      privateKey: pki/gateway-client-key.pem\n      trustAnchors: [pki/ca.pem]\nquery:\n",
            "audit.pars.tls.certificate",
            "not found"
        ),
        Refusal(
            "audit: an ASID that is not digits",
            "query:\n",
            "audit:\n  asid: RX1-GATEWAY\nquery:\n",
            "audit.asid",
            "expected the gateway's ASID: 1 to 18 digits"
        ),
        Refusal(
            "audit: an unknown serialisation",
            "query:\n",
            "audit:\n  format: atna\nquery:\n",
            "audit.format",
            "expected pars or balp"
        ),
        Refusal(
            "audit: an unknown PARS mode",
            "query:\n",
            "audit:\n  pars:\n    url: https://pars.example/FHIR/R4\n    mode: syslog\n    tls:\n      certificate: pki/gateway-client.pem\n      privateKey: pki/gateway-client-key.pem\n      trustAnchors: [pki/ca.pem]\nquery:\n",
            "audit.pars.mode",
            "expected put, post or batch"
        ),
        Refusal(
            "unknown key, with the nearest known key suggested",
            "    endpoints:\n      query:",
            "    endpoint:\n      query:",
            "communities[0].endpoint",
            "unknown key (did you mean \"endpoints\"?)"
        ),
        Refusal(
            "unknown key without a near one lists the known keys",
            "query:\n  deadline: 20s",
            "query:\n  deadline: 20s\n  colour: blue",
            "query.colour",
            "unknown key (known here: deadline, maxResponseBytes, deduplicate)"
        ),
        Refusal(
            "unknown top-level key",
            "query:\n",
            "comunities: []\nquery:\n",
            "comunities",
            "unknown key (did you mean \"communities\"?)"
        ),
        Refusal(
            "a list where a duration belongs",
            "    timeout: 10s",
            "    timeout: [10s]",
            "communities[0].timeout",
            "expected a single value (duration), not a list"
        ),
        Refusal(
            "gateway.shutdown.drainTimeout of zero",
            "  listen: 127.0.0.1:8443",
            "  listen: 127.0.0.1:8443\n  shutdown:\n    drainTimeout: 0s",
            "gateway.shutdown.drainTimeout",
            "must be greater than zero"
        ),
        Refusal(
            "gateway.shutdown.drainTimeout without a unit",
            "  listen: 127.0.0.1:8443",
            "  listen: 127.0.0.1:8443\n  shutdown:\n    drainTimeout: 30",
            "gateway.shutdown.drainTimeout",
            "(a unit is required)"
        ),
        Refusal(
            "gateway.shutdown as a single value",
            "  listen: 127.0.0.1:8443",
            "  listen: 127.0.0.1:8443\n  shutdown: 30s",
            "gateway.shutdown",
            "expected a section of keys, not a single value"
        ),
        Refusal(
            "audit.shutdownFlushTimeout negative",
            "query:\n",
            "audit:\n  shutdownFlushTimeout: -5s\nquery:\n",
            "audit.shutdownFlushTimeout",
            "must be greater than zero"
        ),
        Refusal(
            "audit.shutdownFlushTimeout in an unknown unit",
            "query:\n",
            "audit:\n  shutdownFlushTimeout: 10 minutes\nquery:\n",
            "audit.shutdownFlushTimeout",
            "(units: ms, s, m, h, d)"
        ),
        Refusal(
            "text where a number belongs",
            "  listen: 127.0.0.1:8443",
            "  listen: 127.0.0.1:8443\n  limits:\n    maxConnections: lots",
            "gateway.limits.maxConnections",
            "expected a whole number"
        ),
        Refusal(
            "a single value where a section belongs",
            "query:\n  deadline: 20s",
            "query: fast",
            "query",
            "expected a section of keys, not a single value"
        ),
        Refusal(
            "a single file where a list of trust anchors belongs",
            "    trustAnchors: [pki/ca.pem]\nquery",
            "    trustAnchors: pki/ca.pem\nquery",
            "gateway.tls.trustAnchors",
            "expected a list of file paths, not a single value"
        ),
        Refusal(
            "no trust anchor at all",
            "    trustAnchors: [pki/ca.pem]\nquery",
            "    trustAnchors: []\nquery",
            "gateway.tls.trustAnchors",
            "at least one required"
        ),
        Refusal(
            "a boolean that is not one",
            "    timeout: 10s",
            "    timeout: 10s\n    enabled: maybe",
            "communities[0].enabled",
            "expected true or false"
        ),
        Refusal(
            "an unknown choice",
            "  deadline: 20s",
            "  deadline: 20s\n  deduplicate: byHome",
            "query.deduplicate",
            "expected off, byIdAndHome or byId"
        ),
        Refusal(
            "a TLS version older than 1.2",
            "    trustAnchors: [pki/ca.pem]\nquery",
            "    trustAnchors: [pki/ca.pem]\n    minimumVersion: \"1.1\"\nquery",
            "gateway.tls.minimumVersion",
            "expected \"1.2\" or \"1.3\""
        ),
        Refusal(
            "missing required key",
            "  homeCommunityId: urn:oid:1.2.826.0.1.3680043.10.1\n",
            "",
            "gateway.homeCommunityId",
            "required key is missing"
        ),
        Refusal(
            "missing required section",
            "    tls:\n" + ConfigurationFixture.northTLS,
            "    timeout",
            "communities[0].tls",
            "required key is missing"
        ),
        Refusal(
            "missing communities",
            "communities:\n",
            "other:\n",
            "communities",
            "required key is missing"
        ),
        Refusal(
            "malformed gateway homeCommunityId",
            "urn:oid:1.2.826.0.1.3680043.10.1\n",
            "1.2.826.0.1.3680043.10.1\n",
            "gateway.homeCommunityId",
            "is not a valid homeCommunityId (does not start with urn:oid:)"
        ),
        Refusal(
            "malformed community homeCommunityId",
            "urn:oid:1.2.826.0.1.3680043.10.2\n",
            "urn:oid:1.2.826.0.1.3680043..2\n",
            "communities[0].homeCommunityId",
            "is not a valid homeCommunityId (OID has an empty component)"
        ),
        Refusal(
            "a homeCommunityId over 64 characters",
            "urn:oid:1.2.826.0.1.3680043.10.2\n",
            "urn:oid:1.2.826.0.1.3680043.10.2.\(String(repeating: "1.", count: 20))1\n",
            "communities[0].homeCommunityId",
            "is not a valid homeCommunityId (is longer than 64 characters)"
        ),
        Refusal(
            "a malformed community name",
            "name: north-imaging",
            "name: North_Imaging",
            "communities[0].name",
            "use only lowercase letters, digits and '-'"
        ),
        Refusal(
            "duplicate community names",
            "name: midlands-imaging",
            "name: north-imaging",
            "communities[1].name",
            "duplicate: communities[0] has the same name"
        ),
        Refusal(
            "duplicate community homeCommunityIds (the prefix's case does not matter)",
            "urn:oid:1.2.826.0.1.3680043.10.3\n",
            "URN:OID:1.2.826.0.1.3680043.10.2\n",
            "communities[1].homeCommunityId",
            "duplicate: communities[0] has the same homeCommunityId"
        ),
        Refusal(
            "a community with the gateway's own homeCommunityId",
            "urn:oid:1.2.826.0.1.3680043.10.3\n",
            "urn:oid:1.2.826.0.1.3680043.10.1\n",
            "communities[1].homeCommunityId",
            "is the gateway's own (gateway.homeCommunityId)"
        ),
        Refusal(
            "a malformed repository OID",
            "repositories: [1.2.826.0.1.3680043.10.2.1]",
            "repositories: [1.2.826.0.1.3680043.10.2.1, 1.02.3]",
            "communities[0].repositories[1]",
            "is not a valid OID (has a component with a leading zero)"
        ),
        Refusal(
            "a malformed Imaging Document Source OID",
            "repositories: [1.2.826.0.1.3680043.10.2.1]",
            "repositories: [1.2.826.0.1.3680043.10.2.1]\n    imagingDocumentSources: [3.1.4]",
            "communities[0].imagingDocumentSources[0]",
            "is not a valid OID (has a first arc other than 0, 1 or 2)"
        ),
        Refusal(
            "an endpoint that is not https",
            "query: https://localhost:9001/xca",
            "query: http://localhost:9001/xca",
            "communities[0].endpoints.query",
            "must be an https URL (the scheme is http)"
        ),
        Refusal(
            "an endpoint that is not a URL",
            "imagingRetrieve: https://localhost:9002/xcai",
            "imagingRetrieve: localhost 9002",
            "communities[1].endpoints.imagingRetrieve",
            "is not a URL"
        ),
        Refusal(
            "an endpoint with credentials",
            "query: https://localhost:9001/xca",
            "query: https://user:secret@localhost:9001/xca",
            "communities[0].endpoints.query",
            "must not carry a user name or password"
        ),
        Refusal(
            "no endpoint at all",
            "    endpoints:\n      imagingRetrieve: https://localhost:9002/xcai\n",
            "    endpoints: {}\n",
            "communities[1].endpoints",
            "at least one endpoint is required (query, retrieve or imagingRetrieve)"
        ),
        Refusal(
            "a zero timeout",
            "    timeout: 10s",
            "    timeout: 0s",
            "communities[0].timeout",
            "must be greater than zero"
        ),
        Refusal(
            "a negative deadline",
            "  deadline: 20s",
            "  deadline: -5s",
            "query.deadline",
            "must be greater than zero"
        ),
        Refusal(
            "a duration without a unit",
            "  deadline: 20s",
            "  deadline: 20",
            "query.deadline",
            "expected a duration such as 250ms, 10s, 2m, 1h or 90d (a unit is required)"
        ),
        Refusal(
            "a zero size",
            "  deadline: 20s",
            "  deadline: 20s\n  maxResponseBytes: 0",
            "query.maxResponseBytes",
            "must be greater than zero"
        ),
        Refusal(
            "a size with an unknown unit",
            "  deadline: 20s",
            "  deadline: 20s\n  maxResponseBytes: 64MB",
            "query.maxResponseBytes",
            "expected a size such as 64KiB, 16MiB, 1GiB or a number of bytes (units: B, KiB, MiB, GiB)"
        ),
        Refusal(
            "admin: a listen address without a port",
            "  listen: 127.0.0.1:8443\n",
            "  listen: 127.0.0.1:8443\n  admin:\n    listen: 127.0.0.1\n",
            "gateway.admin.listen",
            "expected HOST:PORT"
        ),
        Refusal(
            "admin: enabled that is neither true nor false",
            "  listen: 127.0.0.1:8443\n",
            "  listen: 127.0.0.1:8443\n  admin:\n    enabled: sometimes\n",
            "gateway.admin.enabled",
            "expected true or false"
        ),
        Refusal(
            "admin: on the gateway's own address",
            "  listen: 127.0.0.1:8443\n",
            "  listen: 127.0.0.1:8443\n  admin:\n    listen: 127.0.0.1:8443\n",
            "gateway.admin.listen",
            "is the address of gateway.listen"
        ),
        Refusal(
            "admin: on the gateway's port, every interface",
            "  listen: 127.0.0.1:8443\n",
            "  listen: 127.0.0.1:8443\n  admin:\n    listen: 0.0.0.0:8443\n",
            "gateway.admin.listen",
            "is the address of gateway.listen"
        ),
        Refusal(
            "admin: an unknown key",
            "  listen: 127.0.0.1:8443\n",
            "  listen: 127.0.0.1:8443\n  admin:\n    port: 9464\n",
            "gateway.admin.port",
            "unknown key (known here: enabled, listen)"
        ),
        Refusal(
            "a listen address without a port",
            "listen: 127.0.0.1:8443",
            "listen: 127.0.0.1",
            "gateway.listen",
            "expected HOST:PORT such as 127.0.0.1:8443 or [::1]:8443 (no port)"
        ),
        Refusal(
            "an IPv6 listen address without brackets",
            "listen: 127.0.0.1:8443",
            "listen: ::1:8443",
            "gateway.listen",
            "(write an IPv6 address in brackets)"
        ),
        Refusal(
            "a listen port out of range",
            "listen: 127.0.0.1:8443",
            "listen: 127.0.0.1:70000",
            "gateway.listen",
            "(the port must be 0-65535)"
        ),
        Refusal(
            "a listen host that is no address",
            "listen: 127.0.0.1:8443",
            "listen: 999.1.1.1:8443",
            "gateway.listen",
            "(the host is neither an IP address nor a host name)"
        ),
        Refusal(
            "an empty community list",
            "communities:\n",
            "communities: []\nunused:\n",
            "communities",
            "at least one entry is required"
        ),
    ]
}

@Suite("Configuration: what start-up refuses")
struct ConfigurationRefusalTests {
    @Test(arguments: Refusal.all)
    func refused(_ refusal: Refusal) throws {
        let fixture = try ConfigurationFixture()
        let yaml = try ConfigurationFixture.yaml(refusal.edits.map { ($0.text, $0.replacement) })
        let problems = fixture.problems(yaml)
        let problem = try #require(problems.at(refusal.path), "\(problems)")
        #expect(problem.message.contains(refusal.message), "\(problem.message)")
        #expect(problem.severity == .error)
        #expect(problem.line != nil)
    }

    @Test("a YAML syntax error is reported with its line")
    func syntax() throws {
        let fixture = try ConfigurationFixture()
        let problems = fixture.problems(try ConfigurationFixture.yaml([("    timeout: 10s\n", "    timeout: [10s\n")]))
        try #require(problems.count == 1)
        #expect(problems[0].path == "")
        #expect(problems[0].message.hasPrefix("YAML syntax error: "))
        #expect((20...22).contains(problems[0].line ?? 0), "\(problems[0])")
    }

    @Test("a key given twice is a YAML error with its line")
    func duplicateKey() throws {
        let fixture = try ConfigurationFixture()
        let problems = fixture.problems(
            try ConfigurationFixture.yaml([("query:\n  deadline: 20s\n", "query:\n  deadline: 20s\n  deadline: 30s\n")])
        )
        try #require(problems.count == 1)
        #expect(problems[0].message.contains("a key appears twice in one section: \"deadline\""))
        #expect(problems[0].line == 9)
    }

    @Test("every problem of a file is reported at once, in file order, one line each")
    func manyProblems() throws {
        let fixture = try ConfigurationFixture()
        let yaml = try ConfigurationFixture.yaml([
            ("listen: 127.0.0.1:8443", "listen: localhost"),
            ("    certificate: pki/server.pem", "    certificate: pki/missing.pem"),
            ("  deadline: 20s", "  deadline: soon"),
            ("    endpoints:\n      query:", "    endpoint:\n      query:"),
            ("    timeout: 10s", "    timeout: 0s"),
            ("urn:oid:1.2.826.0.1.3680043.10.3\n", "urn:oid:1.2.826.0.1.3680043.10.2\n"),
            ("imagingRetrieve: https://localhost:9002/xcai", "imagingRetrieve: ftp://localhost/xcai"),
        ])
        let error = try #require(throws: ConfigurationError.self) {
            try GatewayConfiguration.parse(
                yaml: yaml,
                baseDirectory: fixture.path,
                file: "gateway.yaml",
                now: fixture.now
            )
        }
        let expected: [(String, String)] = [
            ("gateway.listen", "expected HOST:PORT"),
            ("gateway.tls.certificate", "file not found (\(fixture.path)/pki/missing.pem)"),
            ("query.deadline", "expected a duration"),
            ("communities[0].endpoint", "unknown key (did you mean \"endpoints\"?)"),
            ("communities[0].endpoints", "required key is missing"),
            ("communities[0].timeout", "must be greater than zero"),
            ("communities[1].homeCommunityId", "duplicate: communities[0] has the same homeCommunityId"),
            ("communities[1].endpoints.imagingRetrieve", "must be an https URL (the scheme is ftp)"),
        ]
        for (path, message) in expected {
            #expect(error.problems.contains(path, message), "\(path): \(message)\n\(error)")
        }
        #expect(error.errors.count == expected.count, "\(error)")
        let lines = error.problems.compactMap(\.line)
        #expect(lines.count == error.problems.count && lines == lines.sorted())
        let printed = error.description.split(separator: "\n")
        #expect(printed.count == error.problems.count)
        #expect(
            printed.contains(
                "gateway.yaml:3: error: gateway.listen: "
                    + "expected HOST:PORT such as 127.0.0.1:8443 or [::1]:8443 (no port)"
            )
        )
        #expect(printed.contains { $0.hasPrefix("gateway.yaml:5: error: gateway.tls.certificate: file not found (") })
    }
}
