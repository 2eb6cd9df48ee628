import Testing

@testable import XCAGateway

@Suite("Configuration: value syntax")
struct ConfigurationSyntaxTests {
    @Test(arguments: [
        ("250ms", Duration.milliseconds(250)), ("10s", .seconds(10)), ("2m", .seconds(120)), ("1h", .seconds(3_600)),
        ("0s", .zero), ("-5s", .seconds(-5)),
    ])
    func durations(_ text: String, _ expected: Duration) throws {
        #expect(try ConfigurationSyntax.duration(text).get() == expected)
    }

    @Test(arguments: ["10", "10 s", "s", "1.5s", "10sec", "", "--1s", "9999999999999s"])
    func malformedDurations(_ text: String) {
        #expect(throws: ConfigurationSyntax.SyntaxProblem.self) { try ConfigurationSyntax.duration(text).get() }
    }

    @Test(arguments: [
        (Duration.seconds(3_600), "1h"), (.seconds(120), "2m"), (.seconds(90), "90s"), (.milliseconds(250), "250ms"),
        (.milliseconds(1_500), "1500ms"), (.zero, "0s"),
    ])
    func formattedDurations(_ duration: Duration, _ expected: String) throws {
        #expect(ConfigurationSyntax.format(duration) == expected)
        #expect(try ConfigurationSyntax.duration(expected).get() == duration)
    }

    @Test(arguments: [
        ("64KiB", 65_536), ("16MiB", 16 << 20), ("1GiB", 1 << 30), ("1048576", 1_048_576), ("512B", 512), ("0", 0),
    ])
    func sizes(_ text: String, _ expected: Int) throws {
        #expect(try ConfigurationSyntax.size(text).get() == expected)
        #expect(try ConfigurationSyntax.size(ConfigurationSyntax.formatSize(expected)).get() == expected)
    }

    @Test(arguments: ["64MB", "64 mib", "KiB", "1.5MiB", "", "99999999999GiB", "99999999999999999999"])
    func malformedSizes(_ text: String) {
        #expect(throws: ConfigurationSyntax.SyntaxProblem.self) { try ConfigurationSyntax.size(text).get() }
    }

    @Test(arguments: [
        ("127.0.0.1:8443", "127.0.0.1", 8443), ("[::1]:8443", "::1", 8443), ("localhost:0", "localhost", 0),
        ("0.0.0.0:443", "0.0.0.0", 443), ("gateway.nhs.example:9443", "gateway.nhs.example", 9443),
        ("[fe80::1]:1", "fe80::1", 1),
    ])
    func listenAddresses(_ text: String, _ host: String, _ port: Int) throws {
        let address = try GatewayConfiguration.ListenAddress.parse(text).get()
        #expect(address == .init(host: host, port: port))
        #expect(address.description == text)
    }

    @Test(arguments: [
        "8443", "127.0.0.1", "::1:8443", "[::1]8443", "[nothost]:1", "host:-1", "host:65536", "-bad-:1", ":8443",
        "a..b:1",
    ])
    func malformedListenAddresses(_ text: String) {
        #expect(throws: ConfigurationSyntax.SyntaxProblem.self) {
            try GatewayConfiguration.ListenAddress.parse(text).get()
        }
    }

    @Test(arguments: [
        ("endpoint", "endpoints"), ("home_community_id", "homeCommunityId"), ("tiemout", "timeout"),
        ("Timeout", "timeout"), ("maxConnection", "maxConnections"),
    ])
    func suggestions(_ typed: String, _ expected: String) {
        let keys = ["endpoints", "homeCommunityId", "timeout", "maxConnections", "name"]
        #expect(ConfigurationSyntax.suggestion(for: typed, among: keys) == expected)
    }

    @Test(arguments: ["colour", "x", "certificates2xyz"])
    func noSuggestion(_ typed: String) {
        #expect(ConfigurationSyntax.suggestion(for: typed, among: ["endpoints", "name", "tls", "certificate"]) == nil)
    }

    @Test(
        arguments: [
            ("https://north.example/xca", nil), ("https://north.example:8443/xca?x=1", nil),
            ("http://north.example/xca", "must be an https URL (the scheme is http)"),
            ("north.example/xca", "is not a URL"),
            ("https:///xca", "is not a URL (no host)"),
            ("https://a@north.example/", "must not carry a user name or password"),
        ] as [(String, String?)]
    )
    func urls(_ text: String, _ problem: String?) {
        #expect(ConfigurationSyntax.httpsURLProblem(text) == problem)
    }
}
