import Benchmark
import Foundation
import XCABinding
import XCAModel
import XCASOAP

/// The command side of `Tests/Benchmarks/merge.sh` (performance goal S4), run by starting this executable with
/// `XCA_S4` set instead of the benchmark suite, so that each measurement is a process of its own (peak RSS, pinning):
///
/// - `XCA_S4=generate XCA_S4_DIR=… XCA_S4_ENTRIES="10 100" XCA_S4_COMMUNITIES=3` writes
///   `s4-<entries>-<community>.xml`, one AdhocQueryResponse per community (``SyntheticQueryResponse``); the last
///   community's objects carry `home=""`, so that their start tags are patched on the way through.
/// - `XCA_S4=merge XCA_S4_FILES="a b c" XCA_S4_ITERATIONS=100 XCA_S4_VERBATIM=1` merges the files as the answers
///   of communities 1, 2, 3… into one response, `XCA_S4_ITERATIONS` times, and prints `key=value` figures. Timed:
///   reading the files (from the page cache, into buffers allocated once) and the whole merge up to the finished
///   response, as `xmllint --stream --timing` times reading its file and parsing it; both wall-clock and CPU time
///   (user + system) of that stretch are printed.
enum S4MergeTool {
    static func community(_ number: Int) -> HomeCommunityID {
        HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.3680043.10.\(1_000 + number)")
    }

    /// Runs the command in `XCA_S4` and exits; returns when there is none.
    static func runIfAsked() {
        let environment = ProcessInfo.processInfo.environment
        guard let command = environment["XCA_S4"] else { return }
        do {
            switch command {
            case "generate": try generate(environment)
            case "merge": try merge(environment)
            default: throw ToolError("unknown XCA_S4 command \(command)")
            }
            exit(0)
        } catch {
            FileHandle.standardError.write(Data("S4 tool: \(error)\n".utf8))
            exit(1)
        }
    }

    struct ToolError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func generate(_ environment: [String: String]) throws {
        guard let directory = environment["XCA_S4_DIR"] else { throw ToolError("XCA_S4_DIR missing") }
        let sizes = (environment["XCA_S4_ENTRIES"] ?? "10 100 1000 10000").split(separator: " ").compactMap { Int($0) }
        let communities = Int(environment["XCA_S4_COMMUNITIES"] ?? "3") ?? 3
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for entries in sizes {
            for number in 1...communities {
                let home = number == communities ? "" : community(number).rawValue
                let bytes = SyntheticQueryResponse.make(entries: entries, home: home)
                let path = "\(directory)/s4-\(entries)-\(number).xml"
                guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                    throw ToolError("cannot write \(path)")
                }
            }
        }
    }

    static func merge(_ environment: [String: String]) throws {
        let paths = (environment["XCA_S4_FILES"] ?? "").split(separator: " ").map(String.init)
        guard !paths.isEmpty else { throw ToolError("XCA_S4_FILES missing") }
        let iterations = max(1, Int(environment["XCA_S4_ITERATIONS"] ?? "1") ?? 1)
        let verbatim = environment["XCA_S4_VERBATIM"] != "0"
        let rssBefore = peakRSSKiB()

        // One buffer per answer, allocated and touched once: the timed loop reads into them.
        let sizes = try paths.map { path in
            guard let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int else {
                throw ToolError("cannot stat \(path)")
            }
            return size
        }
        let buffers = sizes.map { UnsafeMutableRawBufferPointer.allocate(byteCount: max($0, 1), alignment: 16) }
        defer { buffers.forEach { $0.deallocate() } }
        for (path, buffer) in zip(paths, buffers) { try read(path, into: buffer) }

        let addressing = AddressingHeaders(
            action: Transaction.iti38.responseAction,
            messageID: "urn:uuid:6f1d2a0c-8b7e-4c55-9a3e-2d1f0e9c8b7a",
            relatesTo: ["urn:uuid:0b8e4c1e-3d9f-4a55-9a0a-5b1d0c2e7f10"]
        )
        var mergedBytes = 0
        var objects = 0
        var verbatimAnswers = 0
        let clock = ContinuousClock()
        let cpuStart = cpuMicroseconds()
        let start = clock.now
        for _ in 0..<iterations {
            var merger = QueryResponseMerger()
            merger.copiesVerbatim = verbatim
            for (number, (path, buffer)) in zip(paths, buffers).enumerated() {
                let count = try read(path, into: buffer)
                _ = try merger.add(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), from: community(number + 1))
            }
            let chunks = try merger.finish(addressing: addressing)
            mergedBytes = chunks.reduce(0) { $0 + $1.count }
            objects = merger.objectCount
            verbatimAnswers = merger.verbatimAnswers
            blackHole(chunks)
        }
        let elapsed = clock.now - start
        let cpuSeconds = Double(cpuMicroseconds() - cpuStart) / 1e6
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let input = sizes.reduce(0, +)
        let perIteration = seconds / Double(iterations)
        print(
            "input_bytes=\(input) merged_bytes=\(mergedBytes) objects=\(objects) verbatim_answers=\(verbatimAnswers)",
            "iterations=\(iterations) ms_per_iteration=\(perIteration * 1_000)",
            "mb_per_s=\(Double(input) / perIteration / 1e6)",
            "cpu_ms_per_iteration=\(cpuSeconds / Double(iterations) * 1_000)",
            "cpu_mb_per_s=\(Double(input) * Double(iterations) / cpuSeconds / 1e6)",
            "rss_before_kib=\(rssBefore) rss_peak_kib=\(peakRSSKiB())"
        )
    }

    /// Reads the whole file into `buffer`; returns its size.
    @discardableResult
    static func read(_ path: String, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ToolError("cannot open \(path)") }
        defer { close(descriptor) }
        var total = 0
        while total < buffer.count {
            let count = Glibc.read(descriptor, buffer.baseAddress! + total, buffer.count - total)
            guard count >= 0 else { throw ToolError("cannot read \(path)") }
            if count == 0 { break }
            total += count
        }
        return total
    }

    /// User and system CPU time of the process so far.
    static func cpuMicroseconds() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1_000_000 + usage.ru_utime.tv_usec
            + usage.ru_stime.tv_usec
    }

    static func peakRSSKiB() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss
    }
}
