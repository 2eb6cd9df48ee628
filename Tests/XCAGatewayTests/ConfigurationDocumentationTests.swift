import Foundation
import Testing
import XCAFixtures

@testable import XCAGateway

@Suite("Configuration: documentation and example")
struct ConfigurationDocumentationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("every key of the table is in docs/configuration.md with its type and default")
    func documented() throws {
        let url = Self.root.appendingPathComponent("docs/configuration.md")
        var document = try String(contentsOf: url, encoding: .utf8)
        // XCA_WRITE_DOCS=1 swift test --filter documented: rewrites the table from the schema (then review the diff).
        if ProcessInfo.processInfo.environment["XCA_WRITE_DOCS"] == "1" {
            var lines = document.components(separatedBy: "\n")
            let header = try #require(lines.firstIndex(of: "| Key | Type | Default | Meaning |"))
            var end = header + 2
            while end < lines.count, lines[end].hasPrefix("| `") { end += 1 }
            lines.replaceSubrange(header..<end, with: GatewayConfiguration.markdownTable.components(separatedBy: "\n"))
            document = lines.joined(separator: "\n")
            try document.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(document.contains(GatewayConfiguration.markdownTable), "the key table differs from the schema's")
        for key in GatewayConfiguration.keys {
            #expect(document.contains(key.markdownRow), "missing or different row:\n\(key.markdownRow)")
        }
        let rows = document.split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.count == GatewayConfiguration.keys.count, "the document lists keys the table does not know")
    }

    @Test("the table documents the keys the reader accepts, with the defaults that run")
    func table() throws {
        let keys = GatewayConfiguration.keys
        #expect(Set(keys.map(\.path)).count == keys.count)
        let byPath = Dictionary(uniqueKeysWithValues: keys.map { ($0.path, $0) })
        #expect(byPath["query.deadline"]?.defaultValue == "20s")
        #expect(byPath["gateway.limits.maxBodyBytes"]?.defaultValue == "16MiB")
        #expect(byPath["retrieve.transferTimeout"]?.defaultValue == "1h")
        #expect(byPath["gateway.listen"]?.defaultValue == "127.0.0.1:8443")
        #expect(byPath["communities[].tls.certificate"]?.defaultValue == "required")
        #expect(byPath["communities[].quirks.maxDocumentsPerRetrieve"]?.defaultValue == "none")
        #expect(byPath["communities[].repositories"]?.defaultValue == "none")
        #expect(byPath["communities[].enabled"]?.defaultValue == "true")
        #expect(byPath["query.deduplicate"]?.type == "off, byIdAndHome or byId")
        for key in keys where !key.summary.hasSuffix(".") {
            Issue.record("\(key.path): the summary should be a sentence")
        }
    }

    @Test("the example loads without a problem once the development PKI is minted next to it")
    func example() throws {
        let fixture = try ConfigurationFixture()
        let example = try String(
            contentsOf: Self.root.appendingPathComponent("docs/examples/gateway.yaml"),
            encoding: .utf8
        )
        try fixture.write(example, to: "gateway.yaml")
        let configuration = try GatewayConfiguration.load(file: fixture.path + "/gateway.yaml", now: fixture.now)
        #expect(configuration.warnings.isEmpty, "\(configuration.warnings)")
        #expect(configuration.communities.map(\.name) == DevelopmentPKI.defaultCommunities)
        let leaves = Set(GatewayConfiguration.keys.map { $0.path.split(separator: ".").last.map(String.init) ?? "" })
        for leaf in leaves {
            let key = leaf.hasSuffix("[]") ? String(leaf.dropLast(2)) : leaf
            #expect(example.contains(key + ":"), "the example does not show \(key)")
        }
    }
}
