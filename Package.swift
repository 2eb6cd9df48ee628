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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
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
        .executableTarget(
            name: "xca-gateway",
            dependencies: [
                "XCABinding",
                "XCAModel",
                "XCASOAP",
                "XCAXML",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
