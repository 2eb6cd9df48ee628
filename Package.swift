// swift-tools-version: 6.2
import PackageDescription

import class Foundation.ProcessInfo

/// Settings every target of ours shares: Swift 6 language mode (strict concurrency) and no warnings.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .treatAllWarnings(as: .error),
    .enableUpcomingFeature("ExistentialAny"),
]

var package = Package(
    name: "xca-gateway",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "xca-gateway", targets: ["xca-gateway"]),
        .library(name: "XCAXML", targets: ["XCAXML"]),
        .library(name: "XCASOAP", targets: ["XCASOAP"]),
        .library(name: "XCAModel", targets: ["XCAModel"]),
        .library(name: "XCABinding", targets: ["XCABinding"]),
        .library(name: "XCATransport", targets: ["XCATransport"]),
        .library(name: "XCAFixtures", targets: ["XCAFixtures"]),
        .library(name: "XCAFederation", targets: ["XCAFederation"]),
        .library(name: "XCAGateway", targets: ["XCAGateway"]),
        .library(name: "XCAAudit", targets: ["XCAAudit"]),
        .library(name: "XCAAuditOutbox", targets: ["XCAAuditOutbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "XCAXML",
            dependencies: ["CLibXML2"],
            swiftSettings: strict
        ),
        .target(
            name: "XCASOAP",
            dependencies: [
                "XCAXML",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "XCAModel",
            swiftSettings: strict
        ),
        .target(
            name: "XCABinding",
            dependencies: [
                "XCAXML",
                "XCASOAP",
                "XCAModel",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // The network edge: inbound HTTPS with mutual TLS (Hummingbird) and the outbound client (async-http-client).
        .target(
            name: "XCATransport",
            dependencies: [
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The fixture federation as data and behaviour (no sockets): federation description and generator, DICOM
        // Part-10 and KOS writing, the stored-query engine, retrieve responders, and the development PKI.
        .target(
            name: "XCAFixtures",
            dependencies: [
                "XCABinding", "XCAModel", "XCASOAP", "XCAXML",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict
        ),
        // Fixture Responding Gateways: XCAFixtures served over XCATransport's mutual TLS, with fault injection.
        .target(
            name: "XCAFixtureServer",
            dependencies: [
                "XCAFixtures", "XCATransport", "XCABinding", "XCAModel", "XCASOAP", "XCAAudit",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // Federation logic without I/O: community directory, planners, fan-out under one deadline, aggregation,
        // circuit breakers. Knows nothing of NIO or XML.
        .target(
            name: "XCAFederation",
            dependencies: [
                "XCAModel",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // PARS audit records: the FHIR R4 AuditEvent mapping (audit.md) for every transaction and role, the XUA
        // identity of the end user, the PARS and IHE/BALP serialisations, and the journal contract. No I/O.
        .target(
            name: "XCAAudit",
            dependencies: ["XCAModel", "XCABinding", "XCASOAP", "XCAXML"],
            swiftSettings: strict
        ),
        // The durable audit outbox (SQLite WAL, synchronous FULL, group commit) and its delivery: PARS over mutual
        // TLS, NDJSON files, stdout; status, export and access reports for operators.
        .target(
            name: "XCAAuditOutbox",
            dependencies: [
                "XCAAudit", "XCATransport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The composition root: configuration, the request pipeline, the SOAP community client, the streamed
        // retrieve relay, the gateway Service and the embedded default federation.
        .target(
            name: "XCAGateway",
            dependencies: [
                "XCAFederation", "XCATransport", "XCABinding", "XCAModel", "XCASOAP", "XCAXML",
                "XCAFixtures", "XCAFixtureServer", "XCAAudit", "XCAAuditOutbox",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        // The consumer side: query and retrieve (ITI-38, ITI-39, RAD-75) against any XCA gateway with a client
        // certificate, imaging manifests followed to DICOM files on disk, and the certificate inventory.
        .target(
            name: "XCAClient",
            dependencies: [
                "XCATransport", "XCABinding", "XCAModel", "XCASOAP", "XCAXML", "XCAFixtures",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "xca-gateway",
            dependencies: [
                "XCAGateway", "XCAFederation", "XCAClient",
                "XCATransport", "XCAFixtures", "XCAFixtureServer",
                "XCAAuditOutbox",
                "XCABinding",
                "XCAModel",
                "XCASOAP",
                "XCAXML",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "XCAXMLTests",
            dependencies: ["XCAXML"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "XCASOAPTests",
            dependencies: [
                "XCASOAP", "XCAXML",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "XCAModelTests",
            dependencies: ["XCAModel"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "XCABindingTests",
            dependencies: [
                "XCABinding", "XCASOAP", "XCAXML", "XCAModel",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "XCATransportTests",
            dependencies: [
                "XCATransport", "XCAFixtures",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "XCAFixturesTests",
            dependencies: [
                "XCAFixtures", "XCABinding", "XCAModel", "XCASOAP", "XCAXML",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "XCAFederationTests",
            dependencies: [
                "XCAFederation", "XCAModel",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "XCAGatewayTests",
            dependencies: [
                "XCAGateway", "XCAFederation", "XCAFixtureServer", "XCAFixtures", "XCATransport", "XCABinding",
                "XCAModel", "XCASOAP", "XCAXML", "XCAAudit", "XCAAuditOutbox",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "XCAClientTests",
            dependencies: [
                "XCAClient", "XCAGateway", "XCAFederation", "XCAFixtureServer", "XCAFixtures", "XCATransport",
                "XCABinding", "XCAModel", "XCASOAP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "XCAAuditTests",
            dependencies: ["XCAAudit", "XCAModel", "XCABinding", "XCASOAP", "XCAXML"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "XCAAuditOutboxTests",
            dependencies: [
                "XCAAuditOutbox", "XCAAudit", "XCATransport", "XCAFixtures", "XCAFixtureServer",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "XCAFixtureServerTests",
            dependencies: [
                "XCAFixtureServer", "XCAFixtures", "XCATransport", "XCABinding", "XCAModel", "XCASOAP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
    ]
)

// Benchmarks (ordo-one/benchmark) are only part of the manifest when asked for, so that an ordinary
// `swift build` / `swift test` does not build the harness: XCA_BENCHMARKS=1 swift package benchmark
if ProcessInfo.processInfo.environment["XCA_BENCHMARKS"] != nil {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"])
    )
    for name in ["XCABenchmarks"] {
        package.targets.append(
            .executableTarget(
                name: name,
                dependencies: [
                    "XCAXML", "XCASOAP", "XCABinding", "XCAModel",
                    .product(name: "NIOCore", package: "swift-nio"),
                    .product(name: "Benchmark", package: "benchmark"),
                ],
                path: "Tests/Benchmarks/\(name)",
                swiftSettings: [.swiftLanguageMode(.v6)],
                plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
            )
        )
    }
}
