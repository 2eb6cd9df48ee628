import Benchmark
import Foundation
import XCAXML

/// Benchmarks of the foundation layer. Run with `Tests/Benchmarks/run.sh` (see BENCHMARKS.md), which sets
/// XCA_BENCHMARKS=1 so that the manifest includes this target.
let benchmarks: @Sendable () -> Void = {
    S4MergeTool.runIfAsked()  // Tests/Benchmarks/merge.sh: one measurement per process
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .peakMemoryResidentDelta, .mallocCountTotal],
        maxDuration: .seconds(10),
        maxIterations: 30
    )
    xmlReaderBenchmarks()
    mtomBenchmarks()
    bindingBenchmarks()
}

/// A 40 MB AdhocQueryResponse: 6,900 DocumentEntries of 5.8 KB.
let largeQueryResponse: [UInt8] = SyntheticQueryResponse.make(entries: 6_900)

let largeQueryResponseFile: String = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("xca-bench-adhoc-response.xml").path
    FileManager.default.createFile(atPath: path, contents: Data(largeQueryResponse))
    return path
}()

func xmlReaderBenchmarks() {
    let megabytes = Double(largeQueryResponse.count) / 1_000_000
    let limits = XMLLimits(maxDocumentSize: 256 << 20)

    Benchmark(
        "XML reader: walk \(Int(megabytes)) MB AdhocQueryResponse",
        configuration: .init(scalingFactor: .one)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let nodes = try largeQueryResponse.withUnsafeBytes { bytes in
                try XMLStreamReader.withReader(over: bytes, limits: limits) { reader in
                    var nodes = 0
                    while try reader.next() != nil { nodes += 1 }
                    return nodes
                }
            }
            blackHole(nodes)
        }
    }

    Benchmark(
        "baseline: xmllint --stream on the same \(Int(megabytes)) MB file (process)",
        configuration: .init(metrics: [.wallClock], scalingFactor: .one)
    ) { benchmark in
        let path = largeQueryResponseFile
        for _ in benchmark.scaledIterations {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
            process.arguments = ["--stream", "--noout", path]
            try process.run()
            process.waitUntilExit()
            precondition(process.terminationStatus == 0, "xmllint failed")
        }
    }

    Benchmark(
        "XML copy: every ExtrinsicObject of \(Int(megabytes)) MB re-serialised, home stamped",
        configuration: .init(scalingFactor: .one)
    ) { benchmark in
        let edit = XMLAttributeEdit(name: "home", value: "urn:oid:1.2.3", mode: .fillIfMissingOrEmpty)
        for _ in benchmark.scaledIterations {
            let written = try largeQueryResponse.withUnsafeBytes { bytes in
                try XMLStreamReader.withReader(over: bytes, limits: limits) { reader in
                    var writer = XMLWriter(capacity: 1 << 20)
                    var total = 0
                    while try reader.nextStartElement() {
                        if reader.nameEquals("ExtrinsicObject", namespace: "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0") {
                            try writer.copyElement(from: reader, editingRootAttribute: edit)
                            if writer.bytes.count > 1 << 20 { total += writer.drain().count }
                        }
                    }
                    return total + writer.bytes.count
                }
            }
            blackHole(written)
        }
    }
}
